/** Dev-only: installs the distilled word vectors (bench/data/intent-vectors.json) for the intent experiments. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWordVectors } from '../../src/core/learn/intent-vectors';
import type { WordVectorData } from '../../src/core/learn/intent-vectors';

export const INTENT_VECTORS_PATH = join(__dirname, '..', '..', 'bench', 'data', 'intent-vectors.json');

/** Reads and installs the table (scripts/distil-intent-vectors.ts writes it). */
export function installIntentVectors(): void {
  useWordVectors(JSON.parse(readFileSync(INTENT_VECTORS_PATH, 'utf8')) as WordVectorData);
}
