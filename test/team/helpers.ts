/**
 * The team tier's fixtures: a fresh database per test file on the server scripts/run-team.mjs started
 * (ALA_TEAM_PG, a superuser URL), member login roles, and members' local stores built by the real store worker
 * from the bench's event mix, with texts that must never reach the server planted in them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { StoreClient } from '../../src/core/store/client';
import { dayStartTs, localDay } from '../../src/core/model/day';
import type { RecordedEvent } from '../../src/core/model/events';
import { everyKind, mixEvent, rng } from '../support/store/gen';

export function serverUrl(): string {
  const url = process.env.ALA_TEAM_PG;
  if (!url) throw new Error('ALA_TEAM_PG is not set: run the team tier with node scripts/run-team.mjs');
  return url;
}

/** `url` with another user and database. */
export function urlFor(user: string, db: string): string {
  const u = new URL(serverUrl());
  u.username = user;
  u.pathname = `/${db}`;
  return u.toString();
}

/** Runs SQL as the superuser in database `db`. */
export async function adminSql(db: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: urlFor(new URL(serverUrl()).username, db) });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

/** A new empty database; returns its superuser URL. */
export async function freshDb(name: string): Promise<string> {
  await adminSql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminSql('postgres', `CREATE DATABASE ${name}`);
  return urlFor(new URL(serverUrl()).username, name);
}

/** A member login role (trust authentication on the test server), granted ala_member; returns its URL for `db`. */
export async function memberRole(name: string, db: string): Promise<string> {
  await adminSql(db, `DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${name}') THEN CREATE ROLE ${name} LOGIN; END IF;
  END $$; GRANT ala_member TO ${name}`);
  return urlFor(name, db);
}

/** Texts planted in a member's store: none may appear in any column on the server. */
export const SECRETS = {
  prompt: 'PROMPT-MUST-STAY-LOCAL-91c2',
  path: '/home/alice/work/secret-project-7d1e/src/app.ts',
  script: '/home/alice/work/secret-project-7d1e/scripts/deploy.sh',
  code: 'function leakedCode_4b7a() { return 42; }',
  command: 'curl -H token-SECRET-5e0f https://internal',
  feedback: 'FEEDBACK-TEXT-MUST-STAY-LOCAL-3a9d',
};

function planted(tag: string, ts: number): RecordedEvent[] {
  return [
    { kind: 'ai_interaction', ts, id: `planted-${tag}`, sourceTool: 'claude-code', interaction: 'chat', intent: 'refactor', model: 'claude-sonnet-4', tokensIn: 700, tokensOut: 90, prompt: `${SECRETS.prompt} in ${SECRETS.path}`, success: true, latencyMs: 1500, voteReason: SECRETS.feedback },
    { kind: 'tool_run', ts, tool: SECRETS.script, source: 'terminal', success: false, exitCode: 1, durationMs: 900, command: SECRETS.command },
    { kind: 'ai_insertion', ts, id: `planted-ins-${tag}`, origin: 'chat', tool: 'claude-code', fileHash: 'f'.repeat(16), language: 'typescript', chars: SECRETS.code.length, lines: 1, precision: 'exact', confidence: 1, textHash: 'b'.repeat(16), text: SECRETS.code },
    { kind: 'feedback', ts, id: `planted-fb-${tag}`, rating: 2, tags: ['slow'], text: SECRETS.feedback },
    { kind: 'pattern', ts, id: `planted-p-${tag}`, op: 'upsert', name: 'leaked', language: 'typescript', tags: [], complexity: 5, lines: 1, code: SECRETS.code, fingerprint: 'fp2', sourcePath: SECRETS.path },
  ];
}

export interface MemberStore {
  dir: string;
  client: StoreClient;
  events: RecordedEvent[];
}

/** A member's store over `days` days up to today, `perDay` mixed events a day (seeded), plus the planted texts. */
export async function memberStore(seed: number, days: number, perDay: number): Promise<MemberStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `team-member-${seed}-`));
  const client = await StoreClient.open({ storageDir: dir, windowId: `member-${seed}`, tickMs: 50 });
  const r = rng(seed);
  const today = localDay(Date.now());
  const events: RecordedEvent[] = [];
  for (let d = today - days + 1; d <= today; d++) {
    const start = dayStartTs(d);
    const evs = Array.from({ length: perDay }, (_, k) => mixEvent(r, events.length + k, start + 3_600_000 + Math.floor((k / perDay) * 72_000_000)));
    evs.push(...everyKind(`m${seed}d${d}`, start + 43_200_000), ...planted(`m${seed}d${d}`, start + 50_000_000));
    client.appendMany(evs);
    events.push(...evs);
  }
  await client.query('eventCount', {});
  return { dir, client, events };
}

export async function closeStore(m: MemberStore): Promise<void> {
  await m.client.close();
  fs.rmSync(m.dir, { recursive: true, force: true });
}
