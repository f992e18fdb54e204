/**
 * The dashboard page (browser bundle, chart.js bundled). Receives data only by postMessage after it
 * says `ready`; persists only its view state. Every chart has a table of the same numbers beside it.
 */
import type { DashboardRange } from '../src/core/dashboard/range';
import { rangeView } from '../src/core/dashboard/range-view';
import { languageBars, languageTable } from '../src/core/dashboard/chart-model';
import { evidenceSentence } from '../src/core/learn/evidence-text';
import { clearChart, drawChart, followTheme } from './charts';
import type { DashboardData } from '../src/core/dashboard/dashboard-data';
import type { DashboardViewState, WebviewToHost } from './protocol';
import { isHostToWebview, isViewState, isWebviewToHost } from './protocol';
import { setupRangePicker, showRange } from './range-ui';
import { renderTeam } from './team-section';
import { setupFilterBar, showFilter } from './filter-ui';
import { renderUsage } from './time-cost-ui';
import type { UsageFilter } from '../src/core/store/time-cost-queries';
import { commitShareRows, dailySeries, headline, healthText, insertionTotals, intentBars, modelRows, survivalCurve, tokenRows, toolRows } from '../src/core/dashboard/sections-model';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: DashboardViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
// No range until the user picks one: the host then shows `aiLearning.dashboard.defaultRangeDays`.
let viewState: DashboardViewState = isViewState(saved) ? saved : {};

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`dashboard: #${id} missing`);
  return el as T;
}

const fmt = (n: number) => n.toLocaleString();

/** Fills `#<id>-rows` and shows the card's empty note when there are no rows. */
function fillTable(id: string, rows: (string | number | null)[][]): boolean {
  element(`${id}-empty`).hidden = rows.length > 0;
  element(`${id}-body`).hidden = rows.length === 0;
  element(`${id}-rows`).replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement('tr');
      for (const cell of cells) {
        const td = document.createElement('td');
        td.textContent = cell === null ? '–' : typeof cell === 'number' ? fmt(cell) : cell;
        if (typeof cell === 'number') td.className = 'num';
        tr.append(td);
      }
      return tr;
    }),
  );
  return rows.length > 0;
}

/** The cards whose rows are AI requests: their empty text says when the range, not the history, is empty. */
const REQUEST_CARDS = ['intents', 'models', 'tokens'] as const;
/** Each card's own empty note, its buttons included, to put back when the range is not what empties it. */
const defaultEmpty = new Map<string, Node[]>();

function renderRangeNotes(data: DashboardData): boolean {
  const v = rangeView(data);
  // The range the host used: the user's pick, else the defaultRangeDays setting (not a page default).
  showRange(data.range ?? { kind: 'days', days: data.rangeDays });
  element('source').textContent = data.source === 'store' ? `${v.label}, from the local store` : v.label;
  element('range-note').hidden = v.note === undefined;
  element('range-note-text').textContent = v.note ?? '';
  element('show-all-time').hidden = !v.offerAllTime;
  for (const id of REQUEST_CARDS) {
    const note = element(`${id}-empty`);
    if (!defaultEmpty.has(id)) defaultEmpty.set(id, [...note.childNodes]);
    if (v.requestsEmpty !== undefined) note.textContent = v.requestsEmpty;
    else note.replaceChildren(...(defaultEmpty.get(id) ?? []));
    if (v.requestsEmpty !== undefined && v.offerAllTime) {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Show all time', className: 'all-time' });
      button.addEventListener('click', () => element('show-all-time').click());
      note.append(' ', button);
    }
  }
  return v.nothingRecorded;
}

