/**
 * The range picker: the last N days, "All time", or a custom span from two date inputs. It shows the range
 * the host actually used (so `aiLearning.dashboard.defaultRangeDays` is what a fresh page shows) and reports
 * a pick through `onPick`.
 */
import type { DashboardRange } from '../src/core/dashboard/range';
import { dayFromIso, dayIso } from '../src/core/dashboard/range';

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`dashboard: #${id} missing`);
  return e as T;
}

/** Makes sure a "last N days" option exists for N (the setting allows any N from 1 to 365). */
function ensureDaysOption(select: HTMLSelectElement, days: number): void {
  if ([...select.options].some((o) => o.value === String(days))) return;
  const option = Object.assign(document.createElement('option'), { value: String(days), textContent: `${days} days` });
  const before = [...select.options].find((o) => Number(o.value) > days || Number.isNaN(Number(o.value)));
  select.insertBefore(option, before ?? null);
}

/** Shows `range` in the picker without reporting it as a pick. */
export function showRange(range: DashboardRange): void {
  const select = el<HTMLSelectElement>('range');
  if (range.kind === 'days') ensureDaysOption(select, range.days);
  select.value = range.kind === 'days' ? String(range.days) : range.kind;
  el('range-custom').hidden = range.kind !== 'custom';
  if (range.kind === 'custom') {
    el<HTMLInputElement>('range-from').value = dayIso(range.fromDay);
    el<HTMLInputElement>('range-to').value = dayIso(range.toDay);
  }
}

/** Wires the picker; `onPick` gets every range the user chooses. */
export function setupRangePicker(onPick: (range: DashboardRange) => void): void {
  const select = el<HTMLSelectElement>('range');
  const from = el<HTMLInputElement>('range-from');
  const to = el<HTMLInputElement>('range-to');
  select.addEventListener('change', () => {
    el('range-custom').hidden = select.value !== 'custom';
    if (select.value === 'all') onPick({ kind: 'all' });
    else if (select.value !== 'custom') onPick({ kind: 'days', days: Number(select.value) });
  });
  el('range-apply').addEventListener('click', () => {
    const fromDay = dayFromIso(from.value);
    const toDay = dayFromIso(to.value);
    const valid = fromDay !== undefined && toDay !== undefined && fromDay <= toDay;
    el('range-error').hidden = valid;
    if (valid) onPick({ kind: 'custom', fromDay, toDay });
  });
  el('show-all-time').addEventListener('click', () => {
    showRange({ kind: 'all' });
    onPick({ kind: 'all' });
  });
}
