/**
 * A store built by the real store worker (`StoreClient` -> `dist`-less TS worker under tsx): the bench's
 * event mix over `days` days plus one event of every kind a day (patterns, ratings, votes), snapshotted, then
 * more events left in a second window's journal only, so a reader needs snapshot + journals.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreClient } from '../../../src/core/store/client';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { journalDir } from '../../../src/core/store/segments';
import { dayStartTs, localDay } from '../../../src/core/model/day';
import type { RecordedEvent } from '../../../src/core/model/events';
import { everyKind, mixEvent, rng } from '../../support/store/gen';

export interface Fixture {
  dir: string;
  events: number;
}

function dayEvents(r: () => number, d: number, perDay: number, seq: number): RecordedEvent[] {
  const start = dayStartTs(d);
  const evs = Array.from({ length: perDay }, (_, k) => mixEvent(r, seq + k, start + 3_600_000 + Math.floor((k / perDay) * 72_000_000)));
  return [...evs, ...everyKind(`d${d}`, start + 43_200_000)];
}

export async function buildStore(days = 60, perDay = 200): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-store-'));
  const client = await StoreClient.open({ storageDir: dir, windowId: 'fixture', tickMs: 50 });
  const r = rng(7);
  const today = localDay(Date.now());
  let events = 0;
  for (let d = today - days + 1; d <= today - 3; d++) {
    const evs = dayEvents(r, d, perDay, events + 1);
    client.appendMany(evs);
    events += evs.length;
  }
  await client.query('eventCount', {}); // the worker has ingested all of it
  if (!(await client.snapshot())) throw new Error('fixture: the worker did not snapshot');
  await client.close();
  // The last days only in another window's journal (not in any snapshot).
  const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'other-window' });
  for (let d = today - 2; d <= today; d++) {
    const evs = dayEvents(r, d, perDay, events + 1);
    w.appendMany(evs);
    events += evs.length;
  }
  await w.close();
  return { dir, events };
}
