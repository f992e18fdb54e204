// Two steps of the end-to-end tier (scripts/run-e2e.mjs hands them its page and helpers):
//   the colour theme switched with the dashboard open, the charts' text colour checked on the canvas;
//   a pattern inserted through the preview, its missing name renamed in one Tab cycle.
// Each saves a screenshot into test-results/.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Runs `fn`; on failure saves what the page showed (test-results/<name>) before rethrowing. */
async function withFailureShot({ page, root }, name, fn) {
  try {
    return await fn();
  } catch (error) {
    await page.screenshot({ path: path.join(root, 'test-results', name) }).catch(() => {});
    throw error;
  }
}

const LIGHT = 'Default Light Modern';
const DARK = 'Default Dark Modern';

/** "#rrggbb" / "rgb(r, g, b)" -> [r, g, b]. */
function rgb(colour) {
  const hex = /^#([0-9a-f]{6})/i.exec(colour.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  if (m) return m.slice(1, 4).map(Number);
  throw new Error(`not a colour: ${colour}`);
}

/** Canvas pixels of `#id` drawn in (nearly) `colour`: text antialiasing leaves some at the exact colour. */
async function pixelsOf(frame, id, colour) {
  return frame.$eval(`#${id}`, (canvas, [r, g, b]) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 24) n++;
    }
    return n;
  }, rgb(colour));
}

const themeOf = (frame) => frame.evaluate(() => ({
  kind: document.body.className,
  foreground: getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim(),
  text: document.getElementById('languages')?.dataset.textColour ?? '',
}));

/**
 * With the dashboard open, switches to the other kind of theme: first by writing `workbench.colorTheme` into the
 * profile's settings.json while VS Code runs; if the page does not follow within 20 s, by the palette's toggle
 * command, then through the "Preferences: Color Theme" picker by keyboard. Then the chart's text must be drawn in
 * the new foreground. Returns how the switch was made.
 */
export async function switchThemeStep(ctx) {
  return withFailureShot(ctx, 'theme-switch-failed.png', () => switchTheme(ctx));
}

async function switchTheme({ page, frame, profile, root, runCommand }) {
  const before = await themeOf(frame);
  if (!before.text) throw new Error('the languages chart is not drawn');
  // To the other kind of theme than the one shown (code-server starts light here).
  const target = /vscode-light/.test(before.kind) ? DARK : LIGHT;
  const settingsPath = path.join(profile.userData, 'User/settings.json');
  const settings = JSON.parse(readFileSync(settingsPath, 'utf8'));
  writeFileSync(settingsPath, JSON.stringify({ ...settings, 'workbench.colorTheme': target }, null, 2));
  const switched = () => frame.waitForFunction((old) => getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim() !== old,
    before.foreground, { timeout: 20_000 }).then(() => true, () => false);
  let how = `${target}, by settings.json written while running`;
  if (!(await switched())) {
    // A plain palette command, no picker: it goes to the preferred theme of the other kind.
    how = 'the "Preferences: Toggle between Light/Dark Themes" command (settings.json written while running did not switch it within 20 s)';
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes').catch(() => {});
  }
  if (!(await switched())) {
    await page.keyboard.press('Escape');
    how = `${target}, by the "Preferences: Color Theme" picker (neither settings.json nor the toggle command switched it within 20 s)`;
    await runCommand(page, 'Preferences: Color Theme');
    // The picker takes the palette's place: type into whatever has focus (a fill on the old input hung).
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.type(target, { delay: 10 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: target }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    if (!(await switched())) throw new Error(`the theme did not switch either way (foreground still ${before.foreground})`);
  }
  await frame.waitForFunction(() => {
    const fg = getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim();
    return document.getElementById('languages')?.dataset.textColour === fg;
  }, undefined, { timeout: 10_000 });
  const after = await themeOf(frame);
  const newText = await pixelsOf(frame, 'languages', after.text);
  const oldText = await pixelsOf(frame, 'languages', before.text);
  if (newText < 20) throw new Error(`only ${newText} canvas pixels in the new text colour ${after.text} (old ${before.text}: ${oldText})`);
  await page.screenshot({ path: path.join(root, 'test-results/dashboard-theme-switched.png') });
  return `${how}: body "${before.kind}" -> "${after.kind}", chart text ${before.text} -> ${after.text}; ${newText} canvas pixels in the new text colour, ${oldText} in the old`;
}

/** Visible text of the active editor (monaco writes spaces as U+00A0). */
const editorText = (page) => page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText().then((t) => t.replace(/\u00a0/g, ' '));

/**
 * Builds the library from a real file (ky's utils/merge.ts, MIT), searches it from a file that has its own headers
 * type, picks mergeHeaders, checks the preview (a diff; the document unchanged), presses ✓ Insert, types the new
 * name over the selected `KyHeadersInit` (both places at once), Tab, and checks the text.
 */
/** Lays the step's files into the workspace before the server starts (quick open did not find files written later). */
export function writeInsertFiles(profile, root) {
  writeFileSync(path.join(profile.workspace, 'ky-merge.ts'),
    readFileSync(path.join(root, 'test/fixtures/patterns/eval/ky/source/utils/merge.ts.txt'), 'utf8'));
  writeFileSync(path.join(profile.workspace, 'headers.ts'),
    'export type HeaderSource = HeadersInit | Record<string, string | undefined>;\n\n');
}

/** Waits until the quick pick shows no progress and its row labels stay the same for 1 s (at most 30 s). */
async function settledList(page) {
  const labels = () => page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts().then((l) => l.join('|'));
  const busy = () => page.locator('.quick-input-widget .monaco-progress-container.active').count().then((n) => n > 0);
  let last = await labels();
  let since = Date.now();
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    await page.waitForTimeout(200);
    const now = await labels();
    if (now !== last || await busy()) { last = now; since = Date.now(); continue; }
    if (Date.now() - since >= 1000) return;
  }
  throw new Error(`the search results did not settle within 30 s: ${last}`);
}

