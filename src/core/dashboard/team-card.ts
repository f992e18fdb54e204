/**
 * The dashboard's Team card (issue 16), its own section: hidden unless team figures are turned on. Two tables
 * (model performance by task type, tool effectiveness ranking), each with the ids the page's table filler uses
 * (`<id>-empty`, `<id>-body`, `<id>-rows`).
 */

function block(id: string, title: string, empty: string, columns: string[]): string {
  const head = columns.map((c) => `<th>${c}</th>`).join('');
  return `<h3>${title}</h3>
    <p class="muted empty-note" id="${id}-empty" hidden>${empty}</p>
    <div id="${id}-body"><div class="table-scroll"><table id="${id}-table" aria-label="${title}"><thead><tr>${head}</tr></thead><tbody id="${id}-rows"></tbody></table></div></div>`;
}

export function teamCardHtml(): string {
  return `<section class="card" id="team-card" hidden>
    <h2>Team</h2>
    <p class="muted" id="team-status"></p>
    <p id="team-summary"></p>
    ${block('team-models', 'Model performance by task type', 'No team figures yet: they appear after the first push.', ['Task', 'Model', 'Requests', 'Success', 'Avg s', 'Members'])}
    ${block('team-tools', 'Tool effectiveness ranking', 'No tool runs pushed yet.', ['#', 'Tool', 'Source', 'Runs', 'Success', 'Members'])}
  </section>`;
}
