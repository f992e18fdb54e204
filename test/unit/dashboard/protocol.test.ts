import assert from 'node:assert/strict';
import { isHostToWebview, isViewState, isWebviewToHost } from '../../../webview/protocol';

describe('webview protocol guards', () => {
  it('accepts the messages the page may send', () => {
    assert.equal(isWebviewToHost({ type: 'ready' }), true);
    assert.equal(isWebviewToHost({ type: 'ready', state: { range: { kind: 'days', days: 7 } } }), true);
    assert.equal(isWebviewToHost({ type: 'ready', state: {} }), true, 'no pick yet: the host default applies');
    assert.equal(isWebviewToHost({ type: 'setRange', range: { kind: 'days', days: 90 } }), true);
    assert.equal(isWebviewToHost({ type: 'setRange', range: { kind: 'all' } }), true);
    assert.equal(isWebviewToHost({ type: 'setRange', range: { kind: 'custom', fromDay: 19_000, toDay: 19_100 } }), true);
    assert.equal(isWebviewToHost({ type: 'runCommand', command: 'aiLearning.showDashboard' }), true);
  });

  it('rejects anything else, including commands not on the allow list and out-of-range values', () => {
    for (const bad of [
      null, 'ready', {}, { type: 'ready', state: { range: { kind: 'days', days: 'x' } } }, { type: 'setRange', rangeDays: 30 },
      { type: 'setRange', range: { kind: 'days', days: 0 } }, { type: 'setRange', range: { kind: 'days', days: 9999 } },
      { type: 'setRange', range: { kind: 'custom', fromDay: 19_100, toDay: 19_000 } },
      { type: 'setRange', range: { kind: 'custom', fromDay: 1, toDay: 19_000 } }, { type: 'setRange', range: { kind: 'week' } }, { type: 'runCommand', command: 'workbench.action.terminal.sendSequence' },
      { type: 'eval', code: '1' },
    ]) {
      assert.equal(isWebviewToHost(bad), false, JSON.stringify(bad));
    }
  });

  it('checks host messages and view state', () => {
    assert.equal(isHostToWebview({ type: 'data', data: { textByLanguage: [] } }), true);
    assert.equal(isHostToWebview({ type: 'data', data: {} }), false);
    assert.equal(isViewState({ range: { kind: 'all' } }), true);
    assert.equal(isViewState({ rangeDays: 30 }), true, 'an old page default: kept no range, so the host default wins');
    assert.equal(isViewState({ range: { kind: 'days', days: 1.5 } }), false);
    assert.equal(isViewState(null), false);
  });
});
