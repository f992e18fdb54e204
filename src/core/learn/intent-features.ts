import type { Intent } from '../model/events';
import { matchingRules } from './intent-rules';
import { VECTOR_DIMS, meanWordVector } from './intent-vectors';

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
/** Dimensions of a feature vector: the hashed slots, then the dense word-vector block (intent-vectors.ts). */
export const FEATURE_DIMS = BUCKETS + VECTOR_DIMS;
/** The ask is usually at the start; a pasted error's question or cure often at the end. */
export const HEAD_CHARS = 1000;
export const TAIL_CHARS = 300;
/** Longer words (hashes, paths, base64) give character n-grams that only add noise. */
const MAX_NGRAM_WORD = 30;

/**
 * Which feature groups beyond the base (word 1-2-grams, character 3-5-grams, the shape marks) are on. Chosen by
 * grouped CV (docs/intent-evaluation.md); the shipped model's set is stored in intent-model.json.
 */
export interface FeatureSet {
  /** CamelCase identifiers (`AttributeError`, `useEffect`) also give their parts as words. */
  camelSplit: boolean;
  /** Marks for a stack trace, an error line, a file path or `@file` mention, a URL, a diff or conflict marker. */
  evidence: boolean;
  /** The leading verb (after fillers such as "please", "can you", "ok") and the first words, in their own space. */
  lead: boolean;
  /** Question form: starts with a wh-word or an auxiliary, contains a question mark. */
  question: boolean;
  /** Value of a character n-gram relative to a word (1 = equal): many n-grams per word can drown the words. */
  charWeight: number;
  /** Value of the leading-verb and first-word features relative to a word. */
  leadWeight: number;
  /**
   * Words and character n-grams are taken from the first `askChars` characters only (0 = the whole window): a long
   * paste of code or logs after the ask adds words that say little about the ask. Marks still see the whole window.
   */
  askChars: number;
  /**
   * Value of one mark per matching pattern of the old keyword rules (intent-rules.ts; 0 = off): the model learns how
   * far to trust each pattern instead of the rules overriding it.
   */
  ruleWeight: number;
  /**
   * Length of the prompt's mean word vector (intent-vectors.ts: static vectors distilled from a sentence model, of
   * the words in the first HEAD_CHARS characters), appended after the hashed slots, which are normalised first
   * (0 = off). Meaning that carries across repositories, where hashed n-grams are each repository's own words.
   */
  vectorWeight: number;
}

