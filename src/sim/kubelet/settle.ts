/**
 * settleSoon lets a clock callback wait for a runtime promise without risking a deadlock: most runtime
 * promises (an HTTP probe answered by a modelled server, a process that blocks again) settle within a
 * few microtasks, and the callback returns a promise that covers exactly that. A promise that needs
 * the clock to move (a request that times out) is handed on: its handler then runs in a clock
 * callback at the instant it settles.
 */
import type { VirtualClock } from "../clock";

/** How many microtask turns a runtime promise gets to settle before it counts as "later". */
const MICROTASK_BUDGET = 64;

export function settleSoon<T>(clock: VirtualClock, promise: Promise<T>, handle: (value: T | undefined, error?: unknown) => void, label = "runtime"): Promise<void> {
  let done = false;
  let late = false;
  const finish = (value: T | undefined, error?: unknown) => {
    if (done) return;
    done = true;
    if (late) clock.after(0, () => handle(value, error), label);
    else handle(value, error);
  };
  promise.then(
    (v) => finish(v),
    (e) => finish(undefined, e),
  );
  return new Promise<void>((resolve) => {
    let turns = 0;
    const step = () => {
      if (done) return resolve();
      if (++turns >= MICROTASK_BUDGET) {
        late = true;
        return resolve();
      }
      void Promise.resolve().then(step);
    };
    void Promise.resolve().then(step);
  });
}
