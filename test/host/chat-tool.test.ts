import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { PATTERN_TOOL } from '../../src/host/chat/pattern-tool';
import { RETRY } from './chat-fixtures';
import { activeApi, waitFor } from './helpers';


interface ToolCaller {
  tools: readonly { name: string }[];
  invokeTool(name: string, options: { input: unknown; toolInvocationToken: undefined }): Thenable<{ content: unknown[] }>;
}

function textOf(result: { content: unknown[] }): string {
  return result.content.map((p) => (p && typeof p === 'object' && 'value' in p && typeof p.value === 'string' ? p.value : '')).join('');
}

describe('chat: the pattern search language model tool (real extension host)', () => {
  it('is registered and answers vscode.lm.invokeTool with the ranked pattern, its success rate, uses and relevance', async function () {
    this.timeout(90_000);
    const api = await activeApi();
    assert.ok(await api.store(), 'the store did not open');
    // code-server 1.139 has vscode.lm.registerTool / invokeTool (final since VS Code 1.95).
    assert.equal(api.chat().toolRegistered, true);
    const lm = vscode.lm as unknown as ToolCaller;
    assert.ok(lm.tools.some((t) => t.name === PATTERN_TOOL), 'the tool is not in vscode.lm.tools');
    const patterns = await waitFor('the pattern library', () => api.patterns());
    await patterns.ready;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ala-tool-')), 'retry.ts');
    writeFileSync(file, RETRY);
    await patterns.call('updateFile', { path: file, text: RETRY });
    const answer = textOf(await lm.invokeTool(PATTERN_TOOL, { input: { query: 'retry an operation with exponential backoff', language: 'typescript', k: 3 }, toolInvocationToken: undefined }));
    assert.match(answer, /^\d+ patterns? from the user's own code for "retry an operation with exponential backoff"/);
    assert.match(answer, /1\. retryWithBackoff \(typescript, from .*retry\.ts\)/);
    assert.match(answer, /success rate: not inserted yet; uses: 0; relevance: \d+% \((close|weak)\)/);
    assert.ok(answer.includes('baseDelayMs * 2 ** attempt'), 'the code is in the answer');
    const refused = textOf(await lm.invokeTool(PATTERN_TOOL, { input: { query: '  ' }, toolInvocationToken: undefined }));
    assert.match(refused, /needs a non-empty "query"/);
  });
});
