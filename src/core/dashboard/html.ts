/**
 * The dashboard page's HTML. Strict CSP: nothing but our own script (by nonce) and stylesheet (by the
 * webview's resource origin); no inline script, no remote resource. Data never goes into this HTML:
 * it arrives by postMessage once the page is ready.
 */
import { priceDataLabel } from '../learn/price-data';
import { teamCardHtml } from './team-card';
import { filterBarHtml, timeCostCardsHtml } from './time-cost-html';

export interface DashboardHtmlParts {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** From `crypto.randomBytes`, base64. */
  nonce: string;
}

/** A button that asks the host to run one of the page's allowed commands (webview/protocol.ts). */
export function commandButton(command: 'aiLearning.importChatHistory' | 'aiLearning.buildPatternLibrary', label: string): string {
  return `<button type="button" class="run-command" data-command="${command}">${label}</button>`;
}

const IMPORT = commandButton('aiLearning.importChatHistory', 'Import AI Chat History');

/** A card with a chart (canvas + the same numbers as a table) or a table only, and its own empty note. */
function card(id: string, title: string, empty: string, opts: { chart?: boolean; columns: string[]; intro?: string }): string {
  const chart = opts.chart ? `<div class="chart"><canvas id="${id}" role="img"></canvas></div>` : '';
  const head = opts.columns.map((c) => `<th>${c}</th>`).join('');
  return `<section class="card" id="${id}-card">
    <h2>${title}</h2>${opts.intro ?? ''}
    <p class="muted empty-note" id="${id}-empty" hidden>${empty}</p>
    <div id="${id}-body">${chart}
      <div class="table-scroll"><table id="${id}-table" aria-label="${title}"><thead><tr>${head}</tr></thead><tbody id="${id}-rows"></tbody></table></div>
    </div>
  </section>`;
}

export function dashboardHtml(p: DashboardHtmlParts): string {
  const csp = [
    "default-src 'none'",
    `img-src ${p.cspSource} data:`,
    `style-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${p.styleUri}">
<title>AI Analytics</title>
</head>
<body>
<header>
  <h1>AI Analytics</h1>
  <span id="capture-state" class="badge"></span>
  <label>Range <select id="range">
    <option value="7">7 days</option><option value="30">30 days</option>
    <option value="90">90 days</option><option value="365">1 year</option>
    <option value="all">All time</option><option value="custom">Custom…</option>
  </select></label>
  <span id="range-custom" hidden>
    <label>from <input type="date" id="range-from"></label> <label>to <input type="date" id="range-to"></label>
    <button type="button" id="range-apply">Apply</button>
    <span class="muted" id="range-error" hidden>Pick a start date on or before the end date.</span>
  </span>
  <span class="muted"><span id="source"></span> · updated <span id="updated"></span><span id="health" hidden></span></span>
</header>
${filterBarHtml()}
<p id="range-note" class="muted" hidden><span id="range-note-text"></span>
  <button type="button" id="show-all-time">Show all time</button></p>
<section class="kpis" aria-label="Headline figures">
  <div class="kpi"><span class="value" id="kpi-ai-share">–</span><span class="muted">of today's new code came from AI</span></div>
  <div class="kpi"><span class="value" id="kpi-kept">–</span><span class="muted">of measured AI code kept today</span></div>
  <div class="kpi"><span class="value" id="kpi-patterns-kept">–</span><span class="muted">of your inserted patterns kept today (not AI)</span></div>
  <div class="kpi"><span class="value" id="kpi-events">–</span><span class="muted">events in range</span></div>
  <div class="kpi"><span class="value" id="kpi-cost">–</span><span class="muted">AI cost in range (known prices)</span><span class="muted small" id="kpi-cost-prices">${priceDataLabel()}</span></div>
</section>
<section id="empty" hidden>
  <h2>No activity recorded yet</h2>
  <p>Edit a file, accept an AI suggestion or paste some code, and this page fills in as you work.
  Chat history of Copilot, Claude Code, Codex, Continue and Aider appears after you import it: ${IMPORT}</p>
</section>
<section class="card" id="insights-card" hidden>
  <h2>Insights</h2>
  <ul id="insights" class="insights"></ul>
</section>
<main id="content" class="grid" hidden>
  ${card('languages', 'Text changes by language', 'No text changes in this range yet.', { chart: true, columns: ['Language', 'Characters', 'Changes'] })}
  ${card('daily', 'Activity per day', 'No events in this range yet.', { chart: true, columns: ['Kind', 'Events'] })}
  ${card('survival', 'How much AI code survived', 'No AI insertion has reached a checkpoint yet (the first is 30 s after insertion).', { chart: true, columns: ['Origin', 'Insertions', 'Characters'] })}
  ${card('intents', 'AI requests by intent', `No chat or agent requests yet: ${IMPORT}`, { chart: true, columns: ['Intent', 'Requests', 'Votes up', 'Votes down'] })}
  ${card('tools', 'Tools and tests', 'No terminal command, task or agent tool run recorded yet.', { columns: ['Tool', 'Source', 'Runs', 'Success', 'Avg s'] })}
  ${card('models', 'Models by task', 'No request with a known model and outcome yet.', { columns: ['Task', 'Model', 'Requests with outcome', 'Quality', 'Avg latency s', 'Avg cost', 'Confidence'] })}
  ${card('commit-shares', 'AI share of commits: the tool\u2019s own count beside ours', 'No commit scored by another tool (Cursor\u2019s ai-code-tracking.db) in this range.', { columns: ['Commit', 'Scored', 'Tool', 'Tool\u2019s AI share', 'Tool\u2019s lines', 'Our AI share', 'Our lines'] })}
  ${timeCostCardsHtml(card)}
  ${card('tokens', 'Tokens and cost by model', `No token usage recorded yet: ${IMPORT}`, { columns: ['Model', 'Tool', 'Requests', 'In', 'Out', 'Cache read', 'Cache write', 'Cost'] })}
</main>
${teamCardHtml()}
<section class="card muted">
  <h2>What cannot be observed</h2>
  <ul id="blind-spots"></ul>
</section>
<script nonce="${p.nonce}" src="${p.scriptUri}"></script>
</body>
</html>`;
}
