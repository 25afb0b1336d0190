import { describe, expect, it } from "vitest";
import { chipsToDraw } from "./chip-budget";

describe("chips drawn a budget per frame", () => {
  const keys = ["a", "b", "c", "d", "e"];
  const budget = (per: number) => (n: number) => Math.min(n, per);

  it("draws chips already drawn and as many new ones as the budget allows, in order", () => {
    const drawn = new Set(["c"]);
    const first = chipsToDraw(keys, drawn, budget(2));
    expect(first.keys).toEqual(["a", "b", "c"]);
    expect(first.waiting).toBe(2);
    const second = chipsToDraw(keys, drawn, budget(2));
    expect(second.keys).toBe(keys);
    expect(second.waiting).toBe(0);
  });

  it("forgets chips that left the grid, so one that comes back waits its turn again", () => {
    const drawn = new Set(["a", "b", "x"]);
    expect(chipsToDraw(["a", "b"], drawn, budget(0)).waiting).toBe(0);
    expect(drawn.has("x")).toBe(false);
    expect(chipsToDraw(["a", "x"], drawn, budget(0))).toEqual({ keys: ["a"], waiting: 1 });
  });
});
