/**
 * chart.js drawing for the dashboard: one chart per canvas id, updated in place on new data, coloured
 * from VS Code's theme variables. Each chart's canvas gets an aria-label naming what it shows.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import type { ChartType } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const THEME_VARS = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-purple',
  '--vscode-charts-red', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#89d185', '#d18616', '#b180d7', '#f14c4c', '#cca700'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function colour(index: number): string {
  return cssVar(THEME_VARS[index % THEME_VARS.length], FALLBACK[index % FALLBACK.length]);
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

const charts = new Map<string, Chart>();

/** Draws (or redraws) the chart on canvas `#id`. */
export function drawChart(id: string, series: Series, opts: ChartOptions, ariaLabel: string): void {
  const canvas = document.getElementById(id) as HTMLCanvasElement | null;
  if (!canvas) return;
  canvas.setAttribute('aria-label', ariaLabel);
  const fg = cssVar('--vscode-foreground', '#ccc');
  const grid = cssVar('--vscode-panel-border', 'rgba(128,128,128,0.3)');
  const datasets = series.datasets.map((d, i) => ({
    ...d,
    backgroundColor: colour(i),
    borderColor: colour(i),
    borderWidth: opts.type === 'line' ? 2 : 0,
    spanGaps: true,
  }));
  const existing = charts.get(id);
  if (existing) {
    existing.data.labels = series.labels;
    existing.data.datasets = datasets;
    existing.update();
    return;
  }
  const valueAxis = { stacked: opts.stacked, beginAtZero: true, max: opts.yMax, ticks: { color: fg }, grid: { color: grid },
    title: { display: Boolean(opts.yTitle), text: opts.yTitle, color: fg } };
  const categoryAxis = { stacked: opts.stacked, ticks: { color: fg }, grid: { color: grid } };
  charts.set(id, new Chart(canvas, {
    type: opts.type as ChartType,
    data: { labels: series.labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: opts.horizontal ? 'y' : 'x',
      scales: opts.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: { legend: { display: opts.legend ?? true, labels: { color: fg } } },
    },
  }));
}
