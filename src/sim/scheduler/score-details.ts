/**
 * Score details: the raw, normalized and total scores a decision record keeps for some of the nodes
 * a cycle scored, packed into one typed array.
 *
 * A big cluster keeps one record per pod, and each holds up to 51 nodes' scores, so the layout is
 * chosen for size. Nodes are named by their offset in the cycle's filter window (the record already
 * holds the node list). Nodes alike score alike: each distinct row of scores (raw per plugin, then
 * normalized per plugin, then the total) is kept once, and every node points at its row. Scores are
 * integers almost always (int64 in Kubernetes, 0..100 per plugin); when every number fits in 16 bits
 * the array is a Uint16Array, else a float array holds them in single precision, as records always
 * have.
 *
 * Layout: `count` window offsets, then (only when `rows` > 1) `count` row indexes, then `rows` rows.
 */
import type { PluginScore } from "./decision-record";

/** A score plugin and its weight, as a record names it. */
export interface ScorePluginRef {
  name: string;
  weight: number;
}

/** The packed scores of `count` nodes. */
export interface ScoreDetails {
  /** Shared between records; never mutate. */
  plugins: readonly ScorePluginRef[];
  count: number;
  rows: number;
  data: Uint16Array | Float32Array | Float64Array;
}

/** Scratch space for packing, grown as needed. */
let scratch = new Float64Array(1024);

/** The largest window offset a Float32Array holds exactly. */
const FLOAT32_EXACT = 2 ** 24;

/**
 * Packs the scores of `columns` (indexes into the scored nodes and into `raw`, `normalized` and
 * `totals`); `offsets[c]` is scored node c's offset in the filter window.
 */
export function packScores(
  plugins: readonly ScorePluginRef[],
  columns: readonly number[],
  offsets: ArrayLike<number>,
  raw: readonly ArrayLike<number>[],
  normalized: readonly ArrayLike<number>[],
  totals: ArrayLike<number>,
): ScoreDetails {
  const count = columns.length;
  const p = plugins.length;
  const stride = 2 * p + 1;
  const rowsAt = 2 * count;
  if (scratch.length < rowsAt + count * stride) scratch = new Float64Array(Math.max(rowsAt + count * stride, 2 * scratch.length));
  const s = scratch;
  let rows = 0;
  let small = true;
  let maxOffset = 0;
  for (let j = 0; j < count; j++) {
    const c = columns[j];
    const at = rowsAt + rows * stride;
    for (let k = 0; k < p; k++) {
      s[at + k] = Math.fround(raw[k][c]);
      s[at + p + k] = Math.fround(normalized[k][c]);
    }
    s[at + stride - 1] = Math.fround(totals[c]);
    let r = 0;
    while (r < rows && !sameRow(s, rowsAt + r * stride, at, stride)) r++;
    if (r === rows) {
      for (let k = 0; k < stride && small; k++) small = fitsUint16(s[at + k]);
      rows++;
    }
    s[count + j] = r;
    s[j] = offsets[c];
    if (offsets[c] > maxOffset) maxOffset = offsets[c];
  }
  if (maxOffset > 0xffff) small = false;
  const rowIndexes = rows > 1 ? count : 0;
  const length = count + rowIndexes + rows * stride;
  const data = small ? new Uint16Array(length) : maxOffset < FLOAT32_EXACT ? new Float32Array(length) : new Float64Array(length);
  data.set(s.subarray(0, count + rowIndexes));
  data.set(s.subarray(rowsAt, rowsAt + rows * stride), count + rowIndexes);
  return { plugins, count, rows, data };
}

function sameRow(s: Float64Array, a: number, b: number, stride: number): boolean {
  for (let k = 0; k < stride; k++) {
    const x = s[a + k];
    const y = s[b + k];
    // A -0 must not be merged into a 0. (Rows with NaN are kept apart: they only cost room.)
    if (x !== y || (x === 0 && 1 / x !== 1 / y)) return false;
  }
  return true;
}

/** True when a Uint16Array gives `v` back exactly (-0 comes back as 0, so it does not fit). */
function fitsUint16(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xffff && !Object.is(v, -0);
}

/** The window offset of the j-th node kept. */
export function offsetOf(d: ScoreDetails, j: number): number {
  return d.data[j];
}

/** A score read back from single precision: a fraction keeps the digits it was computed with. */
function tidy(v: number): number {
  return Number.isInteger(v) ? v : Number(v.toPrecision(7));
}

/** The j-th node's scores, plugin by plugin, and its total. */
export function scoresOf(d: ScoreDetails, j: number): { scores: PluginScore[]; totalScore: number } {
  const { plugins, data, count } = d;
  const p = plugins.length;
  const stride = 2 * p + 1;
  const row = d.rows > 1 ? data[count + j] : 0;
  const base = count + (d.rows > 1 ? count : 0) + row * stride;
  return {
    scores: plugins.map((w, k) => ({
      plugin: w.name,
      weight: w.weight,
      score: tidy(data[base + k]),
      normalizedScore: tidy(data[base + p + k]),
      weightedScore: tidy(data[base + p + k] * w.weight),
    })),
    totalScore: tidy(data[base + stride - 1]),
  };
}
