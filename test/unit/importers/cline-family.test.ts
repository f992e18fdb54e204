import assert from 'node:assert/strict';
import { cp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverFiles, watchPatterns } from '../../../src/core/importers/discovery';
import { formatOf } from '../../../src/core/importers/chat-file';
import { shortHash } from '../../../src/core/util/hash';
import { BUSY, FIXTURES, collect, sum, withTmp } from './helpers';

const HOME = join(FIXTURES, 'cline', 'home');
const CLINE = join(HOME, '.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'tasks', '1763712000000', 'ui_messages.json');
const ROO = join(HOME, '.config', 'VSCodium', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'tasks', '0193a7c2-5b1e-7d4f-9a3c-2e8f6b1d4c70', 'ui_messages.json');
const KILO = join(HOME, '.vscode-server', 'data', 'User', 'globalStorage', 'kilocode.kilo-code', 'tasks', '1763715600000', 'ui_messages.json');

describe('Cline, Roo Code and Kilo Code tasks', () => {
  it('reads a Cline task: one interaction per API request with its own tokens and cost, prompts on the first request after them', async () => {
    const c = await collect(CLINE, 'cline');
    const requests = c.interactions.filter((e) => e.tokensIn !== undefined);
    assert.equal(requests.length, 6);
    assert.ok(c.interactions.every((e) => e.sourceTool === 'cline' && e.conversation === '1763712000000'));
    assert.equal(sum(requests, 'cacheWriteTokens'), 11840 + 2210 + 640 + 300 + 410);
    assert.equal(sum(requests, 'costUsd').toFixed(4), (0.0493 + 0.0241 + 0.0098 + 0.0061 + 0.0167 + 0.0052).toFixed(4), "the tool's own cost is kept");
    assert.deepEqual(c.interactions.filter((e) => e.promptChars !== undefined).map((e) => e.promptChars), [38, 41, 17], 'the task, a feedback, and a last feedback no request answered');
    assert.equal(requests[0].workspaceHash, shortHash('/home/dev/billing'), 'the folder from the environment details');
    assert.equal(requests[0].model, 'claude-sonnet-4-5-20250929');
    assert.equal(requests.find((e) => e.filesEdited === 1 && e.cacheReadTokens === 11840)?.toolCalls, 1, 'an approved edit belongs to the request before it');
    assert.equal(requests.at(-1)!.cancelled, true, 'cancelReason');
    assert.deepEqual(c.tools.map((t) => t.tool), ['readFile', 'editedExistingFile', 'execute_command', 'newFileCreated']);
  });

  it('reads Roo Code: tokens from api_req_finished, cache taken out of OpenAI-protocol input, deleted requests, the model from task_metadata.json', async () => {
    const c = await collect(ROO, 'roo-code');
    const requests = c.interactions.filter((e) => e.tokensIn !== undefined);
    assert.deepEqual(requests.map((e) => e.tokensIn), [9120 - 8704, 10450 - 9088, 2048]);
    assert.ok(c.interactions.every((e) => e.sourceTool === 'roo-code'));
    assert.equal(requests[0].model, 'gpt-4.1');
    assert.equal(requests[1].filesEdited, 2);
    assert.equal(requests[0].workspaceHash, shortHash('c:/Users/dev/api'));
  });

  it('reads Kilo Code under .vscode-server with its provider-prefixed model', async () => {
    const c = await collect(KILO, 'kilo-code');
    assert.equal(c.interactions[0].model, 'anthropic/claude-sonnet-4.5');
    assert.ok(c.interactions[0].costUsd! > 0);
    assert.ok(c.interactions.every((e) => e.sourceTool === 'kilo-code'));
  });

  it('holds the last request back while the task is being written', async () => {
    await withTmp(async (dir) => {
      const task = join(dir, 'tasks', '1763712000000');
      await mkdir(task, { recursive: true });
      await writeFile(join(task, 'ui_messages.json'), await readFile(CLINE));
      const busy = await collect(join(task, 'ui_messages.json'), 'cline', BUSY);
      const quiet = await collect(join(task, 'ui_messages.json'), 'cline');
      assert.equal(busy.interactions.length, quiet.interactions.length - 2, 'the open request and the unanswered feedback wait');
      assert.equal(busy.result.cursor.offset, 0, 'read whole again next time');
    });
  });

  it('skips a torn or foreign document and counts it', async () => {
    await withTmp(async (dir) => {
      const torn = join(dir, 'ui_messages.json');
      await writeFile(torn, (await readFile(CLINE, 'utf8')).slice(0, 500));
      assert.deepEqual((await collect(torn, 'cline')).result.skipped, { truncated_line: 1 });
      await writeFile(torn, '{"not":"an array"}');
      assert.deepEqual((await collect(torn, 'cline')).result.skipped, { unsupported_version: 1 });
    });
  });

  it('finds tasks of each extension in every VS Code-family user folder (Linux, macOS, Windows, servers), and watches those that exist', async () => {
    await withTmp(async (home) => {
      await cp(HOME, home, { recursive: true });
      const appData = join(home, 'AppData', 'Roaming');
      const win = join(appData, 'Code - Insiders', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'tasks', '1763712000001');
      const mac = join(home, 'Library', 'Application Support', 'Cursor', 'User', 'globalStorage', 'kilocode.kilo-code', 'tasks', 't2');
      for (const d of [win, mac]) {
        await mkdir(d, { recursive: true });
        await writeFile(join(d, 'ui_messages.json'), '[]');
      }
      const roots = { homeDir: home, workspaceFolders: [], appDataDir: appData };
      const found = await discoverFiles(roots, new Set(['cline', 'rooCode', 'kiloCode']));
      const got = found.map((f) => `${f.source} ${f.path.slice(home.length)}`).sort();
      assert.deepEqual(got, [
        'cline /.config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/1763712000000/ui_messages.json',
        'cline /AppData/Roaming/Code - Insiders/User/globalStorage/saoudrizwan.claude-dev/tasks/1763712000001/ui_messages.json',
        'kiloCode /.vscode-server/data/User/globalStorage/kilocode.kilo-code/tasks/1763715600000/ui_messages.json',
        'kiloCode /Library/Application Support/Cursor/User/globalStorage/kilocode.kilo-code/tasks/t2/ui_messages.json',
        'rooCode /.config/VSCodium/User/globalStorage/rooveterinaryinc.roo-cline/tasks/0193a7c2-5b1e-7d4f-9a3c-2e8f6b1d4c70/ui_messages.json',
      ]);
      assert.deepEqual((await discoverFiles(roots, new Set(['rooCode']))).map((f) => f.format), ['roo-code']);
      const watched = watchPatterns(roots, new Set(['cline', 'rooCode', 'kiloCode'])).map(([d]) => d.slice(home.length)).sort();
      assert.equal(watched.length, 5, `one watcher per existing extension folder: ${watched.join(', ')}`);
      assert.equal(await formatOf(found.find((f) => f.source === 'rooCode')!.path), 'roo-code');
    });
  });
});
