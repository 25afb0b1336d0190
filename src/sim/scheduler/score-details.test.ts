import { describe, expect, it } from "vitest";
import { Random } from "../random";
import { offsetOf, packScores, scoresOf, type ScorePluginRef } from "./score-details";

const plugins: ScorePluginRef[] = [
  { name: "TaintToleration", weight: 3 },
  { name: "NodeResourcesFit", weight: 1 },
  { name: "PodTopologySpread", weight: 2 },
];

/** The scores as records read them before they were packed: every number in single precision, node by node. */
function reference(columns: number[], raw: number[][], normalized: number[][], totals: number[]) {
  const tidy = (v: number) => (Number.isInteger(v) ? v : Number(v.toPrecision(7)));
  return columns.map((c) => ({
    scores: plugins.map((w, k) => ({
      plugin: w.name,
      weight: w.weight,
      score: tidy(Math.fround(raw[k][c])),
      normalizedScore: tidy(Math.fround(normalized[k][c])),
      weightedScore: tidy(Math.fround(normalized[k][c]) * w.weight),
    })),
    totalScore: tidy(Math.fround(totals[c])),
  }));
}

function check(columns: number[], offsets: number[], raw: number[][], normalized: number[][]) {
  const totals = offsets.map((_, c) => normalized.reduce((t, n, k) => t + n[c] * plugins[k].weight, 0));
  const d = packScores(plugins, columns, offsets, raw, normalized, totals);
  expect(columns.map((_, j) => offsetOf(d, j))).toEqual(columns.map((c) => offsets[c]));
  const got = columns.map((_, j) => scoresOf(d, j));
  const want = reference(columns, raw, normalized, totals);
  // Object.is on every number: -0 and NaN must come back as they went in.
  got.forEach((g, j) => {
    expect(Object.is(g.totalScore, want[j].totalScore)).toBe(true);
    g.scores.forEach((s, k) => {
      for (const f of ["score", "normalizedScore", "weightedScore"] as const) expect(Object.is(s[f], want[j].scores[k][f])).toBe(true);
    });
  });
  expect(got).toEqual(want);
  return d;
}

describe("score details", () => {
  it("keeps each distinct row of integer scores once, in 16 bits", () => {
    const raw = [[0, 0, 0, 0, 0], [97, 98, 97, 98, 97], [2, 2, 2, 2, 2]];
    const normalized = [[100, 100, 100, 100, 100], [97, 98, 97, 98, 97], [100, 100, 100, 100, 100]];
    const d = check([0, 1, 2, 3, 4], [3, 4, 6, 7, 9], raw, normalized);
    expect(d.data).toBeInstanceOf(Uint16Array);
    expect(d.rows).toBe(2);
    expect(d.data.length).toBe(5 + 5 + 2 * 7);
  });

  it("leaves out the row indexes when every node scored alike", () => {
    const d = check([2, 0], [0, 1, 2], [[1, 1, 1], [2, 2, 2], [3, 3, 3]], [[4, 4, 4], [5, 5, 5], [6, 6, 6]]);
    expect(d.rows).toBe(1);
    expect(d.data.length).toBe(2 + 7);
  });

  it("holds fractions, negative zero, NaN and large values in single precision, as before", () => {
    const raw = [[0.1, -0, 70000], [NaN, 1 / 3, 5], [-2, 2.5, 1e9]];
    const normalized = [[0, -0, 100], [12.345678, 0, 99], [1, 2, 3]];
    const d = check([0, 1, 2], [0, 1, 2], raw, normalized);
    expect(d.data).toBeInstanceOf(Float32Array);
  });

  it("names nodes by offsets beyond 16 bits", () => {
    const d = check([1, 0], [70000, 65536], [[1, 1], [2, 2], [3, 3]], [[1, 1], [2, 2], [3, 3]]);
    expect(d.data).toBeInstanceOf(Float32Array);
  });

  it("reads back what random scores packed, whatever their mix", () => {
    const random = new Random(7);
    for (let round = 0; round < 200; round++) {
      const n = random.int(1, 60);
      const pick = (): number => {
        const kind = random.int(0, 9);
        return kind < 6 ? random.int(0, 3) * 10 : kind < 8 ? random.int(0, 100) : kind === 8 ? random.int(0, 1000) / 7 : -random.int(0, 5);
      };
      const raw = plugins.map(() => Array.from({ length: n }, pick));
      const normalized = plugins.map(() => Array.from({ length: n }, pick));
      const offsets = Array.from({ length: n }, (_, i) => i * random.int(1, 3));
      const columns = Array.from({ length: n }, (_, i) => i).filter(() => random.int(0, 3) > 0);
      if (columns.length > 0) check(columns, offsets, raw, normalized);
    }
  });
});
