import assert from 'node:assert/strict';
import { recogniseCommand } from '../../../src/core/capture/commands';
import { countAiLines, parseUnifiedDiff } from '../../../src/core/capture/git-diff';
import { GlobSet } from '../../../src/core/capture/glob';
import { SessionTracker } from '../../../src/core/capture/sessions';
import { captureStatus } from '../../../src/core/capture/status';
import { DEFAULT_CAPTURE_CONFIG } from '../../../src/core/capture/types';
import type { SessionEvent } from '../../../src/core/model/events';

describe('excludeGlobs', () => {
  const defaults = new GlobSet(DEFAULT_CAPTURE_CONFIG.excludeGlobs);
  it('excludes the safe defaults anywhere in the tree', () => {
    for (const p of ['/ws/.env', '/ws/app/.env.local', '/ws/certs/server.pem', 'C:\\ws\\id.key', '/ws/config/secrets/db.json']) {
      assert.ok(defaults.matches(p), p);
    }
  });
  it('keeps ordinary files', () => {
    for (const p of ['/ws/src/env.ts', '/ws/src/keyboard.ts', '/ws/README.md', '/ws/secretsauce/a.ts', '/ws/src/.envrc.ts/x.ts']) {
      assert.ok(!defaults.matches(p), p);
    }
  });
  it('supports braces, ? and character classes', () => {
    const g = new GlobSet(['**/*.{p12,pfx}', 'build/**', 'log?.[tc]sv']);
    assert.ok(g.matches('/a/b/cert.pfx') && g.matches('/ws/build/x/y.js') && g.matches('/ws/log1.csv'));
    assert.ok(!g.matches('/a/b/cert.pem') && !g.matches('/ws/log12.csv'));
  });
});

describe('test-command recognition', () => {
  const tests = [
    'npm test', 'npm t', 'npm run test:unit', 'yarn test --watch=false', 'pnpm test', 'pnpm run test', 'bun test',
    'npx jest src/a.test.ts', 'npx vitest run', 'vitest', 'mocha', './node_modules/.bin/mocha test', 'pytest -q',
    'python -m pytest tests/', 'python3 -m unittest discover', 'go test ./...', 'cargo test --release', 'dotnet test',
    'CI=1 npm test', 'cd web && npm test', 'node --test', 'deno test', 'mvn test', './gradlew test', 'make test',
    'npx playwright test', 'python manage.py test',
  ];
  for (const cmd of tests) it(`recognises a test run: ${cmd}`, () => assert.equal(recogniseCommand(cmd).isTest, true));
  const others = ['npm install', 'npm run build', 'git commit -m "add test"', 'ls tests', 'cargo build', 'cat test.txt', 'go build', 'echo test', 'cargo check'];
  for (const cmd of others) it(`not a test run: ${cmd}`, () => assert.equal(recogniseCommand(cmd).isTest, false));
  it('names the tool', () => {
    assert.equal(recogniseCommand('sudo FOO=1 /usr/bin/npm test').tool, 'npm');
    assert.equal(recogniseCommand('cd web && npx jest').tool, 'npx');
    assert.equal(recogniseCommand('git status').tool, 'git');
    assert.equal(recogniseCommand('   ').tool, '');
  });
});

describe('sessions', () => {
  it('start with activity, end after idleMinutes without it, stamped at the last activity', () => {
    const events: SessionEvent[] = [];
    let n = 0;
    const s = new SessionTracker((e) => events.push(e), 15 * 60_000, () => `s${++n}`, 'ws1');
    s.activity(0);
    s.activity(30_000);
    s.activity(50_000); // active so far: 50 s
    s.activity(5 * 60_000); // a 250 s gap is not active time
    assert.equal(s.tick(5 * 60_000 + 14 * 60_000), false);
    assert.equal(s.tick(5 * 60_000 + 15 * 60_000), true);
    s.activity(25 * 60_000);
    s.activity(60 * 60_000); // the second session ended while idle, a third starts
    assert.deepEqual(events.map((e) => [e.phase, e.id, e.ts, e.activeMs]), [
      ['start', 's1', 0, undefined], ['end', 's1', 300_000, 50_000], ['start', 's2', 1_500_000, undefined],
      ['end', 's2', 1_500_000, 0], ['start', 's3', 3_600_000, undefined],
    ]);
    assert.ok(events.every((e) => e.workspaceHash === 'ws1'));
  });
});

describe('git diff and AI lines', () => {
  it('counts added and removed lines and the new-side numbers of added lines', () => {
    const patch = [
      'diff --git a/a.ts b/a.ts', 'index 1..2 100644', '--- a/a.ts', '+++ b/a.ts',
      '@@ -1,3 +1,4 @@', ' one', '-two', '+TWO', '+two and a half', ' three',
      '@@ -10,2 +11,3 @@', ' ten', '+eleven', ' twelve',
    ].join('\n');
    const d = parseUnifiedDiff(patch);
    assert.deepEqual(d, { linesAdded: 3, linesRemoved: 1, addedLines: [2, 3, 12] });
    assert.equal(countAiLines(d.addedLines, new Set([3, 12, 40])), 2);
    assert.deepEqual(parseUnifiedDiff('garbage\n@@ broken @@\n+x'), { linesAdded: 0, linesRemoved: 0, addedLines: [] });
  });
});

describe('status text', () => {
  it('shows the AI share and how much was kept, and says what cannot be seen', () => {
    const s = captureStatus('recording', { newChars: 1000, aiChars: 340, aiKeptChars: 162, aiMeasuredChars: 200 });
    assert.equal(s.text, '$(record) AI 34% · kept 81%');
    assert.match(s.tooltip, /whether a suggestion was shown/);
    assert.match(s.tooltip, /implicit rejections/);
    assert.equal(captureStatus('recording').text, '$(record) AI – · kept –');
    assert.equal(captureStatus('paused').text, '$(debug-pause) AI capture paused');
    assert.equal(captureStatus('off').text, '$(circle-slash) AI capture off');
  });

  it("leaves the user's own patterns out of the AI share and gives them their own kept share", () => {
    const s = captureStatus('recording', {
      newChars: 1000, aiChars: 0, aiKeptChars: 0, aiMeasuredChars: 0, patternChars: 460, patternKeptChars: 115, patternMeasuredChars: 460,
    });
    assert.equal(s.text, '$(record) AI 0% · kept –');
    const timed = captureStatus('recording', { newChars: 1000, aiChars: 340, aiKeptChars: 162, aiMeasuredChars: 200, activeMs: 125 * 60_000 + 59_000 });
    assert.equal(timed.text, '$(record) 2 hrs 5 mins · AI 34% · kept 81%');
    assert.match(timed.tooltip, /Active coding time today: 2 hrs 5 mins/);
    const brief = captureStatus('recording', { newChars: 1000, aiChars: 340, aiKeptChars: 162, aiMeasuredChars: 200, activeMs: 59_000 });
    assert.equal(brief.text, '$(record) AI 34% · kept 81%', 'no "0 mins" before the first whole minute');
    assert.match(s.tooltip, /Your own patterns \(not counted as AI\): 460 characters inserted; 25% of the measured ones kept/);
  });
});
