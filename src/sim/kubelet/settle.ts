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
  const w = new SettleWatch(clock, handle, label);
  promise.then(
    (v) => w.finish(v),
    (e) => w.finish(undefined, e),
  );
  return new Promise<void>((resolve) => {
    w.resolve = resolve;
    void Promise.resolve().then(() => w.step());
  });
}

/**
 * The state of one settleSoon: a class, not closures, because every probe makes one (and closures
 * are what the hot path allocates most).
 */
class SettleWatch<T> {
  done = false;
  late = false;
  turns = 0;
  resolve: () => void = noop;

  constructor(
    private readonly clock: VirtualClock,
    private readonly handle: (value: T | undefined, error?: unknown) => void,
    private readonly label: string,
  ) {}

  finish(value: T | undefined, error?: unknown): void {
    if (this.done) return;
    this.done = true;
    if (this.late) this.clock.after(0, () => this.handle(value, error), this.label);
    else this.handle(value, error);
  }

  step(): void {
    if (this.done) return this.resolve();
    if (++this.turns >= MICROTASK_BUDGET) {
      this.late = true;
      return this.resolve();
    }
    void Promise.resolve().then(() => this.step());
  }
}

function noop(): void {}
