/** The static word vectors the benchmarks try (built by scripts/build-word-vectors.ts; not shipped). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWordVectors, type PackedWordVectors, type WordVectors } from '../../src/core/search/word-vectors';

export const WORD_VECTORS_FILE = path.join(__dirname, 'data/word-vectors.json');

let cached: WordVectors | undefined;

export function benchWordVectors(): WordVectors {
  return (cached ??= decodeWordVectors(JSON.parse(readFileSync(WORD_VECTORS_FILE, 'utf8')) as PackedWordVectors));
}
