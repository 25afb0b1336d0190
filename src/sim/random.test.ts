import { describe, expect, it } from "vitest";
import { Random } from "./random";

describe("Random", () => {
  it("replays the same sequence for the same seed", () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Random(43).next()).not.toBe(xs[0]);
  });

  it("makes uids, name suffixes and bounded jitter", () => {
    const r = new Random("seed");
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.nameSuffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    for (let i = 0; i < 100; i++) {
      const j = r.jitter(1000, 0.1);
      expect(j).toBeGreaterThanOrEqual(900);
      expect(j).toBeLessThanOrEqual(1100);
    }
  });
});
