/**
 * The dashboard page (browser bundle, chart.js bundled). Receives data only by postMessage after it
 * says `ready`; persists only its view state. Colours come from VS Code's theme variables.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { languageBars, languageTable } from './chart-model';
import type { DashboardData, DashboardViewState, WebviewToHost } from './protocol';
import { isHostToWebview, isViewState } from './protocol';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: DashboardViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let viewState: DashboardViewState = isViewState(saved) ? saved : { rangeDays: 30 };
let languageChart: Chart<'bar'> | undefined;

const THEME_VARS = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-purple',
  '--vscode-charts-red', '--vscode-charts-yellow', '--vscode-charts-foreground'];

function themeColour(index: number): string {
  const style = getComputedStyle(document.body);
  const value = style.getPropertyValue(THEME_VARS[index % (THEME_VARS.length - 1)]).trim();
  return value || ['#3794ff', '#89d185', '#d18616', '#b180d7', '#f14c4c', '#cca700'][index % 6];
}

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`dashboard: #${id} missing`);
  return el as T;
}

function render(data: DashboardData): void {
  const empty = data.textByLanguage.length === 0;
  element('empty').hidden = !empty;
  element('content').hidden = empty;
  element('capture-state').textContent = data.captureOn ? 'Capture on' : 'Capture paused';
  element('source').textContent =
    data.source === 'store' ? `Last ${data.rangeDays} days, from the local store` : 'This window since it opened';
  element('updated').textContent = new Date(data.generatedTs).toLocaleTimeString();
  renderBlindSpots(data.blindSpots);
  if (!empty) {
    renderLanguageChart(data);
    renderLanguageTable(data);
  }
}

function renderLanguageChart(data: DashboardData): void {
  const bars = languageBars(data.textByLanguage);
  const foreground = getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim() || '#ccc';
  const datasets = bars.datasets.map((d, i) => ({ ...d, backgroundColor: themeColour(i), borderWidth: 0 }));
  const canvas = element<HTMLCanvasElement>('languages');
  canvas.setAttribute('aria-label', `Characters changed by language: ${bars.labels.join(', ')}`);
  if (languageChart) {
    languageChart.data.labels = bars.labels;
    languageChart.data.datasets = datasets;
    languageChart.update();
    return;
  }
  languageChart = new Chart(canvas, {
    type: 'bar',
    data: { labels: bars.labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: 'y',
      scales: {
        x: { stacked: true, ticks: { color: foreground }, title: { display: true, text: 'characters', color: foreground } },
        y: { stacked: true, ticks: { color: foreground } },
      },
      plugins: { legend: { labels: { color: foreground } } },
    },
  });
}

function renderLanguageTable(data: DashboardData): void {
  const body = element('languages-body');
  body.replaceChildren(
    ...languageTable(data.textByLanguage).map((row) => {
      const tr = document.createElement('tr');
      for (const cell of [row.language, row.chars.toLocaleString(), row.changes.toLocaleString()]) {
        const td = document.createElement('td');
        td.textContent = cell;
        tr.append(td);
      }
      return tr;
    }),
  );
}

function renderBlindSpots(items: readonly string[]): void {
  element('blind-spots').replaceChildren(
    ...items.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
}

function setupRange(): void {
  const select = element<HTMLSelectElement>('range');
  select.value = String(viewState.rangeDays);
  select.addEventListener('change', () => {
    viewState = { rangeDays: Number(select.value) };
    vscode.setState(viewState);
    vscode.postMessage({ type: 'setRange', rangeDays: viewState.rangeDays });
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToWebview(event.data)) render(event.data.data);
});
setupRange();
vscode.postMessage({ type: 'ready', state: viewState });