function render(data: DashboardData): void {
  const empty = renderRangeNotes(data);
  element('empty').hidden = !empty;
  element('content').hidden = empty;
  element('capture-state').textContent = data.captureOn ? 'Capture on' : 'Capture off';
  element('updated').textContent = new Date(data.generatedTs).toLocaleTimeString();
  const health = healthText(data.health);
  element('health').hidden = health === null;
  element('health').textContent = health ? ` · ${health}` : '';
  const h = headline(data);
  element('kpi-ai-share').textContent = h.aiShareToday;
  element('kpi-kept').textContent = h.keptToday;
  element('kpi-patterns-kept').textContent = h.patternsKeptToday;
  element('kpi-events').textContent = data.daily ? fmt(h.eventsInRange) : '–';
  element('kpi-cost').textContent = h.costInRange;
  element('blind-spots').replaceChildren(...data.blindSpots.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  renderInsights(data);
  // Also when empty: after "Delete All Data" the old charts and rows must go, not stay hidden behind the note.
  renderLanguages(data);
  renderStoreSections(data);
  renderTeam(data.team, fillTable);
  showFilter(data);
  renderUsage(data, section);
}

/** A card's table and chart: drawn when there are rows, emptied (chart removed) when there are none. */
function section(id: string, rows: (string | number | null)[][], draw?: () => void): void {
  if (fillTable(id, rows) && draw) draw();
  else clearChart(id);
}

const SEVERITY_LABEL = { alert: 'Alert', warning: 'Warning', info: 'Note', good: 'Paying off' } as const;

/** One line per insight: severity, title, what it means, and the numbers behind it. */
function renderInsights(data: DashboardData): void {
  const items = data.insights ?? [];
  element('insights-card').hidden = items.length === 0;
  element('insights').replaceChildren(
    ...items.map((i) => {
      const li = document.createElement('li');
      li.className = `insight ${i.severity}`;
      const badge = Object.assign(document.createElement('span'), { className: 'severity', textContent: SEVERITY_LABEL[i.severity] });
      const title = Object.assign(document.createElement('strong'), { textContent: i.title });
      const detail = Object.assign(document.createElement('div'), { className: 'muted', textContent: i.detail });
      const evidence = Object.assign(document.createElement('div'), {
        className: 'evidence',
        textContent: evidenceSentence(i.evidence),
      });
      li.append(badge, ' ', title, detail, evidence);
      return li;
    }),
  );
}

function renderLanguages(data: DashboardData): void {
  const bars = languageBars(data.textByLanguage);
  section('languages', languageTable(data.textByLanguage).map((r) => [r.language, r.chars, r.changes]), () =>
    drawChart('languages', bars, { type: 'bar', stacked: true, horizontal: true, yTitle: 'characters' },
      `Characters changed by language: ${bars.labels.join(', ')}`));
}

function renderStoreSections(data: DashboardData): void {
  const daily = data.daily && data.fromDay !== undefined && data.toDay !== undefined ? dailySeries(data.daily, data.fromDay, data.toDay) : undefined;
  section('daily', daily?.datasets.map((d) => [d.label, d.data.reduce((s, n) => s + n, 0)]) ?? [], () =>
    drawChart('daily', daily!, { type: 'bar', stacked: true, yTitle: 'events' }, `Events per ${daily!.unit} by kind`));
  const curve = data.survival ? survivalCurve(data.survival) : undefined;
  section('survival', data.survival ? insertionTotals(data.survival).map((r) => [r.origin, r.n, r.chars]) : [], curve?.datasets.length
    ? () => drawChart('survival', curve, { type: 'line', yTitle: '% of characters kept', yMax: 100 }, 'Share of AI code and inserted patterns kept at each checkpoint, by origin')
    : undefined);
  const bars = data.intents ? intentBars(data.intents) : undefined;
  section('intents', bars?.rows.map(([intent, t]) => [intent.replace(/_/g, ' '), t.n, t.up, t.down]) ?? [], () =>
    drawChart('intents', { labels: bars!.labels, datasets: [{ label: 'requests', data: bars!.data }] },
      { type: 'bar', horizontal: true, legend: false }, `AI requests by intent: ${bars!.labels.join(', ')}`));
  section('tools', toolRows(data.tools ?? []).map((t) => [t.tool, t.source, t.runs, t.successRate === null ? null : `${t.successRate}%`, t.avgSeconds]));
  section('models', modelRows(data.models ?? []).map((m) => [m.task, m.model, m.requests, m.quality, m.latencyS, m.cost, m.confidence]));
  section('tokens', tokenRows(data.tokens ?? []).map((t) => [t.model, t.tool, t.requests, t.tokensIn, t.tokensOut, t.cacheRead, t.cacheWrite, t.cost]));
  section('commit-shares', commitShareRows(data.commitShares ?? []).map((c) => [c.commit, c.day, c.tool, c.toolShare, c.toolDetail, c.ourShare, c.ourDetail]));
}

function pick(range: DashboardRange): void {
  viewState = { ...viewState, range };
  vscode.setState(viewState);
  vscode.postMessage({ type: 'setRange', range });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToWebview(event.data)) render(event.data.data);
});
// The empty states' buttons (`data-command`): the host runs only the protocol's allowed commands.
document.addEventListener('click', (event) => {
  const command = (event.target as Element | null)?.closest?.('[data-command]')?.getAttribute('data-command');
  const message = { type: 'runCommand', command };
  if (isWebviewToHost(message)) vscode.postMessage(message);
});
if (viewState.range) showRange(viewState.range);
setupRangePicker(pick);
setupFilterBar((filter: UsageFilter) => {
  viewState = { ...viewState, filter };
  vscode.setState(viewState);
  vscode.postMessage({ type: 'setFilter', filter });
});
followTheme();
vscode.postMessage({ type: 'ready', state: viewState });
