import type { Intent } from '../model/events';

/**
 * Features of a chat prompt for the learned intent classifier: lower-cased word unigrams and bigrams, character
 * 3-5-grams of each word (with word-boundary marks, so `AttributeError` shares `error$` with `error`, and text
 * without spaces, such as Chinese, still yields n-grams), and a few shape marks (code block, traceback-like lines,
 * a closing question mark, length). Every feature is hashed (FNV-1a) into `BUCKETS` slots; the vector is binary,
 * then L2-normalised. Training (intent-train.ts) and inference (intent-model.ts) share this one function.
 */

/** Labels in the order of the weight matrix's rows. Changing it invalidates intent-weights.json. */
export const INTENT_LABELS: readonly Intent[] = [
  'code_generation',
  'debugging',
  'architecture',
  'code_review',
  'explanation',
  'refactor',
  'test',
  'other',
];

/** Hash slots per label (2^14): 8 x 16,384 float32 weights = 512 KiB. */
export const BUCKETS = 1 << 14;
/** The ask is usually at the start; a pasted error's question or cure often at the end. */
export const HEAD_CHARS = 1000;
export const TAIL_CHARS = 300;
/** Longer words (hashes, paths, base64) give character n-grams that only add noise. */
const MAX_NGRAM_WORD = 30;

/** A sparse, L2-normalised feature vector: sorted unique slot indices and their values. */
export interface Features {
  idx: Int32Array;
  val: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME) >>> 0;
}

function fnvString(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

const SEED_WORD = fnvString(FNV_OFFSET, 'w:');
const SEED_BIGRAM = fnvString(FNV_OFFSET, 'b:');
const SEED_CHAR = fnvString(FNV_OFFSET, 'c:');
const SEED_SHAPE = fnvString(FNV_OFFSET, 's:');

/** The part of a prompt that is featurised (head and tail of a long one). */
export function featureWindow(prompt: string): string {
  if (prompt.length <= HEAD_CHARS + TAIL_CHARS) return prompt;
  return prompt.slice(0, HEAD_CHARS) + '\n' + prompt.slice(prompt.length - TAIL_CHARS);
}

const WORD = /[\p{L}\p{N}]+/gu;
const TRACEBACK = /Traceback \(most recent call last\)|^\s+at \S+ \(|File "[^"]+", line \d+|^\s*at [\w.$<>]+\(|\b\w+(Error|Exception)\b/m;

/** A growable buffer of slot numbers, reused across calls (featurize is synchronous). */
class Slots {
  buf = new Int32Array(4096);
  n = 0;
  push(slot: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = slot;
  }
}
const scratch = new Slots();

/** A shape mark's slot (a plain function, not a closure per prompt: importers classify every prompt they read). */
function mark(out: Slots, name: string): void {
  out.push(fnvString(SEED_SHAPE, name) & (BUCKETS - 1));
}

function shapeSlots(text: string, words: number, out: Slots): void {
  if (text.includes('```')) mark(out, 'codeblock');
  if (TRACEBACK.test(text)) mark(out, 'traceback');
  if (/\?\s*$/.test(text)) mark(out, 'question-end');
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && lines <= 8; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > 8) mark(out, 'many-lines');
  mark(out, words < 4 ? 'len<4' : words < 12 ? 'len<12' : words < 40 ? 'len<40' : 'len>=40');
}

function ngramSlots(word: string, out: Slots): void {
  const w = `^${word}$`;
  for (let i = 0; i + 3 <= w.length; i++) {
    // FNV-1a is sequential: the 4- and 5-gram hashes extend the 3-gram's.
    let h = fnvString(SEED_CHAR, w, i, i + 3);
    out.push(h & (BUCKETS - 1));
    for (let n = 4; n <= 5 && i + n <= w.length; n++) {
      h = fnvStep(h, w.charCodeAt(i + n - 1));
      out.push(h & (BUCKETS - 1));
    }
  }
}

/** Generation stamps per slot, so deduplication needs neither a sort of all slots nor clearing a table. */
const stamp = new Uint32Array(BUCKETS);
let generation = 0;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Featurises one prompt (pure, deterministic). An empty prompt gives an empty vector. */
export function featurize(prompt: string): Features {
  const window = featureWindow(prompt);
  // NFKC only matters outside ASCII (full-width forms, ligatures); skipping it for ASCII saves a copy.
  const text = isAscii(window) ? window : window.normalize('NFKC');
  const lower = text.toLowerCase();
  const words = lower.match(WORD) ?? [];
  const slots = scratch;
  slots.n = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    slots.push(fnvString(SEED_WORD, w) & (BUCKETS - 1));
    if (i > 0) slots.push(fnvString(fnvStep(fnvString(SEED_BIGRAM, words[i - 1]), 32), w) & (BUCKETS - 1));
    if (w.length <= MAX_NGRAM_WORD) ngramSlots(w, slots);
  }
  if (text.trim().length > 0) shapeSlots(text, words.length, slots);
  generation = generation === 0xffffffff ? 1 : generation + 1;
  if (generation === 1) stamp.fill(0);
  const uniq = new Int32Array(slots.n);
  let u = 0;
  for (let i = 0; i < slots.n; i++) {
    const slot = slots.buf[i];
    if (stamp[slot] === generation) continue;
    stamp[slot] = generation;
    uniq[u++] = slot;
  }
  const idx = uniq.slice(0, u).sort();
  const norm = idx.length > 0 ? 1 / Math.sqrt(idx.length) : 0;
  return { idx, val: new Float32Array(idx.length).fill(norm) };
}
