import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../clock";
import { ProcessScheduler } from "./scheduler";
import { KilledError, Task } from "./task";

describe("Task on the virtual clock", () => {
  it("runs until it blocks, resumes on its timer, and never runs while the clock moves", async () => {
    const clock = new VirtualClock();
    const s = new ProcessScheduler();
    const task = new Task(s, clock, "t");
    const seen: string[] = [];
    await task.start(async () => {
      seen.push(`start@${clock.now}`);
      await task.sleep(1000);
      seen.push(`woke@${clock.now}`);
      await task.sleep(500);
      seen.push(`done@${clock.now}`);
    });
    expect(seen).toEqual(["start@0"]);
    await clock.advance(1_000);
    expect(seen).toEqual(["start@0", "woke@1000"]);
    await clock.advance(10_000);
    expect(seen).toEqual(["start@0", "woke@1000", "done@1500"]);
    expect(task.dead).toBe(true);
  });

  it("unwinds a blocked task with KilledError and cancels its timers", async () => {
    const clock = new VirtualClock();
    const s = new ProcessScheduler();
    const task = new Task(s, clock, "t");
    let caught: unknown;
    await task.start(async () => {
      try {
        await task.sleep(60_000);
      } catch (e) {
        caught = e;
      }
    });
    await task.kill(15);
    expect(caught).toBeInstanceOf(KilledError);
    expect(clock.pending).toBe(0);
  });

  it("defers a wake-up from outside its steps to a clock callback at the same instant", async () => {
    const clock = new VirtualClock();
    const s = new ProcessScheduler();
    const task = new Task(s, clock, "t");
    let resumed = false;
    let wake: (() => void) | undefined;
    await task.start(async () => {
      const sus = task.suspend<void>();
      wake = () => void sus.resume(undefined);
      await sus.promise;
      resumed = true;
    });
    wake!();
    expect(resumed).toBe(false);
    expect(clock.pending).toBe(1);
    await clock.advance(0);
    expect(resumed).toBe(true);
  });
});
