import type { SurvivalCheckpoint, SurvivalEvent } from '../model/events';
import { shortHash } from '../util/hash';
import { CheckpointQueues, TIMED_CHECKPOINTS } from './checkpoints';
import { SegmentList, type Segment } from './ranges';
import type { ContentChange } from './types';

/** One AI (or pattern) insertion being tracked. `kept` = characters of it still in the document. */
export interface TrackedInsertion {
  id: string;
  uri: string;
  t0: number;
  total: number;
  kept: number;
  /** Bit i set = checkpoint `CHECKPOINT_ORDER[i]` recorded. */
  done: number;
  lost: boolean;
  /** Its timed checkpoints are queued. */
  scheduled?: boolean;
}

/** Checkpoint bit order: the timed ones (as in TIMED_CHECKPOINTS), then save and commit. */
export const CHECKPOINT_ORDER: readonly SurvivalCheckpoint[] = [...TIMED_CHECKPOINTS.map((c) => c.name), 'save', 'commit'];
const SAVE_BIT = 1 << 7;
const COMMIT_BIT = 1 << 8;
const LAST_TIMED = TIMED_CHECKPOINTS.length - 1;

type Seg = Segment<TrackedInsertion>;
interface ParkedSeg { start: number; end: number; owner: TrackedInsertion; hash: string }
interface DocTrack {
  segs: SegmentList<TrackedInsertion>;
  owners: Set<TrackedInsertion>;
  /** Set while the document is closed: the segments with the hash of their text, to verify on reopen. */
  parked?: { docHash: string; segs: ParkedSeg[] };
}

/** Persisted form (no code text: only offsets and hashes). */
export interface SurvivalSnapshot {
  version: 1;
  insertions: Array<{ id: string; uri: string; t0: number; total: number; kept: number; done: number; lost: boolean }>;
  docs: Array<{ uri: string; docHash: string; segs: Array<[start: number, end: number, insertion: number, hash: string]> }>;
}

/**
 * Tracks AI insertions as ranges moved through later edits and records the characters still present at each
 * checkpoint. Memory is bounded by `maxTracked` (oldest evicted first); an insertion is forgotten after its
 * 7-day checkpoint.
 */
export class SurvivalTracker {
  private readonly byId = new Map<string, TrackedInsertion>();
  private readonly docs = new Map<string, DocTrack>();
  private readonly queues = new CheckpointQueues<TrackedInsertion>();
  /** Insertions dropped because of the memory bound. */
  evicted = 0;

  constructor(private readonly emit: (ev: SurvivalEvent) => void, private readonly maxTracked = 20_000) {}

  get size(): number {
    return this.byId.size;
  }

