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

/** Random weights in all-MiniLM-L6-v2's widths (384 dims, 6 layers): for latency only. */
export const MINILM_SHAPES_ID = 'minilm-shapes';

/** The folder holding `tiny-bert/`, generated if missing; or a reason it cannot be. */
export function tinyModelDir(): { dir: string } | { reason: string } {
  return generated(process.env.AI_LEARNING_TINY_MODEL_DIR ?? path.join(os.tmpdir(), 'ai-learning-tiny-model'), TINY_MODEL_ID, []);
}

/** The folder holding `minilm-shapes/` (make-tiny-model.py --minilm-shapes), generated if missing. */
export function minilmShapesDir(): { dir: string } | { reason: string } {
  return generated(path.join(os.tmpdir(), 'ai-learning-minilm-shapes'), MINILM_SHAPES_ID, ['--minilm-shapes']);
}

function generated(dir: string, id: string, flags: string[]): { dir: string } | { reason: string } {
  if (existsSync(path.join(dir, id, 'onnx', 'model_quantized.onnx'))) return { dir };
  const exe = python();
  if (!exe) return { reason: 'python3 with onnx + numpy not found (apt-get install -y python3-onnx python3-numpy)' };
  const script = path.join(__dirname, '../../../scripts/make-tiny-model.py');
  const r = spawnSync(exe, [script, ...flags, dir, id], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make-tiny-model.py failed: ${r.stderr}`);
  return { dir };
}
