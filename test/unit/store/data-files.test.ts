import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataFiles, removeDataFiles } from '../../../src/core/store/data-files';
import { deleteAllData } from '../../../src/host/store/commands';

function touch(p: string, body = 'x'): void {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, body);
}

describe('Delete All Data: the files besides the store', () => {
  it('lists capture-survival.json of global and of every workspace storage, leaves the store to its worker, keeps the model', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'data-files-'));
    const g = path.join(root, 'globalStorage', 'pub.ext');
    const wsRoot = path.join(root, 'workspaceStorage');
    touch(path.join(g, 'journal', 'w-000000000001.log'));
    touch(path.join(g, 'snapshots', 'snap-0000000001.db'));
    touch(path.join(g, 'owner.lock'));
    touch(path.join(g, 'models', 'all-MiniLM-L6-v2', 'model.onnx'));
    touch(path.join(g, 'capture-survival.json'), '{"file":"/home/me/secret-project/a.ts"}');
    touch(path.join(g, 'something-else.json'));
    touch(path.join(wsRoot, 'a1', 'pub.ext', 'capture-survival.json'));
    touch(path.join(wsRoot, 'b2', 'pub.ext', 'capture-survival.json'));
    touch(path.join(wsRoot, 'b2', 'other.ext', 'state.json')); // another extension's: untouched
    const files = dataFiles({ globalStorageDir: g, workspaceStorageRoot: wsRoot, extensionId: 'pub.ext' });
    assert.deepEqual(files.remove.map((p) => path.relative(root, p)).sort(), [
      'globalStorage/pub.ext/capture-survival.json', 'globalStorage/pub.ext/something-else.json',
      'workspaceStorage/a1/pub.ext/capture-survival.json', 'workspaceStorage/b2/pub.ext/capture-survival.json',
    ]);
    assert.deepEqual(files.kept.map((p) => path.relative(root, p)), ['globalStorage/pub.ext/models']);
    assert.deepEqual(removeDataFiles(files), { removed: 4, failed: [] });
    assert.ok(!fs.existsSync(path.join(g, 'capture-survival.json')));
    assert.ok(fs.existsSync(path.join(wsRoot, 'b2', 'other.ext', 'state.json')));
    assert.ok(fs.existsSync(path.join(g, 'journal', 'w-000000000001.log')), 'the worker deletes the store');
    assert.deepEqual(dataFiles({ globalStorageDir: path.join(root, 'none'), extensionId: 'pub.ext' }), { remove: [], kept: [] });
  });

  it('Delete All Data removes them after the store, and says how many', async () => {
    const g = fs.mkdtempSync(path.join(os.tmpdir(), 'data-files-'));
    touch(path.join(g, 'capture-survival.json'));
    const said: string[] = [];
    const ui = {
      pickFolder: () => Promise.resolve(undefined), withProgress: <T>(_t: string, task: (r: (m: string, i: number) => void) => Promise<T>) => task(() => {}),
      choose: (_m: string, _d: string, actions: readonly string[]) => Promise.resolve(actions[0]), info: (m: string) => said.push(m), error: (m: string) => said.push(`error ${m}`),
    };
    const client = { deleteAll: () => Promise.resolve({ removedFiles: 3 }) };
    assert.equal(await deleteAllData(client, ui, { locations: { globalStorageDir: g, extensionId: 'pub.ext' } }), true);
    assert.ok(!fs.existsSync(path.join(g, 'capture-survival.json')));
    assert.match(said[0], /\(3 files\) and 1 other file\(s\)/);
  });
});
