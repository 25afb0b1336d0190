/**
 * Program is a modelled executable: nginx, redis-server, the agnhost binary, a shell. It runs in a
 * simulated process with a ProgramContext — argv, environment, the container's filesystem and
 * network namespace, stdout/stderr, virtual sleeps and signal handlers — and returns its exit
 * status. Programs are plain async functions on the virtual clock: they block only through the
 * context (sleep, suspend), so a program that waits costs nothing until something wakes it.
 */
import type { VirtualClock } from "../../clock";
import type { PodNetwork } from "../../network/fabric";
import type { NetNamespace } from "../../network/netns";
import type { HttpRequest, HttpResponse, Listener } from "../../network/types";
import type { Random } from "../../random";
import type { ContainerConfig } from "../cri";
import type { ContainerFs } from "../vfs/container-fs";
import type { ResolvedImage } from "../images/types";
import type { ProcessEntry, PidNamespace, SignalStyle } from "../process/process-table";
import type { ProcessScheduler } from "../process/scheduler";
import type { Suspension, Task } from "../process/task";
import type { ShellKind } from "../process/flavour";

/** The container a process runs in, as its programs and tools see it. */
export interface ContainerContext {
  readonly id: string;
  readonly name: string;
  readonly config: ContainerConfig;
  readonly image: ResolvedImage;
  readonly fs: ContainerFs;
  readonly pidns: PidNamespace;
  readonly netns: NetNamespace;
  readonly net: PodNetwork;
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly scheduler: ProcessScheduler;
  /** The image's userland and shell, for wording. */
  readonly userland: "busybox" | "gnu" | "none";
  readonly shell: ShellKind;
  readonly pod: { name: string; namespace: string; uid: string; hostname: string; ip: string };
  readonly node: { name: string; ip: string; cpus: number; memoryBytes: number };
  /** Unix ms of virtual time 0. */
  readonly epochMs: number;
  /** Runs a program in this container (see Launcher). */
  readonly launcher: Launcher;
  /** A process's memory or CPU changed: re-check the container's limits (OOM). */
  resourcesChanged(): void;
  /** Sends a signal to a pid of the container's PID namespace, as kill(2) does. */
  kill(pid: number, signal: number, sender: ProcessEntry | undefined): "ok" | "ESRCH" | "EPERM";
}

/** How a process was started: where its output goes and who it runs as. */
export interface ProcessSpec {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin?: string;
  uid: number;
  gid: number;
  groups: number[];
  write(stream: "stdout" | "stderr", text: string): void;
}

/** Resolves and runs executables inside a container (container start, exec, shells running binaries). */
export interface Launcher {
  /**
   * Finds argv[0] as execve would (a path, or a name searched in PATH). Errors are the OCI
   * runtime's: "executable file not found in $PATH", "permission denied", "is a directory".
   */
  resolve(argv0: string, env: Record<string, string>, cwd: string): { path: string; program: string } | { error: string };
  /** Runs a resolved program in an existing process (execve): same pid, new argv. */
  execIn(ctx: ProgramContext, argv: string[], env?: Record<string, string>): Promise<number>;
  /** Starts a new process on its own task (a container's main process, an exec). */
  spawn(spec: ProcessSpec, ppid: number): { entry: ProcessEntry; task: Task; exit: Promise<number>; start(): Promise<void> };
}

/** What a running program can do. */
export interface ProgramContext {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: string;
  readonly container: ContainerContext;
  readonly process: ProcessEntry;
  readonly task: Task;
  out(text: string): void;
  err(text: string): void;
  /** Virtual ms now. */
  now(): number;
  sleep(ms: number): Promise<void>;
  suspend<T>(): Suspension<T>;
  /** Installs a signal handler ("TERM", "QUIT", 15, ...). The handler runs inside the process. */
  onSignal(signal: string | number, handler: (sig: number) => void): void;
  /**
   * Waits until one of the signals arrives; resolves with the exit status mapped to it
   * (`{ TERM: 0, QUIT: 0 }`), after running `before` for the signal received.
   */
  untilSignal(exits: Record<string, number>, before?: (sig: number) => void): Promise<number>;
  /** Sets this process's memory (bytes) and CPU (millicores) use. */
  setResources(memoryBytes: number, cpuMilli?: number): void;
  /** Listens on a port of the pod's network namespace. Throws AddressInUseError. */
  listen(port: number, handlers: Pick<Listener, "http" | "raw" | "grpcHealth" | "onConnect"> & { address?: string; protocol?: Listener["protocol"] }): () => void;
  /** An HTTP request from this container. */
  http(url: { host: string; port: number; path: string; method?: string; headers?: Record<string, string>; timeoutMs?: number; proto?: string }): ReturnType<PodNetwork["http"]>;
  /** Formats a virtual time as a Date (for log timestamps). */
  date(atMs?: number): Date;
}

/** A copy of a context with other fields (the same methods): `{ ...ctx }` would lose them. */
export function withContext(ctx: ProgramContext, fields: Partial<Pick<ProgramContext, "argv" | "env" | "cwd" | "stdin">>): ProgramContext {
  return Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as ProgramContext, ctx, fields);
}

/** A modelled executable. */
export interface Program {
  readonly name: string;
  /** How signals nobody handled end it (Go programs exit 2 as PID 1). */
  readonly signalStyle?: SignalStyle;
  run(ctx: ProgramContext): Promise<number>;
}

/** A server's request handler with its own access log. */
export type HttpHandler = (req: HttpRequest) => HttpResponse;
