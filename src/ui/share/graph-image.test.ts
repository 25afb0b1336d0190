import { describe, expect, it } from "vitest";
import { boundsOf, pixelRatioFor, translateOf } from "./graph-image";

describe("graph image geometry", () => {
  it("reads React Flow's node transforms", () => {
    expect(translateOf("translate(12px, -40.5px)")).toEqual({ x: 12, y: -40.5 });
    expect(translateOf("translate(0px,0px) scale(1)")).toEqual({ x: 0, y: 0 });
    expect(translateOf("")).toBeUndefined();
  });

  it("bounds every box, with room around them", () => {
    expect(
      boundsOf([
        { x: 0, y: 0, width: 100, height: 50 },
        { x: 300, y: -20, width: 40.5, height: 400 },
      ]),
    ).toEqual({ x: -24, y: -44, width: 389, height: 448 });
    expect(boundsOf([])).toBeUndefined();
  });

  it("draws twice the size where it fits, and less for a huge graph", () => {
    expect(pixelRatioFor(1200, 800)).toBe(2);
    expect(pixelRatioFor(12_000, 1000)).toBeCloseTo(16_000 / 12_000);
    const r = pixelRatioFor(9000, 9000);
    expect(9000 * 9000 * r * r).toBeLessThanOrEqual(24_000_000 + 1);
  });
});
