import { describe, expect, it } from "vitest";
import { Timeline } from "./timeline";

const input = (at: number, text: string) => ({ at, text, source: "console" as const });

describe("Timeline", () => {
  it("records inputs in order and replays them from the start", () => {
    const t = new Timeline();
    t.record(input(0, "a"));
    t.record(input(500, "b"));
    expect(t.cursor).toBe(2);
    t.rewind();
    expect(t.peek()?.text).toBe("a");
    expect(t.advance()?.text).toBe("a");
    expect(t.hasFuture).toBe(true);
  });

  it("forks: a new input after a rewind drops the inputs ahead of the cursor", () => {
    const t = new Timeline([input(0, "a"), input(500, "b"), input(900, "c")]);
    t.advance();
    expect(t.record(input(200, "x"))).toBe(2);
    expect(t.all().map((i) => i.text)).toEqual(["a", "x"]);
    expect(t.hasFuture).toBe(false);
  });

  it("refuses an input earlier than the one before it", () => {
    const t = new Timeline([input(500, "a")]);
    t.advance();
    expect(() => t.record(input(100, "b"))).toThrow(/before the previous one/);
  });
});
