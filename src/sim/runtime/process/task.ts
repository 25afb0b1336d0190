/**
 * Task is one thread of control of a simulated process: a shell interpreting a script, a modelled
 * program, an exec. It runs only inside ProcessScheduler steps and tells the scheduler when it
 * blocks (suspend) or ends, so the virtual clock never moves while it is mid-step. Blocking on a
 * virtual sleep costs nothing until the timer is due: idle time has no ticks.
 */
import type { TimerHandle, VirtualClock } from "../../clock";
import type { ProcessEntry } from "./process-table";
import type { ProcessScheduler } from "./scheduler";

/** Thrown into a blocked task when it is killed, so its JavaScript stack unwinds. */
export class KilledError extends Error {
  constructor(readonly signal: number) {
    super(`killed by signal ${signal}`);
    this.name = "KilledError";
  }
}

/** A point where a task waits; `resume` continues it (as a new step when called from outside). */
export interface Suspension<T> {
  readonly promise: Promise<T>;
  /** Continues the task; `awaited` when the caller returns the promise to the clock (a timer). */
  resume(value: T, awaited?: boolean): Promise<void>;
  /** Continues the task by throwing `error` where it waits (a child process killed under a shell). */
  fail(error: Error, awaited?: boolean): Promise<void>;
  readonly settled: boolean;
}

interface Pending {
  settled: boolean;
  reject(e: Error): void;
}

/**
 * A task's wait point. A class, not an object of closures: every blocked process holds one, and a
 * busy cluster has tens of thousands.
 */
class TaskSuspension<T> implements Suspension<T> {
  constructor(
    private readonly task: Task,
    private readonly entry: Pending,
    readonly promise: Promise<T>,
    private readonly resolve: (v: T) => void,
    private readonly reject: (e: Error) => void,
  ) {}

  get settled(): boolean {
    return this.entry.settled;
  }

  resume(value: T, awaited = false): Promise<void> {
    return this.task.settle(this.entry, () => this.resolve(value), awaited);
  }

  fail(error: Error, awaited = false): Promise<void> {
    return this.task.settle(this.entry, () => this.reject(error), awaited);
  }
}

export class Task {
  /** True while the task's code is executing (between a resume and the next block). */
  running = false;
  /** Killed or exited: it never runs again. */
  dead = false;
  /** Commands executed since the task last blocked (the runaway-loop bound). */
  workSinceBlock = 0;
  /** The process whose code runs on this task now (a shell, or the child program it waits for). */
  acting: ProcessEntry | undefined;
  /** Made when something first waits for the task to be idle, as the kill hooks when one is added. */
  private idleWaiters: (() => void)[] | undefined = undefined;
  /**
   * The suspensions not yet settled, oldest first: one on its own, more in a set. A process blocked
   * for life (pause) has one, and a set for it cost a hash table per container.
   */
  private pending: Pending | Set<Pending> | undefined = undefined;
  /** Made with the first timer: a process blocked on a signal never has one. */
  private timers: Set<TimerHandle> | undefined;
  private killHooks: (() => void)[] | undefined = undefined;

  constructor(
    readonly scheduler: ProcessScheduler,
    readonly clock: VirtualClock,
    readonly label: string,
  ) {}

  /** Starts `body` as the task's first step. Resolves when it first blocks or ends. */
  start(body: () => Promise<unknown>): Promise<void> {
    return this.inStep(() => {
      this.running = true;
      body().then(
        () => this.finish(),
        () => this.finish(),
      );
    }, true);
  }

  /** Resolves when the task is not running. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => (this.idleWaiters ??= []).push(resolve));
  }

  /**
   * Runs `fn` inside a step of this task: at once when this task's step is running; as a new step
   * when the caller returns the promise to the clock (`awaited`); otherwise in a clock callback of
   * the same instant, so no step ever runs unseen by the clock (a server handler waking its process
   * while a client's step or a kubelet probe runs).
   */
  inStep(fn: () => void, awaited = false): Promise<void> {
    const s = this.scheduler;
    if (s.current === this) {
      fn();
      return Promise.resolve();
    }
    if (s.inStep || !awaited) {
      this.clock.after(0, () => this.inStep(fn, true), `${this.label}: wake`);
      return Promise.resolve();
    }
    return s.step(this, fn);
  }

  /** Blocks the running task until the suspension is resumed. */
  suspend<T>(): Suspension<T> {
    let resolve!: (v: T) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const entry: Pending = { settled: false, reject };
    if (this.dead) {
      entry.settled = true;
      reject(new KilledError(9));
      return { promise, resume: () => Promise.resolve(), fail: () => Promise.resolve(), settled: true };
    }
    this.addPending(entry);
    this.workSinceBlock = 0;
    const suspension = new TaskSuspension(this, entry, promise, resolve, reject);
    this.quiesce();
    return suspension;
  }

  /** Settles a suspension inside a step of this task (see `suspend`). */
  settle(entry: Pending, fn: () => void, awaited: boolean): Promise<void> {
    return this.inStep(() => {
      if (entry.settled || this.dead) return;
      entry.settled = true;
      this.deletePending(entry);
      this.running = true;
      fn();
    }, awaited);
  }

  /** Blocks for `ms` of virtual time. */
  sleep(ms: number): Promise<void> {
    const s = this.suspend<void>();
    if (!s.settled) this.after(ms, () => s.resume(undefined, true), "sleep");
    return s.promise;
  }

  /** A clock timer owned by the task (cancelled when it dies). */
  after(ms: number, fn: () => void | Promise<void>, what: string): TimerHandle {
    const t = this.clock.after(
      Math.max(0, ms),
      () => {
        this.timers?.delete(t);
        if (!this.dead) return fn();
      },
      `${this.label}: ${what}`,
    );
    (this.timers ??= new Set()).add(t);
    return t;
  }

  /** Runs `fn` when the task is killed (a shell aborts its interpreter). Returns the remover. */
  onKill(fn: () => void): () => void {
    const hooks = (this.killHooks ??= []);
    hooks.push(fn);
    return () => {
      const i = hooks.indexOf(fn);
      if (i >= 0) hooks.splice(i, 1);
    };
  }

  /**
   * Kills the task: no step runs it again; a blocked task's code unwinds with a KilledError.
   * Resolves when the unwinding has finished.
   */
  kill(signal: number): Promise<void> {
    return this.inStep(() => {
      if (this.dead) return;
      this.dead = true;
      if (this.timers) for (const t of this.timers) t.cancel();
      this.timers = undefined;
      if (this.killHooks) for (const hook of this.killHooks.splice(0)) hook();
      const pending = this.pending;
      this.pending = undefined;
      for (const p of pending instanceof Set ? pending : pending ? [pending] : []) {
        if (p.settled) continue;
        p.settled = true;
        this.running = true;
        p.reject(new KilledError(signal));
      }
    }, true);
  }

  private addPending(entry: Pending): void {
    const p = this.pending;
    if (p === undefined) this.pending = entry;
    else if (p instanceof Set) p.add(entry);
    else if (p !== entry) this.pending = new Set([p, entry]);
  }

  private deletePending(entry: Pending): void {
    const p = this.pending;
    if (p === entry) this.pending = undefined;
    else if (p instanceof Set) p.delete(entry);
  }

  private finish(): void {
    this.dead = true;
    if (this.timers) for (const t of this.timers) t.cancel();
    this.timers = undefined;
    this.quiesce();
  }

  private quiesce(): void {
    this.running = false;
    const w = this.idleWaiters;
    if (!w) return;
    this.idleWaiters = undefined;
    for (const f of w) f();
  }
}
