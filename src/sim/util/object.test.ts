import { describe, expect, it } from "vitest";
import { withField } from "./object";

describe("withField", () => {
  it("copies like a spread: a new key comes last, an existing one keeps its place, the source is untouched", () => {
    const src = { a: 1, b: 2 };
    expect(Object.entries(withField(src, "c", 3))).toEqual([["a", 1], ["b", 2], ["c", 3]]);
    expect(Object.entries(withField(src, "a", 9))).toEqual([["a", 9], ["b", 2]]);
    expect(src).toEqual({ a: 1, b: 2 });
    expect(withField<{ x?: number }>(undefined, "x", 1)).toEqual({ x: 1 });
  });
});
