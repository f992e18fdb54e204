/**
 * Int8 copies of the index's vectors (one scale per row) for a fast approximate first pass, with a
 * per-row bound on the approximation error so the caller can make the final ranking exact.
 *
 * Row r is stored as k_r[i] = round(x[i] / s_r) with s_r = max|x| / 127, so |x[i] - s_r k_r[i]| <= s_r / 2.
 * The query is stored as int16 with one step t, |q[i] - t m[i]| <= t / 2. Then
 *   | x.q - s_r t (k_r . m) | <= (s_r / 2) ||q||_1 + (t / 2) ||x_hat||_1        (see `errorBound`).
 * The scan runs in a WebAssembly SIMD kernel where available, else in plain JS (same integers).
 */
import type { ScanKernel } from './simd-scan';
import { createScanKernel } from './simd-scan';

const PAGE = 65536;
/** Slack for float rounding in the bound (scores are cosines, ~1). */
const EPS = 1e-7;

/** The result of one scan: approximate dot of row r = `dots[r] * scale[r] * t`. */
export interface ScanResult {
  dots: Int32Array;
  t: number;
  /** ||q||_1 of the float query. */
  q1: number;
}

export class QuantizedRows {
  /** Row stride in bytes: dims rounded up to a multiple of 32 (two SIMD vectors), zero padded. */
  readonly dp: number;
  /** Value of one int step per row (0 for an all-zero row). */
  scale: Float64Array = new Float64Array(0);
  /** ||x_hat||_1 per row. */
  l1: Float64Array = new Float64Array(0);
  private readonly memory: WebAssembly.Memory | undefined;
  private readonly kernel: ScanKernel | undefined;
  private buffer: ArrayBuffer;
  private cap = 0;
  private rows = new Int8Array(0);
  private readonly qMax: number;
  /** Largest scale and l1 ever stored (upper bounds; removals do not lower them). */
  private maxScale = 0;
  private maxL1 = 0;

  /** `simd: false` forces the plain-JS scan (tests compare the two). */
  constructor(readonly dims: number, capacity: number, simd = true) {
    this.dp = Math.ceil(dims / 32) * 32;
    this.qMax = Math.min(32767, Math.floor(0x7fffffff / (this.dp * 127)));
    if (simd) {
      this.memory = new WebAssembly.Memory({ initial: 1 });
      this.kernel = createScanKernel(this.memory);
      if (!this.kernel) this.memory = undefined;
    }
    this.buffer = this.memory ? this.memory.buffer : new ArrayBuffer(0);
    this.ensure(Math.max(1, capacity));
  }

  /** True when the WebAssembly SIMD kernel is in use. */
  get simd(): boolean {
    return this.kernel !== undefined;
  }

  /** Bytes held per row of capacity (int8 row + int32 scan output + scale + l1). */
  get bytesPerRow(): number {
    return this.dp + 4 + 16;
  }

  /** Grows to hold at least `need` rows, keeping the rows already stored. */
  ensure(need: number): void {
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2);
    const bytes = this.dp * 2 + cap * (this.dp + 4);
    if (this.memory) {
      const pages = Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE;
      if (pages > 0) this.memory.grow(pages);
      this.buffer = this.memory.buffer;
    } else {
      const next = new ArrayBuffer(bytes);
      new Uint8Array(next).set(new Uint8Array(this.buffer, 0, Math.min(this.buffer.byteLength, this.dp * 2 + this.cap * this.dp)));
      this.buffer = next;
    }
    this.rows = new Int8Array(this.buffer, this.dp * 2, cap * this.dp);
    this.scale = grown(this.scale, cap);
    this.l1 = grown(this.l1, cap);
    this.cap = cap;
  }

  /** Quantises `vec` into row `slot` (< capacity). */
  set(slot: number, vec: Float32Array): void {
    let m = 0;
    for (let i = 0; i < this.dims; i++) {
      const a = Math.abs(vec[i]);
      if (a > m) m = a;
    }
    const base = slot * this.dp;
    const s = m > 0 && Number.isFinite(m) ? m / 127 : 0;
    let l1 = 0;
    for (let i = 0; i < this.dp; i++) {
      const k = s > 0 && i < this.dims ? Math.max(-127, Math.min(127, Math.round(vec[i] / s))) : 0;
      this.rows[base + i] = k;
      l1 += Math.abs(k);
    }
    this.scale[slot] = s;
    this.l1[slot] = l1 * s;
    this.maxScale = Math.max(this.maxScale, s);
    this.maxL1 = Math.max(this.maxL1, l1 * s);
  }

  /** Copies row `from` over row `to`. */
  move(from: number, to: number): void {
    this.rows.copyWithin(to * this.dp, from * this.dp, (from + 1) * this.dp);
    this.scale[to] = this.scale[from];
    this.l1[to] = this.l1[from];
  }

  /** Integer dots of rows 0..n-1 with the quantised query. The returned view is valid until the next call. */
  scan(q: Float32Array, n: number): ScanResult {
    const dp = this.dp;
    let m = 0;
    let q1 = 0;
    for (let i = 0; i < this.dims; i++) {
      const a = Math.abs(q[i]);
      q1 += a;
      if (a > m) m = a;
    }
    const t = m > 0 && Number.isFinite(m) ? m / this.qMax : 0;
    const qi = new Int16Array(this.buffer, 0, dp);
    for (let i = 0; i < dp; i++) qi[i] = t > 0 && i < this.dims ? Math.round(q[i] / t) : 0;
    const outOff = dp * 2 + this.cap * dp;
    const dots = new Int32Array(this.buffer, outOff, n);
    if (n === 0) return { dots, t, q1 };
    if (this.kernel) this.kernel(0, dp * 2, n, dp, outOff);
    else scanJs(this.rows, qi, n, dp, dots);
    return { dots, t, q1 };
  }

  /** Upper bound of |exact dot - approximate dot| for row r after `scan` returned (t, q1). */
  errorBound(r: number, t: number, q1: number): number {
    return 0.5 * (this.scale[r] * q1 + t * this.l1[r]) + EPS;
  }

  /** An upper bound of `errorBound(r, t, q1)` over every row. */
  maxErrorBound(t: number, q1: number): number {
    return 0.5 * (this.maxScale * q1 + t * this.maxL1) + EPS;
  }
}

function grown(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a.subarray(0, Math.min(a.length, cap)));
  return b;
}

function scanJs(rows: Int8Array, q: Int16Array, n: number, dp: number, out: Int32Array): void {
  for (let r = 0, base = 0; r < n; r++, base += dp) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let i = 0; i < dp; i += 4) {
      a0 += rows[base + i] * q[i];
      a1 += rows[base + i + 1] * q[i + 1];
      a2 += rows[base + i + 2] * q[i + 2];
      a3 += rows[base + i + 3] * q[i + 3];
    }
    out[r] = a0 + a1 + a2 + a3;
  }
}
