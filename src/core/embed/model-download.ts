/**
 * The one-time download of the sentence model's files, run only after the user said yes (the host
 * asks; `EmbedderConfig.allowDownload`). Each file goes to a temporary name and is renamed when
 * complete, so an interrupted download never leaves a half file that looks like a model.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { modelFiles } from './onnx-wasm';

/** Where the files come from: the Hugging Face hub's plain file URLs. */
export const HUB_URL = 'https://huggingface.co';
/** No file of this model is anywhere near this; a larger answer is not the model. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface DownloadOptions {
  /** Folder that receives `<modelId>/...`. */
  localModelPath: string;
  modelId: string;
  dtype?: 'q8' | 'fp32';
  revision?: string;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

/** Files of the model missing from the folder (relative names). */
export async function missingModelFiles(localModelPath: string, modelId: string, dtype: 'q8' | 'fp32' = 'q8'): Promise<string[]> {
  const out: string[] = [];
  for (const f of modelFiles(dtype)) {
    const ok = await stat(path.join(localModelPath, modelId, f)).then((s) => s.isFile() && s.size > 0, () => false);
    if (!ok) out.push(f);
  }
  return out;
}

/**
 * Downloads the files still missing; returns the hub's commit (`x-repo-commit`) when it said one, which
 * is written beside the files in `revision.json`.
 */
export async function downloadModel(o: DownloadOptions): Promise<{ files: string[]; commit?: string }> {
  const get = o.fetchImpl ?? fetch;
  const revision = o.revision ?? 'main';
  const dir = path.join(o.localModelPath, o.modelId);
  const files = await missingModelFiles(o.localModelPath, o.modelId, o.dtype);
  let commit: string | undefined;
  for (const f of files) {
    const url = `${o.baseUrl ?? HUB_URL}/${o.modelId}/resolve/${encodeURIComponent(revision)}/${f}`;
    const res = await get(url, { redirect: 'follow' });
    if (!res.ok) throw new Error(`download of ${url} failed: HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_FILE_BYTES) throw new Error(`download of ${url} refused: ${declared} bytes is not this model`);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length === 0 || body.length > MAX_FILE_BYTES) throw new Error(`download of ${url} gave ${body.length} bytes`);
    commit ??= res.headers.get('x-repo-commit') ?? undefined;
    const target = path.join(dir, f);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.part`;
    try {
      await writeFile(tmp, body);
      await rename(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
  }
  if (files.length) await writeFile(path.join(dir, 'revision.json'), JSON.stringify({ modelId: o.modelId, revision, commit: commit ?? null, at: new Date().toISOString() }) + '\n');
  return commit ? { files, commit } : { files };
}
