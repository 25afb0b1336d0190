import { describe, expect, it } from "vitest";
import { LruMap } from "./lru";

describe("LruMap", () => {
  it("forgets the least recently used entry beyond its limit; a read makes an entry the newest", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    expect(m.get("a")).toBe(1);
    m.set("c", 3);
    expect(m.get("b")).toBeUndefined();
    expect(m.get("a")).toBe(1);
    expect(m.get("c")).toBe(3);
    expect(m.size).toBe(2);
    m.set("c", 4);
    m.set("d", 5);
    expect(m.get("a")).toBeUndefined();
    expect(m.get("c")).toBe(4);
  });
});
