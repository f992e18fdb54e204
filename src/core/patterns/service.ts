/** The patterns worker's logic, runnable (and tested) on plain Node without a worker thread. */
import { readFile } from 'node:fs/promises';
import type { Embedder } from '../embed/embedder';
import { HashingEmbedder } from '../embed/hashing';
import { CachedEmbedder, VectorCache } from '../embed/vector-cache';
import { downloadModel } from '../embed/model-download';
import { DEFAULT_MODEL_ID, OnnxWasmEmbedder } from '../embed/onnx-wasm';
import { PatternLibrary } from './library';
import { planPlaceholders } from './placeholders';
import type { ArgOf, BuildResult, EmbedderConfig, PatternsApi, ResultOf, SearchHitDto, WorkerNote } from './protocol';
import { recordFromRow } from './records';
import type { PatternRecord } from './types';

/** Where the runtime's wasm lives (the bundle's folder in the VSIX); absent: onnxruntime-web's own. */
export interface RuntimeOptions {
  wasmDir?: string;
}

/**
 * Builds an embedder from its config. The sentence model runs on ONNX Runtime's wasm build, imported
 * lazily, here; its files are downloaded first only when the config says the user agreed.
 */
export async function createEmbedder(c: EmbedderConfig, runtime: RuntimeOptions = {}): Promise<Embedder> {
  if (c.kind === 'hashing') return new HashingEmbedder();
  const modelId = c.modelId ?? DEFAULT_MODEL_ID;
  if (c.allowDownload) await downloadModel({ localModelPath: c.modelPath, modelId, baseUrl: c.downloadUrl });
  return OnnxWasmEmbedder.load({ localModelPath: c.modelPath, modelId, wasmDir: runtime.wasmDir });
}

/** A save of the vector cache waits this long after a file update, so a burst of saves writes once. */
const CACHE_SAVE_DELAY_MS = 2000;

export class PatternsService implements PatternsApi {
  private lib: PatternLibrary | undefined;
  private readonly cancelled = new Set<number>();
  private cacheDir: string | undefined;
  private cache: VectorCache | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly notify: (n: WorkerNote) => void,
    private readonly makeEmbedder: (c: EmbedderConfig) => Promise<Embedder> = createEmbedder,
  ) {}

  private get library(): PatternLibrary {
    if (!this.lib) throw new Error('patterns worker not started');
    return this.lib;
  }

  /** Loads the library. A model that cannot be loaded does not stop it: search falls back to hashing. */
  async start(arg: ArgOf<'start'>): Promise<ResultOf<'start'>> {
    let embedder: Embedder;
    let embedderError: string | undefined;
    try {
      embedder = await this.makeEmbedder(arg.embedder);
    } catch (error) {
      if (arg.embedder.kind === 'hashing') throw error;
      embedderError = error instanceof Error ? error.message : String(error);
      embedder = await this.makeEmbedder({ kind: 'hashing' });
    }
    this.cacheDir = arg.cacheDir;
    embedder = await this.withCache(embedder);
    this.lib = new PatternLibrary(embedder, arg.options, (event) => this.notify({ note: 'event', event }));
    const records = arg.rows.map(recordFromRow).filter((r): r is PatternRecord => r !== undefined);
    await this.lib.load(records);
    await this.saveCache();
    return { loaded: records.length, badRows: arg.rows.length - records.length, embedder: embedder.id, ...(embedderError ? { embedderError } : {}) };
  }

  async updateFile(arg: ArgOf<'updateFile'>): Promise<ResultOf<'updateFile'>> {
    const text = arg.text ?? (await readFile(arg.path, 'utf8'));
    const res = await this.library.updateFile(arg.path, text, arg.commit);
    if (res.added || res.updated || res.staled) this.notify({ note: 'changed' });
    this.scheduleCacheSave();
    return res;
  }

  removeFile(arg: ArgOf<'removeFile'>): Promise<number> {
    const n = this.library.removeFile(arg.path);
    if (n) this.notify({ note: 'changed' });
    return Promise.resolve(n);
  }

  async build(arg: ArgOf<'build'>): Promise<BuildResult> {
    const out: BuildResult = { files: 0, added: 0, updated: 0, staled: 0, skipped: 0, failed: 0, cancelled: false };
    for (const [i, path] of arg.paths.entries()) {
      // Yield so a `cancel` message can be handled between files.
      await new Promise<void>((r) => setImmediate(r));
      if (this.cancelled.delete(arg.job)) {
        out.cancelled = true;
        break;
      }
      try {
        const res = await this.library.updateFile(path, await readFile(path, 'utf8'), arg.commit);
        out.files++;
        out.added += res.added;
        out.updated += res.updated;
        out.staled += res.staled;
        if (res.skipped) out.skipped++;
      } catch (err) {
        out.failed++;
        this.notify({ note: 'log', level: 'warn', message: `pattern extraction failed for ${path}: ${String(err)}` });
      }
      this.notify({ note: 'progress', job: arg.job, done: i + 1, total: arg.paths.length, file: path });
    }
    this.notify({ note: 'changed' });
    await this.saveCache();
    return out;
  }

  cancel(arg: ArgOf<'cancel'>): Promise<boolean> {
    this.cancelled.add(arg.job);
    return Promise.resolve(true);
  }

  async search(arg: ArgOf<'search'>): Promise<SearchHitDto[]> {
    const { query, exclude, ...rest } = arg;
    const hits = await this.library.search(query, { ...rest, exclude: exclude ? new Set(exclude) : undefined });
    return hits.map((h) => ({ pattern: h.pattern, relevance: h.relevance, strength: h.strength }));
  }

  usage(arg: ArgOf<'usage'>): Promise<boolean> {
    this.library.recordUsage(arg.patternId, arg);
    return Promise.resolve(true);
  }

  async setEmbedder(arg: ArgOf<'setEmbedder'>): Promise<string> {
    const embedder = await this.withCache(await this.makeEmbedder(arg));
    await this.library.reembed(embedder);
    await this.saveCache();
    this.notify({ note: 'changed' });
    return embedder.id;
  }

  setOptions(arg: ArgOf<'setOptions'>): Promise<boolean> {
    this.library.setOptions(arg);
    return Promise.resolve(true);
  }

  list(): Promise<PatternRecord[]> {
    return Promise.resolve(this.library.all().filter((r) => !r.stale));
  }

  /** A model's vectors go through the on-disk cache (when the host gave a folder); hashing is cheaper than a read. */
  private async withCache(embedder: Embedder): Promise<Embedder> {
    if (!this.cacheDir || embedder instanceof HashingEmbedder) {
      this.cache = undefined;
      return embedder;
    }
    const { cache, problem } = await VectorCache.open(this.cacheDir, embedder.id, embedder.dims);
    if (problem) this.notify({ note: 'log', level: 'warn', message: problem });
    this.cache = cache;
    return new CachedEmbedder(embedder, cache);
  }

  private scheduleCacheSave(): void {
    if (!this.cache?.dirty || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveCache();
    }, CACHE_SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /**
   * A failed write costs only the next start's time: said, never thrown. (A worker closed within the
   * delay after a file update loses those few vectors; the next start embeds them again.)
   */
  private async saveCache(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      await this.cache?.save();
    } catch (e) {
      this.notify({ note: 'log', level: 'warn', message: `embedding cache not saved: ${String(e)}` });
    }
  }

  /** Needs no library: a preview can be planned before (or without) the library having loaded. */
  placeholders(arg: ArgOf<'placeholders'>): Promise<ResultOf<'placeholders'>> {
    return Promise.resolve(planPlaceholders(arg));
  }
}
