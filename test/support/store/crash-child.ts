/**
 * Child process for the kill -9 tests. Appends text_change events tagged (fileHash = run, count = index) as
 * fast as it can and acknowledges each index on stdout after `append` returned.
 *   client <storageDir> <run> [segB [pollMs]]  StoreClient: main-thread journal + worker (tiny snapshot
 *                                       threshold; journal segments of segB bytes, default 1 MB; the worker
 *                                       ticks and is poked every pollMs, default 15 / 5: a window that lags)
 *   step <storageDir> <run> <step>      in-process engine; SIGKILLs itself at that snapshot step (3rd snapshot)
 */
import type { RecordedEvent } from '../../../src/core/model/events';
import { StoreClient } from '../../../src/core/store/client';
import { StoreEngine } from '../../../src/core/store/engine';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { loadSqlJs } from '../../../src/core/store/db';
import { silentLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';

const [mode, dir, run, step, slowMs] = process.argv.slice(2) as [string, string, string, string?, string?];

function ev(i: number): RecordedEvent {
  return { kind: 'text_change', ts: Date.now(), fileHash: run, language: 'typescript', label: 'typed', precision: 'strong', charsAdded: 5, charsRemoved: 0, linesAdded: 0, count: i };
}

/** Acks go through the (async) stdout pipe: an ack lost to the kill only makes the check more lenient. */
const ack = (i: number): void => {
  process.stdout.write(`ack ${i}\n`);
};
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

async function client(): Promise<void> {
  const c = await StoreClient.open({ storageDir: dir, windowId: `crash${run}`, tickMs: slowMs ? Number(slowMs) : 15,
    pokeMs: slowMs ? Number(slowMs) : 5, snapshotBytes: 16 * 1024, lockStaleMs: 500,
    segmentBytes: step ? Number(step) : undefined,
    log: { info: () => {}, warn: (m) => process.stderr.write(`${m}\n`), error: (m, e) => process.stderr.write(`${m} ${String(e)}\n`) } });
  process.stdout.write('ready\n');
  if (process.env.CRASH_INFO) {
    setInterval(() => void c.info().then((x) => process.stderr.write(`info ${run} ${JSON.stringify(x)}\n`)), 100);
  }
  for (let i = 0; ; i++) {
    c.append(ev(i));
    ack(i);
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 1));
  }
}

async function engineStep(): Promise<void> {
  const SQL = await loadSqlJs();
  let snaps = 0;
  const e = StoreEngine.open({
    storageDir: dir, ownerId: `step${run}`, SQL, log: silentLog, snapshotBytes: 1 << 30, lockStaleMs: 500,
    onSnapshotStep: (s) => {
      if (s === step && snaps === 2) process.kill(process.pid, 'SIGKILL');
    },
  });
  const w = JournalWriter.open({ dir: journalDir(dir), writerId: `step${run}` });
  process.stdout.write('ready\n');
  for (let i = 0; i < 100_000; i++) {
    w.append(ev(i));
    ack(i);
    if (i % 200 === 199) {
      e.tick();
      if (e.snapshot()) snaps++;
      await tick();
    }
  }
}

void (mode === 'client' ? client() : engineStep());
