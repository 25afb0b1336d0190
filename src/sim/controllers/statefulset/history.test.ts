import { describe, expect, it } from "vitest";
import { computeHash, controllerRevisionName, hashControllerRevision, safeEncodeString } from "./history";

describe("controller history", () => {
  it("encodes hashes with rand.SafeEncodeString's alphabet", () => {
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
    expect(hashControllerRevision({ spec: { template: { a: 1 } } }, 0)).toMatch(/^[4-9bcdf]{1,10}$/);
  });

  it("hashes equal data alike whatever the key order, and salts with the collision count", () => {
    const a = hashControllerRevision({ spec: { template: { x: 1, y: [1, 2] } } }, 0);
    expect(hashControllerRevision({ spec: { template: { y: [1, 2], x: 1 } } }, 0)).toBe(a);
    expect(hashControllerRevision({ spec: { template: { x: 1, y: [1, 2] } } }, 1)).not.toBe(a);
    expect(computeHash({ b: 1, a: 2 }, undefined)).toBe(computeHash({ a: 2, b: 1 }, undefined));
  });

  it("names revisions <owner>-<hash>", () => {
    expect(controllerRevisionName("web", "6d5d8c6b8c")).toBe("web-6d5d8c6b8c");
    expect(controllerRevisionName("w".repeat(230), "h")).toHaveLength(225);
  });
});
