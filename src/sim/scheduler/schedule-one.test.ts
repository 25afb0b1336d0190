import { describe, expect, it } from "vitest";
import { Random } from "../random";
import { selectHost, topColumns } from "./schedule-one";

describe("selectHost", () => {
  it("picks the highest total, and each tied node about equally often", () => {
    const random = new Random(3);
    expect(selectHost([10, 300, 20], random)).toBe(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[selectHost([5, 7, 7, 7], random)]++;
    expect(counts[0]).toBe(0);
    for (const c of counts.slice(1)) expect(c).toBeGreaterThan(1200);
  });
});

describe("topColumns", () => {
  it("returns the k best indexes, best first, earlier first among equals", () => {
    const random = new Random(9);
    for (let round = 0; round < 200; round++) {
      const n = random.int(1, 300);
      const k = random.int(1, 60);
      const totals = Array.from({ length: n }, () => random.int(0, 20));
      const expected = totals.map((_, i) => i).sort((a, b) => totals[b] - totals[a] || a - b).slice(0, k);
      expect(topColumns(totals, Math.min(k, n))).toEqual(expected);
    }
  });
});