  /** Whether anything is tracked in `uri` (so its text is worth reading at close or commit). */
  tracks(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** Whether `uri` has parked (closed or restored) tracking waiting for `unpark`. */
  hasParked(uri: string): boolean {
    return this.docs.get(uri)?.parked !== undefined;
  }

  /** Starts a new (not yet scheduled) insertion; its characters are added by `applyChange(..., owner)`. */
  begin(id: string, uri: string, t0: number): TrackedInsertion {
    const rec: TrackedInsertion = { id, uri, t0, total: 0, kept: 0, done: 0, lost: false };
    this.byId.set(id, rec);
    this.doc(uri).owners.add(rec);
    if (this.byId.size > this.maxTracked) this.evictOldest();
    return rec;
  }

  /** Schedules the timed checkpoints of an insertion (once its classification is final). */
  schedule(rec: TrackedInsertion): void {
    rec.scheduled = true;
    this.queues.schedule(rec);
  }

  /**
   * Moves tracked ranges of `uri` through `changes`; when `owner` is given, each change's inserted text
   * becomes a tracked segment of it.
   */
  applyChange(uri: string, changes: readonly ContentChange[], owner?: TrackedInsertion): void {
    const doc = owner ? this.doc(uri) : this.docs.get(uri);
    if (!doc) return;
    if (doc.parked) this.loseParked(doc);
    for (const c of changes) {
      doc.segs.applyEdit(c.rangeOffset, c.rangeLength, c.text.length);
      if (owner && c.text.length > 0) {
        doc.segs.add({ start: c.rangeOffset, end: c.rangeOffset + c.text.length, owner });
        owner.total += c.text.length;
        owner.kept += c.text.length;
      }
    }
  }

  /** Forgets an insertion (e.g. a tentative one that turned out to be a paste). */
  drop(rec: TrackedInsertion): void {
    this.byId.delete(rec.id);
    // Only queues whose checkpoint has not fired yet still hold it (timed checkpoints fire in order).
    if (rec.scheduled) this.queues.remove(rec, firstUndone(rec));
    const doc = this.docs.get(rec.uri);
    if (!doc) return;
    doc.owners.delete(rec);
    doc.segs.removeOwner(rec);
    if (doc.parked) doc.parked.segs = doc.parked.segs.filter((s) => s.owner !== rec);
    if (doc.owners.size === 0) this.docs.delete(rec.uri);
  }

  /** Records the timed checkpoints that are due. */
  tick(now: number): void {
    const finished: TrackedInsertion[] = [];
    this.queues.due(now, (rec, q) => {
      if (this.byId.get(rec.id) !== rec) return;
      this.record(rec, q, now);
      if (q === LAST_TIMED) finished.push(rec);
    });
    for (const rec of finished) this.drop(rec);
  }

  /** First save of a document after an insertion: the 'save' checkpoint. */
  onSave(uri: string, now: number): void {
    this.once(uri, SAVE_BIT, now);
  }

  /** First commit containing the document after an insertion: the 'commit' checkpoint. */
  onCommit(uri: string, now: number): void {
    this.once(uri, COMMIT_BIT, now);
  }

  /** The document was closed: remember each segment's text hash to verify it when it is opened again. */
  park(uri: string, text: string): void {
    const doc = this.docs.get(uri);
    if (!doc || doc.parked) return;
    const segs = doc.segs.all().map((s) => ({ start: s.start, end: s.end, owner: s.owner, hash: shortHash(text.slice(s.start, s.end)) }));
    doc.parked = { docHash: shortHash(text), segs };
    doc.segs.reset([]);
  }

  /** The document was opened: keep the segments whose text is still where it was; the rest is lost. */
  unpark(uri: string, text: string): void {
    const doc = this.docs.get(uri);
    if (!doc?.parked) return;
    const { docHash, segs } = doc.parked;
    doc.parked = undefined;
    const same = shortHash(text) === docHash;
    const kept: Seg[] = [...doc.segs.all()];
    for (const p of segs) {
      if (same || (p.end <= text.length && shortHash(text.slice(p.start, p.end)) === p.hash)) {
        kept.push({ start: p.start, end: p.end, owner: p.owner });
      } else {
        p.owner.kept -= p.end - p.start;
        p.owner.lost = true;
      }
    }
    doc.segs.reset(kept.sort((a, b) => a.start - b.start));
  }

  /** 1-based numbers of the lines of `text` holding a non-whitespace tracked character of `uri`. */
  aiLines(uri: string, text: string): Set<number> {
    const lines = new Set<number>();
    const doc = this.docs.get(uri);
    const segs: Array<{ start: number; end: number; hash?: string }> = doc?.parked ? doc.parked.segs : (doc?.segs.all() ?? []);
    if (segs.length === 0) return lines;
    const starts = lineStarts(text);
    for (const s of segs) {
      if (s.end > text.length || (s.hash !== undefined && shortHash(text.slice(s.start, s.end)) !== s.hash)) continue;
      let line = lineOf(starts, s.start);
      for (let i = s.start; i < s.end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10) line++;
        else if (ch !== 32 && ch !== 9 && ch !== 13) lines.add(line);
      }
    }
    return lines;
  }

