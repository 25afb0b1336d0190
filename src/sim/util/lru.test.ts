import { describe, expect, it } from "vitest";
import { LruCache, type LruEntry, LruMap } from "./lru";

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

  it("files entries that carry their own key: one object per entry, replaced as a whole", () => {
    const c = new LruCache<string, { key: string; n: number; older: LruEntry<string> | undefined; newer: LruEntry<string> | undefined }>(2);
    const entry = (key: string, n: number) => ({ key, n, older: undefined, newer: undefined });
    const a = entry("a", 1);
    c.add(a);
    c.add(entry("b", 2));
    expect(c.get("a")).toBe(a);
    const a2 = entry("a", 3);
    c.add(a2);
    expect(c.size).toBe(2);
    c.add(entry("c", 4));
    // "a" was written last before "c": "b" is the oldest and goes.
    expect([c.peek("a"), c.peek("b")?.n, c.peek("c")?.n]).toEqual([a2, undefined, 4]);
    c.delete("a");
    c.add(entry("d", 5));
    c.add(entry("e", 6));
    expect([c.peek("c"), c.peek("d")?.n, c.peek("e")?.n]).toEqual([undefined, 5, 6]);
  });
});
