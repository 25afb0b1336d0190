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

  it("keeps its order through deletes and updates, over many evictions", () => {
    const m = new LruMap<number, number>(3);
    for (let i = 0; i < 1000; i++) m.set(i, i);
    expect([m.peek(996), m.peek(997), m.peek(998), m.peek(999)]).toEqual([undefined, 997, 998, 999]);
    m.delete(998);
    m.set(997, -1);
    m.set(1000, 1000);
    m.set(1001, 1001);
    expect([m.peek(999), m.peek(997), m.peek(1000), m.peek(1001)]).toEqual([undefined, -1, 1000, 1001]);
    expect(m.size).toBe(3);
  });
});
