/**
 * A blocking tool run from a shell (sleep, tail -f, nc -l) is a child process while it blocks: `ps`
 * lists it with its own pid, and `kill` can end it (the shell sees 128+signal) without killing the
 * shell.
 */
import { ChildExit } from "../process/launcher";
import type { ProcessEntry } from "../process/process-table";
import type { Suspension } from "../process/task";
import type { CommandEnv } from "./util";

/** What a blocking child can do while it runs. */
export interface ChildHandle {
  entry: ProcessEntry;
  sleep(ms: number): Promise<void>;
  /** Blocks until the child is killed. */
  forever(): Promise<void>;
  /** A suspension the child can be woken from (or killed out of). */
  suspend<T>(): Suspension<T>;
}

/**
 * Runs `body` as a child process of the shell with `argv`; resolves with 0 when it returns, or the
 * status it was killed with. A tool that is the process itself (PID 1 `sleep 3600`) gets no child.
 */
export async function runChildBlocking(env: CommandEnv, argv: string[], body: (child: ChildHandle) => Promise<unknown>): Promise<number> {
  const { ctx } = env;
  const standalone = ctx.process.argv[0]?.split("/").pop() === argv[0];
  const c = ctx.container;
  let entry = ctx.process;
  let current: Suspension<unknown> | undefined;
  if (!standalone) {
    const p = ctx.process;
    entry = { ...p, pid: c.pidns.allocate(), ppid: p.pid, argv, startedAt: c.clock.now, exited: false, exitCode: undefined, handlers: new Map(), signalStyle: "c", memoryBytes: 0, cpuMilli: 0 };
    entry.terminate = (status) => {
      if (entry.exited) return;
      entry.exited = true;
      entry.exitCode = status;
      void current?.fail(new ChildExit(status));
    };
    c.pidns.add(entry);
  }
  const handle: ChildHandle = {
    entry,
    suspend<T>() {
      const s = ctx.suspend<T>();
      current = s as Suspension<unknown>;
      return s;
    },
    sleep(ms) {
      const s = handle.suspend<void>();
      if (!s.settled) ctx.task.after(ms, () => s.resume(undefined, true), "sleep");
      return s.promise;
    },
    forever() {
      return handle.suspend<void>().promise;
    },
  };
  try {
    await body(handle);
    return 0;
  } catch (e) {
    if (e instanceof ChildExit) return e.status;
    throw e;
  } finally {
    if (!standalone) {
      entry.exited = true;
      c.pidns.remove(entry.pid);
    }
  }
}
