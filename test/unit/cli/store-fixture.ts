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
  /** Every event written, in order (the oracle for the figures). */
  events: RecordedEvent[];
}

/** Stored as prompt text on one interaction: no CLI or MCP result may contain it. */
export const PROMPT_MARKER = 'PROMPT-TEXT-MUST-NOT-LEAK-7f3a';

function dayEvents(r: () => number, d: number, perDay: number, seq: number): RecordedEvent[] {
  const start = dayStartTs(d);
  const evs = Array.from({ length: perDay }, (_, k) => mixEvent(r, seq + k, start + 3_600_000 + Math.floor((k / perDay) * 72_000_000)));
  const secret: RecordedEvent = {
    kind: 'ai_interaction', ts: start + 40_000_000, id: `secret-${d}`, sourceTool: 'codex', interaction: 'chat', intent: 'refactor',
    model: 'gpt-5-codex', tokensIn: 500, tokensOut: 100, prompt: `${PROMPT_MARKER} please refactor`, success: false, latencyMs: 2000,
  };
  return [...evs, ...everyKind(`d${d}`, start + 43_200_000), secret];
}

export async function buildStore(days = 60, perDay = 200): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-store-'));
  const client = await StoreClient.open({ storageDir: dir, windowId: 'fixture', tickMs: 50 });
  const r = rng(7);
  const today = localDay(Date.now());
  const events: RecordedEvent[] = [];
  for (let d = today - days + 1; d <= today - 3; d++) {
    const evs = dayEvents(r, d, perDay, events.length + 1);
    client.appendMany(evs);
    events.push(...evs);
  }
  await client.query('eventCount', {}); // the worker has ingested all of it
  if (!(await client.snapshot())) throw new Error('fixture: the worker did not snapshot');
  await client.close();
  // The last days only in another window's journal (not in any snapshot).
  const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'other-window' });
  for (let d = today - 2; d <= today; d++) {
    const evs = dayEvents(r, d, perDay, events.length + 1);
    w.appendMany(evs);
    events.push(...evs);
  }
  await w.close();
  return { dir, events };
}

/** Name, size and mtime of every file under `dir` (the "nothing written" check). */
export function listing(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        out.set(path.relative(dir, p), `${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

/** Runs the CLI in-process; resolves with its exit code and stdout. */
export async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const { main } = await import('../../../src/cli/main');
  let out = '';
  const code = await main(args, (s) => {
    out += s;
  });
  return { code, out };
}
