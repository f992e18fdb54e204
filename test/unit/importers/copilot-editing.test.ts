import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editingStatePath, readRequestEdits } from '../../../src/core/importers/copilot-editing-state';
import { EDGE, collect, copyFixture, withTmp } from './helpers';

const STATE = join(EDGE, 'copilot-editing', 'state.json');
const SESSION = '331fed7f-cfd6-409c-8502-06a56322b636';

/** Lays the real v3 session at `<ws>/chatSessions/<id>.json` and, when asked, the editing state beside it. */
async function workspace(dir: string, withState: boolean): Promise<string> {
  await mkdir(join(dir, 'chatSessions'), { recursive: true });
  const session = await copyFixture('copilot-chat-session-v3.json', join(dir, 'chatSessions'), `${SESSION}.json`);
  if (withState) {
    await mkdir(join(dir, 'chatEditingSessions', SESSION), { recursive: true });
    await copyFile(STATE, editingStatePath(session));
  }
  return session;
}

describe('Copilot Chat editing state (chatEditingSessions/<id>/state.json)', () => {
  it('counts lines added and removed and files per request from the timeline operations', async () => {
    await withTmp(async (dir) => {
      const edits = await readRequestEdits(await workspace(dir, true));
      // request 2: "const a..\nconst b..\n" (3 lines) over lines 3-5 (3), "// note" (1) at an insertion point (0), a created file of 3 lines.
      assert.deepEqual(edits.get('request_e838f1ef-f292-49ab-92fc-3317408b67f1'), { linesAdded: 7, linesRemoved: 3, files: 2 });
      assert.deepEqual(edits.get('request_6a383028-ec48-40b3-b20c-bb91b6612fa1'), { linesAdded: 1, linesRemoved: 1, files: 1 });
      assert.deepEqual(edits.get('request_other'), { linesAdded: 0, linesRemoved: 0, files: 1 });
    });
  });

  it('gives the same request its lines and files, linked by request id; without a state the session\'s own parts count', async () => {
    await withTmp(async (dir) => {
      const plain = await collect(await workspace(join(dir, 'a'), false), 'copilot-session-json');
      const linked = await collect(await workspace(join(dir, 'b'), true), 'copilot-session-json');
      assert.deepEqual(linked.interactions.map((i) => i.id), plain.interactions.map((i) => i.id), 'the same requests');
      assert.deepEqual(linked.interactions.map((i) => [i.linesEdited, i.filesEdited]), [[0, 0], [7, 2], [1, 1]]);
      assert.notDeepEqual(plain.interactions.map((i) => [i.linesEdited, i.filesEdited]), [[0, 0], [7, 2], [1, 1]]);
    });
  });

  it('links the mutation log\'s requests too (chatSessions/<id>.jsonl)', async () => {
    await withTmp(async (dir) => {
      const id = '7de89a80-6d93-43e7-be0a-0a9afe980198';
      await mkdir(join(dir, 'chatSessions'), { recursive: true });
      const log = await copyFixture('copilot-chat-session-mutation-log.jsonl', join(dir, 'chatSessions'), `${id}.jsonl`);
      const state = (await readFile(STATE, 'utf8')).replace(/request_e838f1ef-f292-49ab-92fc-3317408b67f1/g, 'request_16102909-1a2a-4e8c-965c-8bbfbbe79756');
      await mkdir(join(dir, 'chatEditingSessions', id), { recursive: true });
      await writeFile(editingStatePath(log), state);
      const c = await collect(log, 'copilot-mutation-log');
      const linked = c.interactions.filter((i) => i.linesEdited === 7 && i.filesEdited === 2);
      assert.equal(linked.length, 1, JSON.stringify(c.interactions.map((i) => [i.linesEdited, i.filesEdited])));
    });
  });

  it('an unknown storage version or a torn state is ignored, never fatal', async () => {
    await withTmp(async (dir) => {
      const session = await workspace(dir, true);
      const text = await readFile(STATE, 'utf8');
      await writeFile(editingStatePath(session), text.replace('"version":2', '"version":9'));
      assert.equal((await readRequestEdits(session)).size, 0);
      await writeFile(editingStatePath(session), text.slice(0, 300));
      assert.equal((await readRequestEdits(session)).size, 0);
      assert.equal((await collect(session, 'copilot-session-json')).interactions.length, 3);
    });
  });
});