  /** Persistable state; `getText` gives the current text of open documents (their segments are hashed). */
  snapshot(getText: (uri: string) => string | undefined): SurvivalSnapshot {
    const recs = [...this.byId.values()];
    const index = new Map(recs.map((r, i) => [r, i]));
    const docs: SurvivalSnapshot['docs'] = [];
    for (const [uri, doc] of this.docs) {
      let parked = doc.parked;
      if (!parked) {
        const text = getText(uri);
        if (text === undefined) continue;
        parked = { docHash: shortHash(text), segs: doc.segs.all().map((s) => ({ ...s, hash: shortHash(text.slice(s.start, s.end)) })) };
      }
      docs.push({ uri, docHash: parked.docHash, segs: parked.segs.map((s) => [s.start, s.end, index.get(s.owner)!, s.hash]) });
    }
    return { version: 1, insertions: recs.map(({ id, uri, t0, total, kept, done, lost }) => ({ id, uri, t0, total, kept, done, lost })), docs };
  }

  /** Restores a snapshot: its documents come back parked (call `unpark` for those already open). */
  restore(snap: SurvivalSnapshot): number {
    if (snap?.version !== 1 || !Array.isArray(snap.insertions)) return 0;
    const recs: Array<TrackedInsertion | undefined> = snap.insertions.map((r) => (this.byId.has(r.id) ? undefined : { ...r }));
    for (const d of snap.docs) {
      const live = this.docs.get(d.uri);
      const owned = d.segs.filter(([, , i]) => recs[i] !== undefined);
      if (live && !live.parked) {
        for (const [s, e, i] of owned) Object.assign(recs[i]!, { kept: recs[i]!.kept - (e - s), lost: true });
        continue;
      }
      const doc = this.doc(d.uri);
      doc.parked = { docHash: d.docHash, segs: owned.map(([start, end, i, hash]) => ({ start, end, owner: recs[i]!, hash })) };
    }
    let n = 0;
    for (const rec of recs) {
      if (!rec) continue;
      this.byId.set(rec.id, rec);
      this.doc(rec.uri).owners.add(rec);
      const first = firstUndone(rec);
      if (first <= LAST_TIMED) {
        rec.scheduled = true;
        this.queues.schedule(rec, first);
      }
      n++;
    }
    return n;
  }

  /** Forgets everything (capture turned off). */
  clear(): void {
    this.byId.clear();
    this.docs.clear();
    this.queues.clear();
  }

  private once(uri: string, bit: number, now: number): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    for (const rec of doc.owners) if (!(rec.done & bit)) this.record(rec, Math.log2(bit), now);
  }

  private record(rec: TrackedInsertion, bitIndex: number, now: number): void {
    rec.done |= 1 << bitIndex;
    const ev: SurvivalEvent = { kind: 'survival', ts: now, insertionId: rec.id, checkpoint: CHECKPOINT_ORDER[bitIndex], charsKept: rec.kept, charsTotal: rec.total };
    if (rec.lost) ev.lost = true;
    this.emit(ev);
  }

  private doc(uri: string): DocTrack {
    let doc = this.docs.get(uri);
    if (!doc) {
      doc = { segs: new SegmentList(), owners: new Set() };
      this.docs.set(uri, doc);
    }
    return doc;
  }

  private loseParked(doc: DocTrack): void {
    for (const p of doc.parked!.segs) {
      p.owner.kept -= p.end - p.start;
      p.owner.lost = true;
    }
    doc.parked = undefined;
  }

  private evictOldest(): void {
    const oldest = this.byId.values().next().value;
    if (!oldest) return;
    this.drop(oldest);
    this.evicted++;
  }
}

/** Index of the first timed checkpoint not yet recorded (LAST_TIMED + 1 when all are). */
function firstUndone(rec: TrackedInsertion): number {
  let first = 0;
  while (first <= LAST_TIMED && rec.done & (1 << first)) first++;
  return first;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of `offset`. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