export const BASE_FEATURES: FeatureSet = { camelSplit: false, evidence: false, lead: false, question: false, charWeight: 1, leadWeight: 1, askChars: 0, ruleWeight: 0, vectorWeight: 0 };
export const ALL_FEATURES: FeatureSet = { camelSplit: true, evidence: true, lead: true, question: true, charWeight: 1, leadWeight: 1, askChars: 0, ruleWeight: 0, vectorWeight: 0 };

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
const SEED_LEAD = fnvString(FNV_OFFSET, 'l:');
const SEED_HEAD = fnvString(FNV_OFFSET, 'h:');

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
  weight = new Float32Array(4096);
  n = 0;
  push(slot: number, weight = 1): void {
    if (this.n === this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
      const heavier = new Float32Array(this.weight.length * 2);
      heavier.set(this.weight);
      this.weight = heavier;
    }
    this.weight[this.n] = weight;
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

/** Character `k` of `^word$` (the word with its boundary marks), without building that string for every word. */
function markedCode(word: string, k: number): number {
  return k === 0 ? 0x5e : k === word.length + 1 ? 0x24 : word.charCodeAt(k - 1);
}

/** The character 3-5-grams of `^word$`. */
function ngramSlots(word: string, out: Slots, weight: number): void {
  const len = word.length + 2;
  for (let i = 0; i + 3 <= len; i++) {
    // FNV-1a is sequential: the 4- and 5-gram hashes extend the 3-gram's.
    let h = fnvStep(fnvStep(fnvStep(SEED_CHAR, markedCode(word, i)), markedCode(word, i + 1)), markedCode(word, i + 2));
    out.push(h & (BUCKETS - 1), weight);
    for (let n = 4; n <= 5 && i + n <= len; n++) {
      h = fnvStep(h, markedCode(word, i + n - 1));
      out.push(h & (BUCKETS - 1), weight);
    }
  }
}

const CAMEL = /\b[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+\b/g;
const CAMEL_PART = /[A-Z]?[a-z0-9]+/g;
const EVIDENCE: readonly (readonly [string, RegExp])[] = [
  ['py-traceback', /Traceback \(most recent call last\)|File "[^"]+", line \d+/],
  ['js-stack', /^\s*at [\w.$<>[\] ]+\(?[^\s)]+:\d+:\d+\)?\s*$/m],
  ['error-name', /\b[A-Z]\w*(Error|Exception)\b|\bE[A-Z]{3,}\b|\berror\[?E?\d*\]?:/],
  ['error-line', /^\s*(error|fatal|panic|failed|exception)\b|\b(exit code|status code|errno)\b|\bline \d+\b/im],
  ['file-path', /(^|[\s`'"(@])[\w.-]*[/\\][\w./\\-]+\.[A-Za-z]{1,5}\b|\b[\w-]+\.(py|ts|tsx|js|jsx|cs|go|rs|java|rb|php|vue|astro|md|json|ya?ml|toml|css|html|sh)\b/],
  ['at-mention', /(^|\s)@[\w./-]+/],
  ['url', /https?:\/\/\S+/],
  ['diff', /^(<<<<<<<|=======|>>>>>>>|[+-]{3} |@@ )/m],
];
/** The slots of the evidence marks and of the rule marks (`rule:<index>`), hashed once rather than per prompt. */
const EVIDENCE_SLOTS = EVIDENCE.map(([name]) => fnvString(SEED_SHAPE, name) & (BUCKETS - 1));
const RULE_SLOTS: number[] = [];
/** Words that open a request without saying what it is ("ok, can you please ..."): skipped to find the verb. */
const FILLERS = new Set('ok okay so now then and also hey hi hello please pls kindly can could would will you u i we me us let lets let\'s s just great nice good thanks yes yeah alright well next first actually to want need like help id i\'d'.split(' '));
const AUX_START = /^\s*(what|why|how|where|which|who|when|is|are|does|do|did|can|could|should|would|will|was|were|has|have)\b/i;

/** A named feature's slot in the space of `seed` (a plain function: no closure per prompt). */
function named(out: Slots, seed: number, name: string, weight = 1): void {
  out.push(fnvString(seed, name) & (BUCKETS - 1), weight);
}

/** Extra feature groups of `set` (every slot is pushed into `out`). */
function extraSlots(text: string, lower: string, words: readonly string[], set: FeatureSet, out: Slots): void {
  if (set.camelSplit) {
    for (const id of text.match(CAMEL) ?? []) for (const part of id.match(CAMEL_PART) ?? []) named(out, SEED_WORD, part.toLowerCase());
  }
  if (set.evidence) for (let e = 0; e < EVIDENCE.length; e++) if (EVIDENCE[e][1].test(text)) out.push(EVIDENCE_SLOTS[e]);
  if (set.lead) {
    let i = 0;
    while (i < words.length && i < 8 && FILLERS.has(words[i])) i++;
    if (i < words.length) named(out, SEED_LEAD, words[i], set.leadWeight);
    if (i + 1 < words.length) named(out, SEED_LEAD, `${words[i]} ${words[i + 1]}`, set.leadWeight);
    for (let k = 0; k < Math.min(words.length, 12); k++) named(out, SEED_HEAD, words[k], set.leadWeight);
  }
  if (set.ruleWeight > 0) for (const r of matchingRules(text)) out.push((RULE_SLOTS[r] ??= fnvString(SEED_SHAPE, `rule:${r}`) & (BUCKETS - 1)), set.ruleWeight);
  if (set.question) {
    const start = AUX_START.exec(lower);
    if (start) named(out, SEED_SHAPE, `q-start:${start[1].toLowerCase()}`);
    if (lower.includes('?') || lower.includes('？')) named(out, SEED_SHAPE, 'has-question');
  }
}

const stamp = new Uint32Array(BUCKETS);
const mean = new Float32Array(VECTOR_DIMS);
const value = new Float32Array(BUCKETS);
let generation = 0;
/** The prompt's distinct slots as a bit set, read out in ascending order and cleared by `sortedSlots`. */
const seen = new Uint32Array(BUCKETS >>> 5);

/**
 * Writes the `count` slots marked in `seen` into `idx`, ascending, and clears `seen`: the order
 * `Int32Array.prototype.sort` gives, at a fraction of its cost (it was half of featurising a prompt).
 */
function sortedSlots(count: number, idx: Int32Array): void {
  let j = 0;
  for (let w = 0; w < seen.length && j < count; w++) {
    let bits = seen[w];
    if (bits === 0) continue;
    seen[w] = 0;
    while (bits !== 0) {
      const low = bits & -bits;
      idx[j++] = (w << 5) | (31 - Math.clz32(low));
      bits ^= low;
    }
  }
}

/** Buffers behind a transient vector (`featurize(..., true)`), grown as needed. */
let idxScratch = new Int32Array(4096);
let valScratch = new Float32Array(4096);

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Featurises one prompt (pure, deterministic). An empty prompt gives an empty vector. `transient`: the vector's arrays
 * are views of buffers the next call overwrites, for a caller that uses it at once and keeps nothing (classifyIntent).
 */
export function featurize(prompt: string, set: FeatureSet = BASE_FEATURES, transient = false): Features {
  const window = featureWindow(prompt);
  // NFKC only matters outside ASCII (full-width forms, ligatures); skipping it for ASCII saves a copy.
  const text = isAscii(window) ? window : window.normalize('NFKC');
  const lower = text.toLowerCase();
  const words = (set.askChars > 0 ? lower.slice(0, set.askChars) : lower).match(WORD) ?? [];
  const slots = scratch;
  slots.n = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    slots.push(fnvString(SEED_WORD, w) & (BUCKETS - 1));
    if (i > 0) slots.push(fnvString(fnvStep(fnvString(SEED_BIGRAM, words[i - 1]), 32), w) & (BUCKETS - 1));
    if (w.length <= MAX_NGRAM_WORD && set.charWeight > 0) ngramSlots(w, slots, set.charWeight);
  }
  if (text.trim().length > 0) {
    shapeSlots(text, words.length, slots);
    extraSlots(text, lower, words, set, slots);
  }
  // A slot hit by several features keeps the largest value. Generation stamps per slot deduplicate without a sort of
  // all hits or clearing a table per call.
  generation = generation === 0xffffffff ? 1 : generation + 1;
  if (generation === 1) stamp.fill(0);
  let u = 0;
  for (let i = 0; i < slots.n; i++) {
    const slot = slots.buf[i];
    if (stamp[slot] === generation) {
      if (slots.weight[i] > value[slot]) value[slot] = slots.weight[i];
      continue;
    }
    stamp[slot] = generation;
    value[slot] = slots.weight[i];
    seen[slot >>> 5] |= 1 << (slot & 31);
    u++;
  }
  // Two typed arrays allocated per prompt were a fifth of featurising one; a caller that only reads the vector at once
  // (classifyIntent) takes views of reused buffers instead.
  if (transient && idxScratch.length < u) {
    idxScratch = new Int32Array(u * 2);
    valScratch = new Float32Array(u * 2);
  }
  const idx = transient ? idxScratch.subarray(0, u) : new Int32Array(u);
  const val = transient ? valScratch.subarray(0, u) : new Float32Array(u);
  sortedSlots(u, idx);
  let sq = 0;
  for (let j = 0; j < u; j++) {
    val[j] = value[idx[j]];
    sq += val[j] * val[j];
  }
  const norm = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  for (let j = 0; j < val.length; j++) val[j] *= norm;
  if (set.vectorWeight <= 0 || !meanWordVector(lower.slice(0, HEAD_CHARS).match(WORD) ?? [], mean)) return { idx, val };
  // The dense block goes after every hashed slot, so the indexes stay sorted.
  const withIdx = new Int32Array(u + VECTOR_DIMS);
  const withVal = new Float32Array(u + VECTOR_DIMS);
  withIdx.set(idx);
  withVal.set(val);
  for (let j = 0; j < VECTOR_DIMS; j++) {
    withIdx[u + j] = BUCKETS + j;
    withVal[u + j] = mean[j] * set.vectorWeight;
  }
  return { idx: withIdx, val: withVal };
}
