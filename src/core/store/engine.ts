/**
 * The store itself, as the worker runs it (tests run it in-process too): loads the newest valid snapshot,
 * follows every window's journal, ingests, answers queries, applies retention, and, while it owns the lock,
 * writes snapshots and removes journal segments the older kept generation covers.
 *
 * Layout of `storageDir`: `journal/<writer>-<seq>.log`, `snapshots/snap-<gen>.db` (+ `.hwm.json`), `owner.lock`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { localDay } from '../model/day';
import { all, openDb, dbBytes } from './db';
import { Ingestor } from './ingest';
import { noIngest } from './ingest';
import type { IngestResult } from './ingest';
import { ChunkedApply } from './chunked-apply';
import { JournalFollower } from './follower';
import { OwnerLock } from './owner-lock';
import { listGenerations, loadNewest, pruneSnapshots, readCoverage, removeGeneration, rmQuiet, writeSnapshot } from './snapshot';
import { raiseEpoch, readEpoch } from './epoch';
import { coverageHeld, gcPassedReader } from './rebase';
import type { SnapshotStep } from './snapshot';
import { applyRetention } from './retention';
import { exportAll } from './export';
import type { ExportFormat, ExportProgress, ExportSummary } from './export';
import { runQuery } from './queries';
import type { QueryArgs, QueryName, QueryResult } from './queries';
import { journalDir } from './segments';
import type { StoreLog } from './log';

export interface EngineOptions {
  storageDir: string;
  /** Unique per window (and per engine): the lock names its owner with it. */
  ownerId: string;
  SQL: SqlJsStatic;
  log: StoreLog;
  retentionDays?: number;
  maxDbMb?: number;
  /** Snapshot after this many journal bytes ingested (default 4 MB) ... */
  snapshotBytes?: number;
  /** ... or this long after the first change since the last snapshot (default 5 min). */
  snapshotIntervalMs?: number;
  lockStaleMs?: number;
  /** A writer's newest segment is only removed after this long without writes (default 5 min). */
  idleGraceMs?: number;
  /**
   * A reader beside the running extension (the CLI): never touches the lock, never writes a snapshot, never
   * removes a segment, never creates the folder, skips retention. What it ingests lives only in its memory.
   */
  passive?: boolean;
  /** Test hook: called at each step of a snapshot (a crash test kills the process there). */
  onSnapshotStep?: (s: SnapshotStep) => void;
}

/** What the engine reports about itself (`StoreClient.info`). */
export interface EngineInfo {
  owner: boolean;
  readOnly: string | null;
  generation: number;
  dbBytes: number;
  segments: number;
  badRegions: number;
  /** Records this engine set aside since it opened (the `storeHealth` query counts every window's). */
  quarantined: number;
  /** Times this engine rebased onto a newer snapshot because a GC had passed its read position. */
  rebases: number;
  /** The delete epoch (epoch.ts) this engine's database belongs to. */
  epoch: number;
}

export interface CatchUpResult extends IngestResult {
  bytes: number;
}

export class StoreEngine {
  private db!: Database;
  private ingestor!: Ingestor;
  private follower!: JournalFollower;
  private readonly lock: OwnerLock;
  private readonly snapDir: string;
  private readonly jDir: string;
  private owner = false;
  private gen = 0;
  private dirtyBytes = 0;
  private dirtySince = 0;
  private retentionDay = -1;
  private badRegions = 0;
  private quarantined = 0;
  private rebases = 0;
  /** The delete epoch the database was loaded under (epoch.ts). */
  private epoch = 0;
  /** The newest generation last rebased onto for a gap; a gap it could not close is not retried forever. */
  private rebasedFor = -1;
  readOnly: string | null = null;

  private constructor(private readonly o: EngineOptions) {
    this.snapDir = path.join(o.storageDir, 'snapshots');
    this.jDir = journalDir(o.storageDir);
    this.lock = new OwnerLock(path.join(o.storageDir, 'owner.lock'), o.ownerId, o.lockStaleMs ?? 15_000);
  }

  /** Loads, replays every journal, takes the lock if free, applies retention. */
  static open(o: EngineOptions): StoreEngine {
    if (o.passive !== true) fs.mkdirSync(o.storageDir, { recursive: true });
    const e = new StoreEngine(o);
    e.load();
    e.owner = !e.readOnly && o.passive !== true && e.lock.beat();
    e.tick();
    return e;
  }

  get isOwner(): boolean {
    return this.owner;
  }

  /** The delete epoch of the database held now (grows when this or another window deletes all data). */
  get currentEpoch(): number {
    return this.epoch;
  }

