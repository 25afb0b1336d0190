/**
 * ProcessScheduler runs the cluster's container processes one step at a time. A step starts or
 * resumes one task and lasts until that task is blocked again (a virtual sleep, a socket, a signal
 * wait) or has exited. Steps never overlap, so which process ran first never depends on how many
 * microtask turns a command took (just-bash loads commands lazily with dynamic imports), and every
 * replay is identical.
 */
import type { Task } from "./task";

export class ProcessScheduler {
  /** The task whose step is running, if any. */
  current: Task | undefined;
  private tail: Promise<void> = Promise.resolve();
  /** Steps run so far (benchmarks). */
  steps = 0;

  /**
   * Runs `fn` (which may start or resume `task`) as one step, after any step already queued.
   * Resolves when the task is blocked or done again.
   *
   * WARNING: never await a step from inside another step (a process waking another one): the
   * second step waits for the first, which waits for the second. Wake other processes through a
   * clock timer instead (see Task.wakeSoon).
   */
  step(task: Task, fn: () => void): Promise<void> {
    const run = async (): Promise<void> => {
      this.current = task;
      this.steps++;
      try {
        fn();
        await task.idle();
      } finally {
        this.current = undefined;
      }
    };
    const p = this.tail.then(run, run);
    this.tail = p.catch(() => undefined);
    return p;
  }

  /** True while a step runs: code that would start a step must schedule it on the clock instead. */
  get inStep(): boolean {
    return this.current !== undefined;
  }
}

const schedulers = new WeakMap<object, ProcessScheduler>();

/** The one scheduler of a cluster (keyed by any per-cluster object, such as its clock). */
export function schedulerFor(key: object): ProcessScheduler {
  let s = schedulers.get(key);
  if (!s) {
    s = new ProcessScheduler();
    schedulers.set(key, s);
  }
  return s;
}
