/**
 * The process table of a PID namespace: what `ps` lists and `kill` can reach. Each container has its
 * own namespace (its main process is PID 1) unless the pod sets shareProcessNamespace, when all
 * containers share the sandbox's namespace and the Infra container's `/pause` is PID 1.
 */
import type { Task } from "./task";

/** How a process reacts to signals nobody handled: C programs die; Go programs exit 2 as PID 1. */
export type SignalStyle = "c" | "go";

/** One process as the kernel sees it. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  argv: string[];
  uid: number;
  gid: number;
  groups: number[];
  /** Virtual ms when it started. */
  startedAt: number;
  /** The thread of control it runs on (a shell's child programs share the shell's task). */
  task: Task;
  /** The container it belongs to ("" for the sandbox's pause process). */
  containerId: string;
  exited: boolean;
  exitCode?: number;
  /** Handlers the program installed (trap, signal.Notify), by signal number. */
  handlers: Map<number, (sig: number) => void>;
  signalStyle: SignalStyle;
  /** Memory in use (bytes) and CPU in use (millicores) by this process. */
  memoryBytes: number;
  cpuMilli: number;
  /** Ends the process with a status (called by the signal machinery); resolves when it has unwound. */
  terminate?: (status: number, signal: number) => Promise<void> | void;
  /** Writes to the process's stdout/stderr (its container log, or an exec's buffers). */
  write(stream: "stdout" | "stderr", text: string): void;
}

export class PidNamespace {
  private nextPid = 1;
  readonly table = new Map<number, ProcessEntry>();

  allocate(): number {
    return this.nextPid++;
  }

  add(entry: ProcessEntry): void {
    this.table.set(entry.pid, entry);
  }

  remove(pid: number): void {
    this.table.delete(pid);
  }

  get(pid: number): ProcessEntry | undefined {
    return this.table.get(pid);
  }

  /** Live processes in pid order. */
  list(): ProcessEntry[] {
    return [...this.table.values()].filter((p) => !p.exited).sort((a, b) => a.pid - b.pid);
  }

  /**
   * The sum of a resource over a container's live processes, added in pid order as over list(),
   * without building that list: a container's status sums both resources, often, and nginx alone
   * has a worker per CPU.
   */
  usage(containerId: string, resource: "memoryBytes" | "cpuMilli"): number {
    let n = 0;
    let lastPid = 0;
    for (const p of this.table.values()) {
      // Entries are almost always added in pid order; when not, sum in pid order the slow way
      // (a sum of fractional millicores depends on the order of its terms).
      if (p.pid < lastPid) return sumInPidOrder(this.list(), containerId, resource);
      lastPid = p.pid;
      if (!p.exited && p.containerId === containerId) n += p[resource];
    }
    return n;
  }
}

function sumInPidOrder(live: ProcessEntry[], containerId: string, resource: "memoryBytes" | "cpuMilli"): number {
  let n = 0;
  for (const p of live) if (p.containerId === containerId) n += p[resource];
  return n;
}