  private load(): void {
    this.epoch = readEpoch(this.o.storageDir);
    const snap = loadNewest(this.o.SQL, this.snapDir, this.o.log, this.epoch);
    const opened = snap ? snap.opened : openDb(this.o.SQL);
    this.gen = snap ? snap.gen : 0;
    this.db = opened.db;
    this.readOnly = opened.readOnlyReason ?? null;
    if (this.readOnly) this.o.log.warn(`store: ${this.readOnly}`);
    this.ingestor = new Ingestor(this.db);
    this.follower = new JournalFollower(this.jDir, this.o.log);
    if (snap) this.o.log.info(`store: loaded snapshot generation ${snap.gen} (${dbBytes(this.db)} B)`);
  }

  private reload(): void {
    this.ingestor.close();
    this.db.close();
    this.load();
    this.dirtyBytes = 0; // the loaded snapshot is on disk; what the journals add after it marks dirty again
  }

  /**
   * Loads the newest snapshot instead of the current base: records this window had not read were collected
   * (they live only in a newer generation). Once per newest generation: if that one is unusable and the
   * fallback still lacks them, they are reported lost instead of reloading at every catch-up.
   */
  private rebase(why: string): boolean {
    const newest = listGenerations(this.snapDir)[0] ?? 0;
    if (this.rebasedFor === newest) return false;
    this.rebasedFor = newest;
    this.rebases++;
    this.o.log.info(`store: ${why}; reloading from the newest snapshot (generation ${newest})`);
    this.reload();
    return true;
  }

  /** The follower's guard: reading now would skip records a newer generation holds. */
  private gcPassed = (lowest: ReadonlyMap<string, number>): boolean =>
    gcPassedReader(this.snapDir, this.gen, (w) => this.ingestor.highWater(w), lowest, this.rebasedFor);

  /**
   * Reads and ingests every new journal record, segment by segment as they are read, in transactions of at
   * most `CHUNK` records (several small segments share one transaction). When another window's GC has passed
   * this window's read position, it rebases onto the newest snapshot first, so no record is skipped.
   */
  catchUp(): CatchUpResult {
    this.followDelete();
    if (this.readOnly) return { ...noIngest(), bytes: 0 };
    let chunks = new ChunkedApply((b) => this.ingestor.apply(b));
    let poll = this.follower.poll((b) => chunks.push(b), this.gcPassed);
    if (poll.vanished) {
      if (!this.rebase('another window collected journal segments this window had not read')) {
        this.o.log.warn('store: journal records this window had not read were collected and the newest snapshot holding them is unusable; they are lost');
      }
      chunks = new ChunkedApply((b) => this.ingestor.apply(b));
      poll = this.follower.poll((b) => chunks.push(b));
    }
    const res = chunks.finish();
    this.badRegions += poll.badRegions;
    this.report(res);
    // Only what the database now holds marks it dirty: replayed records (already in the snapshot) do not.
    if (res.applied + res.duplicates + res.quarantined > 0) {
      if (this.dirtyBytes === 0) this.dirtySince = Date.now();
      this.dirtyBytes += Math.max(poll.bytes, 1);
    }
    return { ...res, bytes: poll.bytes };
  }

  /**
   * When another window ran Delete All Data (the epoch on disk grew), drops this database and reloads from
   * what is on disk now (written after the delete), so nothing deleted is shown or written back.
   */
  private followDelete(): boolean {
    const now = readEpoch(this.o.storageDir);
    if (now <= this.epoch) return false;
    this.o.log.warn(`store: another window deleted all data (epoch ${now}); this window drops the data it held`);
    this.reload();
    this.rebasedFor = -1; // generation numbers start again
    return true;
  }

  private report(res: IngestResult): void {
    if (res.quarantined > 0) {
      this.quarantined += res.quarantined;
      this.o.log.warn(`store: ${res.quarantined} journal record(s) set aside in quarantine, the rest stored (first: ${res.firstError})`);
    }
    if (res.dropped > 0) this.o.log.warn(`store: ${res.dropped} out-of-range value(s) dropped from stored records`);
  }

  /** Catches up (so a caller reads its own writes), then runs the query. */
  query<Q extends QueryName>(name: Q, args: QueryArgs[Q]): QueryResult[Q] {
    this.catchUp();
    return runQuery(this.db, name, args);
  }

  /** Periodic work: heartbeat/takeover, catch-up, daily retention, snapshot when due. */
  tick(): CatchUpResult {
    const writes = !this.readOnly && this.o.passive !== true;
    if (writes) this.owner = this.lock.beat();
    const res = this.catchUp();
    const today = localDay(Date.now());
    if (writes && today !== this.retentionDay) {
      this.retentionDay = today;
      const r = applyRetention(this.db, this.o.retentionDays ?? 14, this.o.maxDbMb ?? 64);
      if (r.deleted > 0) this.o.log.info(`store: retention removed ${r.deleted} raw rows (kept ${r.effectiveDays} days)`);
      if (r.promptsCleared + r.interactionsDeleted > 0) {
        this.o.log.warn(`store: the size cap removed the prompt text of ${r.promptsCleared} and all of ${r.interactionsDeleted} older interactions`);
      }
    }
    const due = this.dirtyBytes >= (this.o.snapshotBytes ?? 4 * 1024 * 1024) ||
      (this.dirtyBytes > 0 && Date.now() - this.dirtySince >= (this.o.snapshotIntervalMs ?? 300_000));
    if (due) this.snapshot();
    return res;
  }

