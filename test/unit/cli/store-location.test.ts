import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_ID, candidateStores, locateStore } from '../../../src/cli/store-location';

describe('where the CLI finds the store', () => {
  it('names the folder after package.json publisher.name', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { publisher: string; name: string; bin: Record<string, string> };
    assert.equal(EXTENSION_ID, `${pkg.publisher}.${pkg.name}`.toLowerCase());
    assert.equal(pkg.bin['ai-learning'], './dist/cli.js');
  });

  it('knows VS Code, Insiders, VSCodium and code-server on each OS', () => {
    const linux = candidateStores({ platform: 'linux', home: '/home/u', env: {} });
    assert.ok(linux.includes(`/home/u/.config/Code/User/globalStorage/${EXTENSION_ID}`));
    assert.ok(linux.includes(`/home/u/.config/Code - Insiders/User/globalStorage/${EXTENSION_ID}`));
    assert.ok(linux.includes(`/home/u/.config/VSCodium/User/globalStorage/${EXTENSION_ID}`));
    assert.ok(linux.includes(`/home/u/.local/share/code-server/User/globalStorage/${EXTENSION_ID}`));
    assert.ok(candidateStores({ platform: 'linux', home: '/h', env: { XDG_CONFIG_HOME: '/x' } }).includes(`/x/Code/User/globalStorage/${EXTENSION_ID}`));
    const mac = candidateStores({ platform: 'darwin', home: '/Users/u', env: {} });
    assert.ok(mac.includes(`/Users/u/Library/Application Support/Code/User/globalStorage/${EXTENSION_ID}`));
    const win = candidateStores({ platform: 'win32', home: 'C:\\Users\\u', env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' } });
    assert.ok(win.includes(`C:\\Users\\u\\AppData\\Roaming\\Code\\User\\globalStorage\\${EXTENSION_ID}`));
  });

  it('takes --store, then $AI_LEARNING_STORE, then the most recently written candidate', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-loc-'));
    const e = { platform: 'linux' as const, home, env: {} };
    const err = locateStore(undefined, e);
    assert.ok(err instanceof Error && err.message.includes('--store'));
    const [code, , codium] = candidateStores(e);
    for (const d of [code, codium]) fs.mkdirSync(path.join(d, 'snapshots'), { recursive: true });
    fs.utimesSync(path.join(code, 'snapshots'), new Date(1000), new Date(1000));
    assert.equal((locateStore(undefined, e) as { dir: string }).dir, codium);
    assert.equal((locateStore(undefined, { ...e, env: { AI_LEARNING_STORE: code } }) as { dir: string }).dir, code);
    assert.equal((locateStore('/tmp/x', e) as { how: string }).how, 'flag');
  });
});
