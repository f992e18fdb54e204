/**
 * The dashboard page's HTML. Strict CSP: nothing but our own script (by nonce) and stylesheet (by the
 * webview's resource origin); no inline script, no remote resource. Data never goes into this HTML:
 * it arrives by postMessage once the page is ready.
 */
export interface DashboardHtmlParts {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** From `crypto.randomBytes`, base64. */
  nonce: string;
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
  </select></label>
  <span class="muted"><span id="source"></span> · updated <span id="updated"></span></span>
</header>
<section id="empty" hidden>
  <h2>No activity recorded yet</h2>
  <p>Edit a file, accept an AI suggestion or paste some code, and this page fills in as you work.
  Chat history of Copilot, Claude Code, Codex, Continue and Aider appears after <b>Import AI Chat History</b>.</p>
</section>
<main id="content" hidden>
  <section class="card">
    <h2>Text changes by language</h2>
    <div class="chart"><canvas id="languages" role="img"></canvas></div>
    <table id="languages-table" aria-label="Text changes by language">
      <thead><tr><th>Language</th><th>Characters</th><th>Changes</th></tr></thead>
      <tbody id="languages-body"></tbody>
    </table>
  </section>
</main>
<section class="card muted">
  <h2>What cannot be observed</h2>
  <ul id="blind-spots"></ul>
</section>
<script nonce="${p.nonce}" src="${p.scriptUri}"></script>
</body>
</html>`;
}
