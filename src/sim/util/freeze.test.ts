import { describe, expect, it } from "vitest";
import { deepFreeze } from "./freeze";

describe("deepFreeze", () => {
  it("freezes nested objects and arrays", () => {
    const o = deepFreeze({ sources: [{ configMap: { items: [{ key: "ca.crt" }] } }] });
    expect(Object.isFrozen(o.sources[0].configMap.items[0])).toBe(true);
    expect(() => {
      (o.sources as unknown[]).push({});
    }).toThrow(TypeError);
  });
});
