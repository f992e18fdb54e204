/**
 * Sentence-model vectors kept on disk (the extension's global storage), so a restart does not re-embed
 * the library: on the wasm runtime one snippet costs tens to hundreds of milliseconds.
 *
 * One file per embedder id (the id names the model, its dtype and length, and a hash of its files, i.e.
 * its revision), entries keyed by a SHA-1 of the exact text embedded (stricter than the structural
 * fingerprint, which ignores identifiers the model reads). Bounded: least recently used entries go
 * first. A file that fails its checks (magic, header, length, SHA-256 trailer) is dropped and rebuilt,
 * and `problem` says so. Format: `ALAVEC1\n`, u32 header length, header JSON, entries (20-byte key +
 * dims float32 LE), 32-byte SHA-256 of everything before it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from './embedder';

const MAGIC = Buffer.from('ALAVEC1\n');
const KEY_BYTES = 20;
const SUM_BYTES = 32;
/** 50k patterns of 384 dims is ~78 MB: far above a real library, a ceiling for a runaway one. */
export const DEFAULT_MAX_ENTRIES = 50_000;

export function textKey(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The cache file of one embedder in `dir`. */
export function cacheFile(dir: string, embedderId: string): string {
  return path.join(dir, `${createHash('sha256').update(embedderId).digest('hex').slice(0, 16)}.vec`);
}

export class VectorCache {
  private readonly entries = new Map<string, Float32Array>();
  private changed = false;

  private constructor(
    readonly file: string,
    readonly embedderId: string,
    readonly dims: number,
    private readonly maxEntries: number,
  ) {}

  /** Opens (or starts) the cache; `problem` is set when a file existed but could not be used. */
  static async open(dir: string, embedderId: string, dims: number, maxEntries = DEFAULT_MAX_ENTRIES): Promise<{ cache: VectorCache; problem?: string }> {
    const cache = new VectorCache(cacheFile(dir, embedderId), embedderId, dims, maxEntries);
    let bytes: Buffer;
    try {
      bytes = await readFile(cache.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { cache };
      throw e;
    }
    const problem = cache.parse(bytes);
    if (problem) {
      cache.entries.clear();
      cache.changed = true;
      return { cache, problem: `embedding cache ${cache.file} ${problem}: dropped, the vectors are computed again` };
    }
    return { cache };
  }

  get size(): number {
    return this.entries.size;
  }

  get dirty(): boolean {
    return this.changed;
  }

  get(key: string): Float32Array | undefined {
    const v = this.entries.get(key);
    if (v) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, vec: Float32Array): void {
    if (vec.length !== this.dims) return;
    this.entries.delete(key);
    this.entries.set(key, vec);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.changed = true;
  }

  /** Writes the file (temporary name, then rename) when something changed since the last save. */
  async save(): Promise<boolean> {
    if (!this.changed) return false;
    this.changed = false;
    const header = Buffer.from(JSON.stringify({ embedderId: this.embedderId, dims: this.dims, count: this.entries.size }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const body = Buffer.alloc(this.entries.size * (KEY_BYTES + this.dims * 4));
    let at = 0;
    for (const [key, vec] of this.entries) {
      body.write(key, at, KEY_BYTES, 'hex');
      at += KEY_BYTES;
      // Little-endian, as every platform VS Code runs on stores a Float32Array.
      at += Buffer.from(vec.buffer, vec.byteOffset, vec.byteLength).copy(body, at);
    }
    const head = Buffer.concat([MAGIC, len, header, body]);
    const out = Buffer.concat([head, createHash('sha256').update(head).digest()]);
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, out);
      await rename(tmp, this.file);
    } finally {
      await rm(tmp, { force: true });
    }
    return true;
  }

  /** Fills `entries` from a file's bytes; returns what is wrong with them, if anything. */
  private parse(b: Buffer): string | undefined {
    if (b.length < MAGIC.length + 4 + SUM_BYTES || !b.subarray(0, MAGIC.length).equals(MAGIC)) return 'is not a vector cache';
    const sum = createHash('sha256').update(b.subarray(0, b.length - SUM_BYTES)).digest();
    if (!sum.equals(b.subarray(b.length - SUM_BYTES))) return 'failed its checksum (truncated or corrupt)';
    const hlen = b.readUInt32LE(MAGIC.length);
    let header: { embedderId?: unknown; dims?: unknown; count?: unknown };
    try {
      header = JSON.parse(b.subarray(MAGIC.length + 4, MAGIC.length + 4 + hlen).toString('utf8')) as typeof header;
    } catch {
      return 'has an unreadable header';
    }
    if (header.embedderId !== this.embedderId || header.dims !== this.dims || typeof header.count !== 'number') return 'belongs to another embedder';
    let at = MAGIC.length + 4 + hlen;
    const entry = KEY_BYTES + this.dims * 4;
    if (b.length - SUM_BYTES - at !== header.count * entry) return 'has the wrong length';
    for (let i = 0; i < header.count; i++, at += entry) {
      const vec = new Float32Array(this.dims);
      Buffer.from(vec.buffer).set(b.subarray(at + KEY_BYTES, at + entry));
      this.entries.set(b.toString('hex', at, at + KEY_BYTES), vec);
    }
    return undefined;
  }
}

/**
 * An embedder that answers from the cache and embeds only what it lacks. Queries go through
 * `embedQuery`, which is never remembered (they are not the library, and need not sit on disk).
 */
export class CachedEmbedder implements Embedder {
  constructor(
    private readonly inner: Embedder,
    readonly cache: VectorCache,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  get dims(): number {
    return this.inner.dims;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const keys = texts.map(textKey);
    const out = keys.map((k) => this.cache.get(k));
    const missing = out.flatMap((v, i) => (v ? [] : [i]));
    if (missing.length) {
      const fresh = await this.inner.embed(missing.map((i) => texts[i]));
      missing.forEach((i, j) => {
        out[i] = fresh[j];
        this.cache.set(keys[i], fresh[j]);
      });
    }
    return out as Float32Array[];
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [v] = await this.inner.embed([text]);
    return v;
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
