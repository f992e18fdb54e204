/**
 * chart.js drawing for the dashboard: one chart per canvas id, updated in place on new data, coloured
 * from VS Code's theme variables. Colours are read again whenever VS Code switches the theme (it rewrites
 * the body's class and the root's CSS variables), so legends, ticks, titles and grid stay readable.
 * Each chart's canvas gets an aria-label naming what it shows, and `data-text-colour` naming the colour
 * its text is drawn in (what the end-to-end test checks after a theme switch).
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { seriesColourIndexes } from '../src/core/dashboard/chart-model';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** VS Code's chart palette, in the order series get them (blue first: the theme's primary chart colour). */
const THEME_VARS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple',
  '--vscode-charts-red', '--vscode-charts-yellow', '--vscode-charts-foreground'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700', '#cccccc'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function colour(index: number): string {
  return cssVar(THEME_VARS[index % THEME_VARS.length], FALLBACK[index % FALLBACK.length]);
}

interface Theme {
  text: string;
  grid: string;
}

function readTheme(): Theme {
  return {
    text: cssVar('--vscode-foreground', '#ccc'),
    grid: cssVar('--vscode-charts-lines', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.3)')),
  };
}

export interface Series {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

export interface ChartOptions {
  type: 'bar' | 'line';
  stacked?: boolean;
  horizontal?: boolean;
  yTitle?: string;
  yMax?: number;
  legend?: boolean;
}

interface Drawn {
  chart: Chart;
  series: Series;
  opts: ChartOptions;
}

const charts = new Map<string, Drawn>();

/** Datasets coloured from the palette; a series without data gets no colour slot and no legend entry. */
function coloured(series: Series, opts: ChartOptions) {
  const slots = seriesColourIndexes(series.datasets);
  return series.datasets.map((d, i) => ({
    ...d,
    backgroundColor: colour(slots[i] ?? i),
    borderColor: colour(slots[i] ?? i),
    borderWidth: opts.type === 'line' ? 2 : 0,
    spanGaps: true,
    hidden: slots[i] === undefined,
  }));
}

function chartOptions(opts: ChartOptions, theme: Theme): ChartConfiguration['options'] {
  const valueAxis = { stacked: opts.stacked, beginAtZero: true, max: opts.yMax, ticks: { color: theme.text }, grid: { color: theme.grid },
    border: { color: theme.grid }, title: { display: Boolean(opts.yTitle), text: opts.yTitle, color: theme.text } };
  const categoryAxis = { stacked: opts.stacked, ticks: { color: theme.text }, grid: { color: theme.grid }, border: { color: theme.grid } };
  return {
    animation: false,
    maintainAspectRatio: false,
    color: theme.text,
    borderColor: theme.grid,
    indexAxis: opts.horizontal ? 'y' : 'x',
    scales: opts.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    plugins: {
      legend: {
        display: opts.legend ?? true,
        // Only series that have data: an empty series in the legend says nothing but takes a colour.
        labels: { color: theme.text, filter: (item) => !item.hidden },
      },
    },
  };
}

/** Draws (or redraws) the chart on canvas `#id`. */
export function drawChart(id: string, series: Series, opts: ChartOptions, ariaLabel: string): void {
  const canvas = document.getElementById(id) as HTMLCanvasElement | null;
  if (!canvas) return;
  canvas.setAttribute('aria-label', ariaLabel);
  const theme = readTheme();
  canvas.dataset.textColour = theme.text;
  const existing = charts.get(id);
  if (existing) {
    existing.series = series;
    existing.opts = opts;
    existing.chart.data.labels = series.labels;
    existing.chart.data.datasets = coloured(series, opts);
    existing.chart.options = chartOptions(opts, theme)!;
    existing.chart.update();
    return;
  }
  const chart = new Chart(canvas, {
    type: opts.type as ChartType,
    data: { labels: series.labels, datasets: coloured(series, opts) },
    options: chartOptions(opts, theme),
  });
  charts.set(id, { chart, series, opts });
}

/** Removes the chart on `#id` (its data was deleted or the range has none): the canvas is left blank. */
export function clearChart(id: string): void {
  const drawn = charts.get(id);
  if (!drawn) return;
  drawn.chart.destroy();
  charts.delete(id);
  const canvas = document.getElementById(id) as HTMLCanvasElement | null;
  canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
  canvas?.removeAttribute('aria-label');
}

/** Ids of the charts drawn now. */
export function drawnCharts(): string[] {
  return [...charts.keys()];
}

/** Re-reads the theme's colours into every chart. */
function retheme(): void {
  const theme = readTheme();
  for (const [id, d] of charts) {
    d.chart.data.datasets = coloured(d.series, d.opts);
    d.chart.options = chartOptions(d.opts, theme)!;
    d.chart.update('none');
    const canvas = document.getElementById(id);
    if (canvas) canvas.dataset.textColour = theme.text;
  }
}

/**
 * VS Code switches a webview's theme by replacing the body's classes (`vscode-dark`, `vscode-light`,
 * `vscode-high-contrast`) and the CSS variables in the root element's style; either change re-colours.
 */
export function followTheme(): void {
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      retheme();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
