/** The static word vectors the benchmarks try (built by scripts/build-word-vectors.ts; not shipped). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWordVectors, type PackedWordVectors, type WordVectors } from '../../src/core/search/word-vectors';

export const WORD_VECTORS_FILE = path.join(__dirname, 'data/word-vectors.json');
/** Round 5's vectors, trained on documented code (scripts/train-code-vectors.ts). */
export const CODE_VECTORS_FILE = path.join(__dirname, 'data/code-vectors.json');
/** Round 6's: trained on the doc stems the code lacks (`--disjoint`). */
export const DISJOINT_VECTORS_FILE = path.join(__dirname, 'data/code-vectors-disjoint.json');

const cached = new Map<string, WordVectors>();

export function benchWordVectors(file = WORD_VECTORS_FILE): WordVectors {
  let v = cached.get(file);
  if (!v) cached.set(file, (v = decodeWordVectors(JSON.parse(readFileSync(file, 'utf8')) as PackedWordVectors)));
  return v;
}
