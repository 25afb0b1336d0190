import { describe, expect, it } from "vitest";
import { EMPTY_LOG, mergeLogs, nextAfter } from "./log-buffer";

const line = (i: number) => ({ time: i * 1000, stream: "stdout" as const, text: `tick ${i}` });
const answer = (containerId: string, from: number, to: number, total = to) => ({ containerId, from, total, lines: Array.from({ length: to - from }, (_, k) => line(from + k)) });

describe("mergeLogs", () => {
  it("appends the new lines of the same instance", () => {
    let b = mergeLogs(EMPTY_LOG, answer("a", 0, 3));
    expect(nextAfter(b)).toEqual({ containerId: "a", lines: 3 });
    b = mergeLogs(b, answer("a", 3, 5));
    expect(b.lines.map((l) => l.text)).toEqual(["tick 0", "tick 1", "tick 2", "tick 3", "tick 4"]);
    const same = mergeLogs(b, answer("a", 5, 5));
    expect(same).toBe(b);
  });

  it("starts over for a new instance or a log that went back in time", () => {
    const b = mergeLogs(EMPTY_LOG, answer("a", 0, 4));
    expect(mergeLogs(b, answer("b", 0, 1)).lines.map((l) => l.text)).toEqual(["tick 0"]);
    expect(mergeLogs(b, answer("a", 0, 2)).lines).toHaveLength(2);
  });

  it("keeps the newest lines within the limit, and reports errors as kubectl does", () => {
    const b = mergeLogs(EMPTY_LOG, answer("a", 0, 10), 4);
    expect([b.from, b.lines[0].text]).toEqual([6, "tick 6"]);
    expect(nextAfter(b)).toEqual({ containerId: "a", lines: 10 });
    const e = mergeLogs(b, { from: 0, lines: [], total: 0, error: 'Error from server (BadRequest): container "x" in pod "p" is waiting to start: ContainerCreating' });
    expect(e).toEqual({ lines: [], from: 0, total: 0, error: 'Error from server (BadRequest): container "x" in pod "p" is waiting to start: ContainerCreating' });
  });
});
