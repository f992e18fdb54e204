import type { Embedder } from './embedder';
import { normalize } from './embedder';
import { STOP_TOKENS, subTokens } from './tokens';

/** Feature weights: whole sub-tokens carry meaning, pairs carry phrases, trigrams catch spelling variants. */
const W_TOKEN = 1;
const W_PAIR = 0.6;
const W_TRIGRAM = 0.25;
const W_STOP = 0.15;

/** 32-bit FNV-1a. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A deterministic embedder with no model: identifier sub-tokens, adjacent sub-token pairs and
 * character trigrams hashed (signed feature hashing) into `dims` dimensions, weighted by
 * 1 + ln(term frequency), then L2-normalised. Keywords are kept at a low weight.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;

  constructor(readonly dims = 384) {
    this.id = `hashing-${dims}-v1`;
  }

  embedOne(text: string): Float32Array {
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number): void => {
      counts.set(feature, (counts.get(feature) ?? 0) + weight);
    };
    const tokens = subTokens(text);
    let prev = '';
    for (const tok of tokens) {
      const stop = STOP_TOKENS.has(tok) || tok.length < 2;
      add('t:' + tok, stop ? W_STOP : W_TOKEN);
      if (!stop) {
        if (prev) add('p:' + prev + ' ' + tok, W_PAIR);
        prev = tok;
        const padded = `^${tok}$`;
        for (let i = 0; i + 3 <= padded.length; i++) add('g:' + padded.slice(i, i + 3), W_TRIGRAM);
      }
    }
    const v = new Float32Array(this.dims);
    for (const [feature, weight] of counts) {
      const h = fnv1a(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      // Sub-linear term frequency: a token repeated 20 times must not drown the rest.
      const w = weight >= 1 ? 1 + Math.log(weight) : weight;
      v[h % this.dims] += sign * w;
    }
    return normalize(v);
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((t) => this.embedOne(t)));
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
