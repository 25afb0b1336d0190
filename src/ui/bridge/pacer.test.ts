import { describe, expect, it } from "vitest";
import { BatchPacer, MAX_OBJECTS, MIN_OBJECTS } from "./pacer";

describe("batch pacing", () => {
  it("asks for the most until it knows better", () => {
    expect(new BatchPacer().limit).toBe(MAX_OBJECTS);
  });

  it("asks for what fits the frame's budget, within bounds", () => {
    const p = new BatchPacer();
    // 1,000 objects in 20 ms: 20 µs each, so 4 ms hold 200.
    p.record(1000, 20);
    expect(p.limit).toBe(200);
    // Cheap objects: the ceiling.
    const cheap = new BatchPacer();
    cheap.record(1000, 1);
    expect(cheap.limit).toBe(MAX_OBJECTS);
    // Very dear ones: the floor, so the page still catches up.
    const dear = new BatchPacer();
    dear.record(100, 100);
    expect(dear.limit).toBe(MIN_OBJECTS);
  });

  it("follows the cost as it changes and ignores small batches", () => {
    const p = new BatchPacer();
    p.record(1000, 20);
    p.record(10, 500);
    expect(p.limit).toBe(200);
    for (let i = 0; i < 20; i++) p.record(500, 2.5);
    expect(p.limit).toBeGreaterThan(700);
  });
});
