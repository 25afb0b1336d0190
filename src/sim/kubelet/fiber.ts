/**
 * Fiber: a cooperative task on the virtual clock, so the kubelet's long flows (pull an image, create
 * the container, start it, run its postStart hook, ...) read as plain async code while every step
 * still happens inside a clock callback, at the virtual instant it belongs to.
 *
 * A fiber runs until it parks (sleep, suspend) or ends; the clock callback that started or resumed it
 * gets a promise that settles at that moment, and returns it to the clock. Waking a parked fiber
 * always goes through a clock callback, so the clock never moves while a fiber is mid-step.
 *
 * WARNING: inside a fiber, only `await` promises that settle without the clock moving (a runtime
 * call that steps a process) or the fiber's own sleep/suspend. Awaiting anything that needs a later
 * timer (a bare runtime callback, another fiber) deadlocks the clock: wrap it in suspend().
 */
import type { TimerHandle, VirtualClock } from "../clock";

/** Thrown inside a fiber whose work was cancelled (the pod is being deleted). */
export class Cancelled extends Error {
  constructor(message = "cancelled") {
    super(message);
    this.name = "Cancelled";
  }
}

interface Gate {
  promise: Promise<void>;
  open(): void;
  fail(e: unknown): void;
}

function makeGate(): Gate {
  let open!: () => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { promise, open, fail };
}

export class Fiber {
  /** The gate of the clock callback currently running this fiber (opened when it parks or ends). */
  private gate: Gate | undefined;
  private cancelParked: (() => void) | undefined;
  private ended = false;
  private cancelled = false;

  private constructor(
    private readonly clock: VirtualClock,
    readonly label: string,
  ) {}

  /**
   * Starts `fn` as a fiber. Returns the fiber and the promise the current clock callback must return:
   * it settles when the fiber first parks or ends (and rejects if it throws, so bugs surface).
   */
  static start(clock: VirtualClock, label: string, fn: (fiber: Fiber) => Promise<void>): { fiber: Fiber; settled: Promise<void> } {
    const fiber = new Fiber(clock, label);
    const gate = makeGate();
    fiber.gate = gate;
    fn(fiber).then(
      () => fiber.finish(),
      (e) => (e instanceof Cancelled ? fiber.finish() : fiber.crash(e)),
    );
    return { fiber, settled: gate.promise };
  }

  get done(): boolean {
    return this.ended;
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Parks for `ms` of virtual time. */
  sleep(ms: number): Promise<void> {
    return this.park<void>((wake) => {
      const t: TimerHandle = this.clock.after(ms, () => wake(undefined, true), this.label);
      return () => t.cancel();
    });
  }

  /**
   * Parks until `resume` is called (from any context, once); the fiber then continues in a clock
   * callback at that instant. `register` may return a function that withdraws the registration.
   */
  suspend<T>(register: (resume: (value: T) => void) => (() => void) | void): Promise<T> {
    return this.park<T>((wake) => register((v) => void wake(v, false)));
  }

  /** Waits for a promise that may need the clock to move (a probe's HTTP request with a timeout). */
  await<T>(promise: Promise<T>): Promise<T> {
    return this.suspend<{ ok: true; v: T } | { ok: false; e: unknown }>((resume) => {
      promise.then(
        (v) => resume({ ok: true, v }),
        (e) => resume({ ok: false, e }),
      );
    }).then((r) => {
      if (r.ok) return r.v;
      throw r.e;
    });
  }

  /** Cancels the fiber: its current (or next) park throws Cancelled. */
  cancel(): void {
    if (this.cancelled || this.ended) return;
    this.cancelled = true;
    this.cancelParked?.();
  }

  /** Throws Cancelled if the fiber was cancelled (a check between steps). */
  checkpoint(): void {
    if (this.cancelled) throw new Cancelled(`${this.label} cancelled`);
  }

  private park<T>(arm: (wake: (value: T, inClock: boolean) => Promise<void> | undefined) => (() => void) | void): Promise<T> {
    if (this.cancelled) return Promise.reject(new Cancelled(`${this.label} cancelled`));
    const parked = this.gate;
    this.gate = undefined;
    return new Promise<T>((resolve, reject) => {
      let woken = false;
      const enter = (fn: () => void): Promise<void> => {
        const g = makeGate();
        this.gate = g;
        this.cancelParked = undefined;
        fn();
        return g.promise;
      };
      const wake = (value: T, inClock: boolean): Promise<void> | undefined => {
        if (woken) return undefined;
        woken = true;
        if (inClock) return enter(() => resolve(value));
        this.clock.after(0, () => enter(() => resolve(value)), this.label);
        return undefined;
      };
      const disarm = arm(wake);
      this.cancelParked = () => {
        if (woken) return;
        woken = true;
        disarm?.();
        this.clock.after(0, () => enter(() => reject(new Cancelled(`${this.label} cancelled`))), this.label);
      };
      parked?.open();
    });
  }

  private finish(): void {
    this.ended = true;
    const g = this.gate;
    this.gate = undefined;
    g?.open();
  }

  private crash(e: unknown): void {
    this.ended = true;
    const g = this.gate;
    this.gate = undefined;
    if (g) g.fail(e);
    else throw e;
  }
}
