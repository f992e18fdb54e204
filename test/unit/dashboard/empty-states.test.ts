import assert from 'node:assert/strict';
import { dashboardHtml } from '../../../src/core/dashboard/html';
import { ALLOWED_COMMANDS, isWebviewToHost } from '../../../webview/protocol';

/** The page's empty states act: a command they name is a button that runs it, never text saying "run X". */
describe('dashboard empty states', () => {
  const html = dashboardHtml({ cspSource: 'https://w.example', scriptUri: 'https://w.example/m.js', styleUri: 'https://w.example/d.css', nonce: 'n' });
  const text = html.replace(/<button\b[^>]*>[^<]*<\/button>/g, '[button]').replace(/<[^>]+>/g, ' ');

  it('names no command as text to run: every command title on the page is inside a button', () => {
    for (const title of ['Import AI Chat History', 'Build Pattern Library', 'Search Patterns', 'Show AI Analytics']) {
      assert.ok(!text.includes(title), `"${title}" appears as text, not as a button`);
    }
    assert.doesNotMatch(text, /\brun [A-Z]/);
  });

  it('each button runs a command the protocol allows, and the host accepts its message', () => {
    const buttons = [...html.matchAll(/<button\b[^>]*data-command="([^"]+)"[^>]*>([^<]*)<\/button>/g)];
    // The first-run state, the intents card and the tokens card.
    assert.equal(buttons.length, 3);
    for (const [, command, label] of buttons) {
      assert.ok((ALLOWED_COMMANDS as readonly string[]).includes(command), command);
      assert.equal(isWebviewToHost({ type: 'runCommand', command }), true);
      assert.equal(label, 'Import AI Chat History');
    }
    assert.equal(isWebviewToHost({ type: 'runCommand', command: 'aiLearning.buildPatternLibrary' }), true);
    assert.equal(isWebviewToHost({ type: 'runCommand', command: 'aiLearning.deleteAllData' }), false);
  });
});
