import { describe, expect, it } from "vitest";
import { updateDelay } from "./use-flow";

describe("updateDelay", () => {
  it("draws the first change after a quiet spell at once, then at most one update per 250 ms", () => {
    expect(updateDelay({ now: 10_000, lastRun: 2_000, busyUntil: 0, viewChanged: false })).toBe(0);
    expect(updateDelay({ now: 10_040, lastRun: 10_000, busyUntil: 0, viewChanged: false })).toBe(210);
    expect(updateDelay({ now: 10_250, lastRun: 10_000, busyUntil: 0, viewChanged: false })).toBe(0);
  });

  it("waits longer after a slow update, but never for a change of the filters", () => {
    expect(updateDelay({ now: 10_040, lastRun: 10_000, busyUntil: 10_900, viewChanged: false })).toBe(860);
    expect(updateDelay({ now: 10_040, lastRun: 10_000, busyUntil: 10_900, viewChanged: true })).toBe(0);
  });
});