  /** Writes a snapshot and collects covered journal segments; only the lock owner does. */
  snapshot(): boolean {
    if (this.readOnly || !this.owner || !this.lock.isMine()) return false;
    if (this.followDelete()) this.catchUp();
    if (!this.baseIsCurrent()) {
      // Never build a generation from a base older than the newest one: that would drop what only it holds.
      this.rebase('this window\'s database lacks records of a newer snapshot');
      this.catchUp();
      if (!this.baseIsCurrent()) {
        this.o.log.warn('store: snapshot skipped: the newest generation holds records this window cannot read');
        return false;
      }
    }
    const gen = Math.max(this.gen, ...listGenerations(this.snapDir)) + 1;
    const step = this.o.onSnapshotStep;
    writeSnapshot(this.snapDir, gen, this.db.export(), this.ingestor.highWaters(), this.o.ownerId, step, this.epoch);
    if (readEpoch(this.o.storageDir) !== this.epoch) {
      // Another window deleted all data while this one wrote: the generation holds deleted rows.
      removeGeneration(this.snapDir, gen);
      this.followDelete();
      return false;
    }
    this.gen = gen;
    this.dirtyBytes = 0;
    pruneSnapshots(this.snapDir, 2);
    step?.('before-gc');
    this.collectSegments();
    return true;
  }

  /** Whether this database holds every record the newest generation on disk covers. */
  private baseIsCurrent(): boolean {
    return coverageHeld(this.snapDir, this.gen, (w) => this.ingestor.highWater(w));
  }

  /** Deletes closed segments whose every record the older kept generation holds. */
  private collectSegments(): void {
    const gens = listGenerations(this.snapDir);
    if (gens.length < 2 || !this.lock.isMine()) return;
    const cover = readCoverage(this.snapDir, gens[1]);
    this.catchUp(); // reads every segment to its end (ingesting what it finds) so maxSeq is complete
    const states = this.follower.states();
    const grace = this.o.idleGraceMs ?? 300_000;
    for (const st of states) {
      const successor = states.some((o) => o.seg.writer === st.seg.writer && o.seg.startSeq > st.seg.startSeq);
      const closed = successor || Date.now() - st.mtimeMs > grace;
      if (closed && st.maxSeq <= (cover.get(st.seg.writer) ?? 0)) {
        rmQuiet(path.join(this.jDir, st.seg.file));
        this.follower.forget(st.seg.file);
      }
    }
  }

  /** Ad-hoc read for tests and diagnostics (after a catch-up). Not part of the worker protocol. */
  sql<T>(sql: string, params: (string | number | null)[] = []): T[] {
    this.catchUp();
    return all<T>(this.db, sql, params);
  }

  exportAll(dir: string, onProgress?: ExportProgress, formats?: readonly ExportFormat[]): ExportSummary {
    this.catchUp();
    return exportAll(this.db, dir, onProgress, new Date(), formats);
  }

  /** Removes database, snapshots, journals and lock; continues with an empty database. */
  deleteAll(): { removedFiles: number } {
    // First, so another window that reads the folder from now on knows its data was deleted.
    this.epoch = raiseEpoch(this.o.storageDir, this.epoch, this.o.ownerId);
    let removed = 0;
    for (const dir of [this.snapDir, this.jDir]) {
      try {
        removed += fs.readdirSync(dir).length;
      } catch {
        // nothing there
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    this.ingestor.close();
    this.db.close();
    this.load();
    this.dirtyBytes = 0;
    this.rebasedFor = -1; // generation numbers start again
    return { removedFiles: removed };
  }

  info(): EngineInfo {
    return {
      owner: this.owner, readOnly: this.readOnly, generation: this.gen, dbBytes: dbBytes(this.db),
      segments: this.follower.states().length, badRegions: this.badRegions, quarantined: this.quarantined,
      rebases: this.rebases, epoch: this.epoch,
    };
  }

  /** Final catch-up, a snapshot if owner and anything changed, lock released, memory freed. */
  close(): void {
    this.catchUp();
    if (this.owner && this.dirtyBytes > 0) this.snapshot();
    if (this.owner) this.lock.release();
    this.ingestor.close();
    this.db.close();
  }
}
