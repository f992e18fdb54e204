import assert from 'node:assert/strict';
import { isHostToWebview, isViewState, isWebviewToHost } from '../../../webview/protocol';

describe('webview protocol guards', () => {
  it('accepts the messages the page may send', () => {
    assert.equal(isWebviewToHost({ type: 'ready' }), true);
    assert.equal(isWebviewToHost({ type: 'ready', state: { rangeDays: 7 } }), true);
    assert.equal(isWebviewToHost({ type: 'setRange', rangeDays: 90 }), true);
    assert.equal(isWebviewToHost({ type: 'runCommand', command: 'aiLearning.showDashboard' }), true);
  });

  it('rejects anything else, including commands not on the allow list and out-of-range values', () => {
    for (const bad of [
      null, 'ready', {}, { type: 'ready', state: { rangeDays: 'x' } }, { type: 'setRange', rangeDays: 0 },
      { type: 'setRange', rangeDays: 9999 }, { type: 'runCommand', command: 'workbench.action.terminal.sendSequence' },
      { type: 'eval', code: '1' },
    ]) {
      assert.equal(isWebviewToHost(bad), false, JSON.stringify(bad));
    }
  });

  it('checks host messages and view state', () => {
    assert.equal(isHostToWebview({ type: 'data', data: { textByLanguage: [] } }), true);
    assert.equal(isHostToWebview({ type: 'data', data: {} }), false);
    assert.equal(isViewState({ rangeDays: 30 }), true);
    assert.equal(isViewState({ days: 30 }), false);
  });
});