export async function insertThroughPreviewStep(ctx) {
  return withFailureShot(ctx, 'insert-preview-failed.png', () => insertThroughPreview(ctx));
}

async function insertThroughPreview({ page, root, runCommand, notice }) {
  await runCommand(page, 'AI Learning: Build Pattern Library from Workspace');
  await notice(page, /Pattern library built/, 60_000);
  // From the Explorer, not quick open: with the dashboard's webview focused, quick open listed no headers.ts twice.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'headers.ts' }).first().click({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines', { hasText: 'HeaderSource' }).first().click();
  await page.keyboard.press('Control+End');
  await runCommand(page, 'AI Learning: Search Patterns');
  await page.locator('.quick-input-widget input[placeholder="Describe what the code should do"]').waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type('merge two sets of headers', { delay: 10 });
  // The row whose label is mergeHeaders, wherever it is ranked: other rows' code excerpts (their detail line) can
  // mention mergeHeaders too (mergeHeaderContainers does), so match the label, not the row's text.
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: /^\s*mergeHeaders\s*$/ }) }).first();
  await row.waitFor({ timeout: 30_000 });
  // Each word typed runs a search (debounced 150 ms) that replaces the list; a CI run clicked a row the list then
  // re-used for mergeHooks. Click once the picker is idle and its labels have not changed for 1 s.
  await settledList(page);
  await row.click();
  // The first check of a target parses TypeScript's lib and @types/node in the worker: seconds on a loaded machine.
  await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 90_000 });
  const tab = await page.locator('.tab.active').first().innerText();
  if (!tab.includes('mergeHeaders')) throw new Error(`the preview tab says: ${tab}`);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: path.join(root, 'test-results/insert-preview.png') });
  const insert = page.locator('.editor-actions .action-label[aria-label^="Insert Previewed Pattern"]').first();
  let how = 'the ✓ in the editor title';
  if (await insert.waitFor({ timeout: 10_000 }).then(() => true, () => false)) await insert.click();
  else {
    how = 'the palette (no ✓ in the editor title within 10 s)';
    await runCommand(page, 'AI Learning: Insert Previewed Pattern');
  }
  await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 15_000 });
  // The snippet goes in after the diff closed and the target editor is shown again: wait for it before typing.
  await page.locator('.monaco-editor .view-lines', { hasText: 'mergeHeaders' }).first().waitFor({ timeout: 30_000 })
    .catch(async () => { throw new Error(`no insertion within 30 s after ${how}; editor shows:\n${await editorText(page)}`); });
  await page.waitForTimeout(500);
  await page.keyboard.type('HeaderSource');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  // The view lines are read from the DOM, which can lag the last keystrokes on a loaded machine: poll up to 5 s.
  const want = '(source1: HeaderSource = {}, source2: HeaderSource = {}) =>';
  let text = await editorText(page);
  for (const until = Date.now() + 5000; !text.includes(want) && Date.now() < until;) {
    await page.waitForTimeout(250);
    text = await editorText(page);
  }
  if (!text.includes(want)) throw new Error(`editor shows:\n${text}`);
  if (text.includes('KyHeadersInit')) throw new Error(`KyHeadersInit left in:\n${text}`);
  await page.screenshot({ path: path.join(root, 'test-results/insert-renamed.png') });
  return `preview shown as a diff (tab "${tab.trim()}"), inserted by ${how}; after one rename both parameters read HeaderSource`;
}
