/**
 * A tiny hand-assembled WebAssembly SIMD kernel: integer dot products of every int8 row of a matrix
 * with one int16 query, written as int32 into an output array. Everything lives in one
 * `WebAssembly.Memory` owned by the caller. No toolchain, no dependency: the bytes are built here.
 *
 * `scan(qOff, rowsOff, n, dp, outOff)`: for r in 0..n-1,
 *   out[r] = sum_{i < dp} int8(rows[r * dp + i]) * int16(q[i]);  dp a multiple of 32, n >= 1.
 * Exact integer arithmetic as long as dp * 127 * max|q| < 2^31 (the caller guarantees it).
 */

/** The exported kernel, called with byte offsets into the shared memory. */
export type ScanKernel = (qOff: number, rowsOff: number, n: number, dp: number, outOff: number) => void;

// Opcodes (core + SIMD prefix 0xfd with LEB128 sub-opcodes).
const BLOCK = 0x02, LOOP = 0x03, END = 0x0b, BR_IF = 0x0d, VOID = 0x40;
const GET = 0x20, SET = 0x21, TEE = 0x22;
const I32_CONST = 0x41, I32_EQZ = 0x45, I32_LT_U = 0x49, I32_ADD = 0x6a, I32_SUB = 0x6b, I32_STORE = 0x36;
const V128_LOAD = [0xfd, 0x00], V128_CONST = [0xfd, 0x0c];
const EXT_LOW_S = [0xfd, 0x87, 0x01], EXT_HIGH_S = [0xfd, 0x88, 0x01];
const DOT_I16 = [0xfd, 0xba, 0x01], I32X4_ADD = [0xfd, 0xae, 0x01], LANE = [0xfd, 0x1b];
const I32 = 0x7f, V128 = 0x7b;

// Locals: params 0..4, then j, qp, four accumulators, two row chunks.
const Q = 0, ROWS = 1, N = 2, DP = 3, OUT = 4, J = 5, QP = 6, A0 = 7, A1 = 8, A2 = 9, A3 = 10, V = 11, W = 12;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...leb(body.length), ...body];
}

function str(s: string): number[] {
  return [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

/** acc += dot(extend(v), load(qp + off)) for one half of a 16-byte row chunk. */
function half(acc: number, v: number, extend: number[], off: number): number[] {
  return [GET, acc, GET, v, ...extend, GET, QP, ...V128_LOAD, 4, off, ...DOT_I16, ...I32X4_ADD, SET, acc];
}

function body(): number[] {
  const zero = [...V128_CONST, ...new Array<number>(16).fill(0)];
  const code = [
    BLOCK, VOID,
    GET, N, I32_EQZ, BR_IF, 0,
    LOOP, VOID, // rows
    ...zero, SET, A0, ...zero, SET, A1, ...zero, SET, A2, ...zero, SET, A3,
    I32_CONST, 0, SET, J, GET, Q, SET, QP,
    LOOP, VOID, // 32-byte chunks of the row, four independent accumulators
    GET, ROWS, GET, J, I32_ADD, ...V128_LOAD, 0, 0, SET, V,
    GET, ROWS, GET, J, I32_ADD, ...V128_LOAD, 0, 16, SET, W,
    ...half(A0, V, EXT_LOW_S, 0),
    ...half(A1, V, EXT_HIGH_S, 16),
    ...half(A2, W, EXT_LOW_S, 32),
    ...half(A3, W, EXT_HIGH_S, 48),
    GET, QP, I32_CONST, 0xc0, 0x00, I32_ADD, SET, QP, // 64 as signed LEB128
    GET, J, I32_CONST, 32, I32_ADD, TEE, J, GET, DP, I32_LT_U, BR_IF, 0,
    END,
    GET, A0, GET, A1, ...I32X4_ADD, GET, A2, GET, A3, ...I32X4_ADD, ...I32X4_ADD, SET, A0,
    GET, OUT,
    GET, A0, ...LANE, 0, GET, A0, ...LANE, 1, I32_ADD,
    GET, A0, ...LANE, 2, I32_ADD, GET, A0, ...LANE, 3, I32_ADD,
    I32_STORE, 2, 0,
    GET, OUT, I32_CONST, 4, I32_ADD, SET, OUT,
    GET, ROWS, GET, DP, I32_ADD, SET, ROWS,
    GET, N, I32_CONST, 1, I32_SUB, TEE, N, BR_IF, 0,
    END,
    END,
    END, // function
  ];
  const locals = [2, 2, I32, 6, V128]; // 2 groups: 2 x i32, 6 x v128
  const fn = [...locals, ...code];
  return [...leb(fn.length), ...fn];
}

/** The module's bytes: imports memory `env.mem`, exports function `scan`. */
export function scanModuleBytes(): Uint8Array<ArrayBuffer> {
  const type = [1, 0x60, 5, I32, I32, I32, I32, I32, 0];
  const imports = [1, ...str('env'), ...str('mem'), 0x02, 0x00, 0x01];
  const funcs = [1, 0];
  const exports = [1, ...str('scan'), 0x00, 0];
  const code = [1, ...body()];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, type), ...section(2, imports), ...section(3, funcs), ...section(7, exports), ...section(10, code),
  ]);
}

/** The kernel bound to `memory`, or undefined where WebAssembly SIMD is unavailable. */
export function createScanKernel(memory: WebAssembly.Memory): ScanKernel | undefined {
  if (typeof WebAssembly === 'undefined') return undefined;
  const bytes = scanModuleBytes();
  if (!WebAssembly.validate(bytes)) return undefined;
  try {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: memory } });
    return inst.exports.scan as ScanKernel;
  } catch {
    return undefined;
  }
}
