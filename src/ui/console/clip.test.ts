import { describe, expect, it } from "vitest";
import { clipLines, countLines } from "./clip";

const lines = (n: number, end = "\n") => Array.from({ length: n }, (_, i) => `pod/web-${i} created`).join("\n") + end;

describe("long console outputs", () => {
  it("counts lines, a final newline starting none", () => {
    expect(countLines("")).toBe(0);
    expect(countLines("a")).toBe(1);
    expect(countLines("a\n")).toBe(1);
    expect(countLines("a\nb")).toBe(2);
    expect(countLines(lines(10))).toBe(10);
  });

  it("leaves outputs up to the limit whole", () => {
    expect(clipLines(lines(10), 10, 2, 3)).toBeUndefined();
  });

  it("keeps the first and last lines of a longer one and counts the rest", () => {
    const c = clipLines(lines(11), 10, 2, 3)!;
    expect(c.head).toBe("pod/web-0 created\npod/web-1 created\n");
    expect(c.hidden).toBe(6);
    expect(c.tail).toBe("pod/web-8 created\npod/web-9 created\npod/web-10 created\n");
    // Without a final newline: the same lines.
    const d = clipLines(lines(11, ""), 10, 2, 3)!;
    expect([d.head, d.hidden, d.tail]).toEqual([c.head, 6, c.tail.slice(0, -1)]);
    expect(d.head + "…\n" + d.tail).not.toContain("web-2 ");
  });
});
