/**
 * What to do when the sentence-embedding model could not be loaded. Pattern search never stops for it
 * (the hashing embedder takes over); this only decides what the user is told or offered.
 */
export type ModelFailureAction =
  /** The model runtime (onnxruntime-web and its `.wasm`, bundled in the VSIX) is missing from this installation. */
  | 'runtime-missing'
  /** The folder the user set does not hold the model: say so, point at the setting. */
  | 'folder-missing'
  /** No folder set and no model in global storage: offer the one-time download (with consent). */
  | 'offer-download'
  /** The user already said "not now" to the download: log only. */
  | 'quiet'
  /** Anything else (a corrupt model, an ONNX error): show the error. */
  | 'error';

/** Decides from the loader's error text and the settings; pure so it is unit-tested. */
export function modelFailureAction(error: string, userFolderSet: boolean, downloadDeclined: boolean): ModelFailureAction {
  if (/Cannot find (module|package) ['"]?(onnxruntime-web|@huggingface\/tokenizers)|ort-wasm-simd-threaded|no available backend found|WebAssembly\.(instantiate|compile)/i.test(error)) return 'runtime-missing';
  const missing = /not found locally|could not locate file|no such file|ENOENT|does not exist/i.test(error);
  if (!missing) return 'error';
  if (userFolderSet) return 'folder-missing';
  return downloadDeclined ? 'quiet' : 'offer-download';
}
