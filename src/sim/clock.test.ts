import { describe, expect, it } from "vitest";
import { formatGoDuration, parseDuration, VirtualClock } from "./clock";

describe("VirtualClock", () => {
  it("runs timers in time order, ties in scheduling order, and jumps over idle time", async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.after(5000, () => void seen.push(`b@${clock.now}`));
    clock.after(1000, () => void seen.push(`a@${clock.now}`));
    clock.after(5000, () => void seen.push(`c@${clock.now}`));
    await clock.advance(10_000);
    expect(seen).toEqual(["a@1000", "b@5000", "c@5000"]);
    expect(clock.now).toBe(10_000);
    expect(clock.timersRun).toBe(3);
  });

  it("awaits callbacks that return promises before running the next timer", async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.after(10, async () => {
      await Promise.resolve();
      await Promise.resolve();
      seen.push("slow");
    });
    clock.after(10, () => void seen.push("next"));
    await clock.advance(20);
    expect(seen).toEqual(["slow", "next"]);
  });

  it("never runs cancelled timers and runs timers scheduled by timers", async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const t = clock.after(100, () => void seen.push(-1));
    t.cancel();
    clock.after(50, () => {
      seen.push(clock.now);
      clock.after(25, () => void seen.push(clock.now));
    });
    await clock.advance(1000);
    expect(seen).toEqual([50, 75]);
    expect(clock.pending).toBe(0);
  });

  it("keeps its order through thousands of timers, ties, cancellations and compactions", async () => {
    const clock = new VirtualClock();
    // A small deterministic generator: the same sequence on every run.
    let state = 12345;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const ran: number[] = [];
    const expected: { at: number; id: number }[] = [];
    const handles = [];
    for (let id = 0; id < 6000; id++) {
      const at = next(500);
      handles.push(clock.at(at, () => void ran.push(id)));
      expected.push({ at, id });
    }
    // Cancel two thirds of them, enough for the queue to compact itself.
    const cancelled = new Set<number>();
    for (let id = 0; id < 6000; id++) {
      if (id % 3 !== 0) {
        handles[id].cancel();
        cancelled.add(id);
      }
    }
    expect(clock.pending).toBe(2000);
    // Timers that schedule more at the same instants and later, as the run goes.
    clock.at(250, () => {
      for (let k = 0; k < 50; k++) {
        const id = 10_000 + k;
        const at = 250 + next(250);
        clock.at(at, () => void ran.push(id));
        expected.push({ at, id });
      }
    });
    await clock.runUntil(1000);
    const order = expected.filter((e) => !cancelled.has(e.id)).sort((a, b) => a.at - b.at || a.id - b.id).map((e) => e.id);
    expect(ran).toEqual(order);
    expect(clock.pending).toBe(0);
  });

  it("advanceUntil stops as soon as the condition holds", async () => {
    const clock = new VirtualClock();
    let n = 0;
    const tick = () => {
      n++;
      clock.after(1000, tick);
    };
    clock.after(1000, tick);
    const met = await clock.advanceUntil(() => n >= 3, 60_000);
    expect(met).toBe(true);
    expect(clock.now).toBe(3000);
    const notMet = await clock.advanceUntil(() => n >= 1000, 5_000);
    expect(notMet).toBe(false);
    expect(clock.now).toBe(8000);
  });

  it("refuses re-entrant runs", async () => {
    const clock = new VirtualClock();
    let error: unknown;
    clock.after(1, async () => {
      try {
        await clock.advance(1);
      } catch (e) {
        error = e;
      }
    });
    await clock.advance(10);
    expect(String(error)).toMatch(/re-entrant/);
  });

  it("writes Kubernetes timestamps on the virtual epoch", () => {
    const clock = new VirtualClock();
    expect(clock.timestamp()).toBe("2025-01-01T00:00:00Z");
    expect(clock.timestamp(61_500)).toBe("2025-01-01T00:01:01Z");
    expect(clock.microTimestamp(61_500)).toBe("2025-01-01T00:01:01.500000Z");
    expect(clock.parseTimestamp("2025-01-01T00:01:01Z")).toBe(61_000);
  });
});

describe("durations", () => {
  it("parses session and kubectl durations", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("5s")).toBe(5000);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("30")).toBe(30_000);
    expect(parseDuration("5 s")).toBeUndefined();
    expect(parseDuration("abc")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
  });

  it("formats as Go's time.Duration", () => {
    expect(formatGoDuration(0)).toBe("0s");
    expect(formatGoDuration(500)).toBe("500ms");
    expect(formatGoDuration(1500)).toBe("1.5s");
    expect(formatGoDuration(90_000)).toBe("1m30s");
    expect(formatGoDuration(3_600_000)).toBe("1h0m0s");
  });
});
