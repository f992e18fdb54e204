/** Finds or generates the tiny random BERT of scripts/make-tiny-model.py (shared by tests and the bench). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TINY_MODEL_ID = 'tiny-bert';

/** A Python 3 that can `import onnx, numpy` (Debian's python3-onnx lives in /usr/bin/python3). */
function python(): string | undefined {
  for (const exe of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(exe, ['-c', 'import onnx, numpy'], { stdio: 'ignore' });
    if (r.status === 0) return exe;
  }
  return undefined;
}

/** The folder holding `tiny-bert/`, generated if missing; or a reason it cannot be. */
export function tinyModelDir(): { dir: string } | { reason: string } {
  const dir = process.env.AI_LEARNING_TINY_MODEL_DIR ?? path.join(os.tmpdir(), 'ai-learning-tiny-model');
  if (existsSync(path.join(dir, TINY_MODEL_ID, 'onnx', 'model_quantized.onnx'))) return { dir };
  const exe = python();
  if (!exe) return { reason: 'python3 with onnx + numpy not found (apt-get install -y python3-onnx python3-numpy)' };
  const script = path.join(__dirname, '../../../scripts/make-tiny-model.py');
  const r = spawnSync(exe, [script, dir, TINY_MODEL_ID], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make-tiny-model.py failed: ${r.stderr}`);
  return { dir };
}
