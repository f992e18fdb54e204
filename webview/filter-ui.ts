/**
 * The filter bar: tool, model and project. A change posts the whole filter to the host, which queries again
 * with it (cards are filtered by query, never by hiding rows). Choices come from the data of the range.
 */
import type { DashboardData } from '../src/core/dashboard/dashboard-data';
import { projectName } from '../src/core/dashboard/time-model';
import { toolLabel } from '../src/core/model/tool-labels';
import type { UsageFilter } from '../src/core/store/time-cost-queries';

const select = (id: string): HTMLSelectElement => document.getElementById(`filter-${id}`) as HTMLSelectElement;

function fill(el: HTMLSelectElement, choices: { value: string; label: string }[], current: string): void {
  const all = Object.assign(document.createElement('option'), { value: '', textContent: 'All' });
  const options = choices.map((c) => Object.assign(document.createElement('option'), { value: c.value, textContent: c.label }));
  // A chosen value the range no longer has stays selectable, so the user sees what is applied and can clear it.
  if (current !== '' && !choices.some((c) => c.value === current)) {
    options.push(Object.assign(document.createElement('option'), { value: current, textContent: `${current} (none in range)` }));
  }
  el.replaceChildren(all, ...options);
  el.value = current;
}

/** The project choices: one per name (a project known under two hashes is one choice). */
function projectChoices(hashes: string[], names: Record<string, string>): { value: string; label: string }[] {
  const byName = new Map<string, string[]>();
  for (const h of hashes) byName.set(projectName(h, names), [...(byName.get(projectName(h, names)) ?? []), h]);
  return [...byName.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([label, hs]) => ({ value: hs.join(','), label }));
}

export function showFilter(data: DashboardData): void {
  const u = data.usage;
  document.querySelector('.filter-bar')?.toggleAttribute('hidden', !u);
  if (!u) return;
  fill(select('tool'), u.options.tools.map((t) => ({ value: t, label: toolLabel(t) })), u.filter.tool ?? '');
  fill(select('model'), u.options.models.map((m) => ({ value: m, label: m })), u.filter.model ?? '');
  fill(select('project'), projectChoices(u.options.projects, u.projectNames), (u.filter.project ?? []).join(','));
  const note = document.getElementById('filter-note');
  if (note) {
    const off = data.unfiltered ?? [];
    note.hidden = off.length === 0;
    note.textContent = off.length ? 'Cards marked "not filtered" are not recorded per tool, model or project.' : '';
  }
  for (const card of document.querySelectorAll<HTMLElement>('section.card')) {
    card.classList.toggle('unfiltered', (data.unfiltered ?? []).includes(card.id.replace(/-card$/, '')));
  }
}

/** Calls `onChange` with the bar's filter whenever one of its selects changes. */
export function setupFilterBar(onChange: (filter: UsageFilter) => void): void {
  const read = (): UsageFilter => {
    const f: UsageFilter = {};
    if (select('tool').value) f.tool = select('tool').value;
    if (select('model').value) f.model = select('model').value;
    if (select('project').value) f.project = select('project').value.split(',');
    return f;
  };
  for (const id of ['tool', 'model', 'project']) select(id).addEventListener('change', () => onChange(read()));
}
