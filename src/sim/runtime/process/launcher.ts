/**
 * The launcher is execve for simulated containers: it finds an executable the way the OCI runtime
 * and shells do (a path, or a name searched in PATH), decides what runs it (a shell, a tool of the
 * image's userland, a modelled program, a script's `#!` interpreter), and runs it in a process with
 * a ProgramContext. It also delivers signals with the kernel's rules (PID 1 ignores what it does not
 * handle).
 */
import { AddressInUseError } from "../../network/netns";
import type { ContainerContext, Launcher, Program, ProgramContext, ProcessSpec } from "../programs/program";
import { getProgram } from "../programs/registry";
import { canAccess } from "../vfs/container-fs";
import { joinPath, resolveAgainst } from "../vfs/paths";
import type { FileNode } from "../vfs/nodes";
import { storedToText } from "../vfs/content";
import type { ProcessEntry } from "./process-table";
import { killedStatus, signalNumber, terminatesByDefault } from "./signals";
import { KilledError, type Suspension, Task } from "./task";
import { runAs2 } from "./acting";
import { shellProgram, toolProgram } from "./shell";

/** Thrown into a shell's child program when it is killed: the shell sees its exit status. */
export class ChildExit extends Error {
  constructor(readonly status: number) {
    super(`child exited with status ${status}`);
    this.name = "ChildExit";
  }
}

/** A container's launcher. */
export function createLauncher(container: ContainerContext): Launcher {
  return new ContainerLauncher(container);
}

/** One per container, for its life: a class rather than an object of closures. */
class ContainerLauncher implements Launcher {
  constructor(readonly container: ContainerContext) {}

  private get c(): ContainerContext {
    return this.container;
  }

  resolve(argv0: string, env: Record<string, string>, cwd: string): { path: string; program: string } | { error: string } {
    return resolveExecutable(this.c, argv0, env, cwd);
  }

  /** Not async: the program's own promise is returned, so a process blocked for life keeps one frame less. */
  execIn(ctx: ProgramContext, argv: string[], env?: Record<string, string>): Promise<number> {
    try {
      const c = this.c;
      const found = resolveExecutable(c, argv[0], env ?? ctx.env, ctx.cwd);
      if ("error" in found) {
        ctx.err(`${found.error}\n`);
        return Promise.resolve(found.error.includes("not found") ? 127 : 126);
      }
      const program = programFor(c, found.path, found.program);
      if (!program) {
        ctx.err(`exec format error: ${found.path}\n`);
        return Promise.resolve(126);
      }
      ctx.argv = program.argv ?? argv;
      if (env) ctx.env = env;
      ctx.process.argv = program.argv ?? argv;
      ctx.process.handlers.clear();
      ctx.process.signalStyle = program.program.signalStyle ?? "c";
      return program.program.run(ctx);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  spawn(spec: ProcessSpec, ppid: number): SpawnedProcess {
    const c = this.c;
    const pid = c.pidns.allocate();
    const task = new Task(c.scheduler, c.clock, `${c.name}[${pid}]`);
    const entry = newEntry(c, spec, pid, ppid, task);
    task.acting = entry;
    c.pidns.add(entry);
    return new SpawnedProcess(this, entry, task, spec);
  }
}

/**
 * A process started on its own task, until it exits. A class, not closures over the spawn: every
 * container's main process keeps one for life, and a closure each for finishing, exiting and
 * running (with the async frame the body waited in) was a good part of a running pod's memory.
 */
class SpawnedProcess {
  readonly exit: Promise<number>;
  private resolveExit!: (code: number) => void;

  constructor(
    private readonly launcher: ContainerLauncher,
    readonly entry: ProcessEntry,
    readonly task: Task,
    /** What to run; dropped once the process has started. */
    private spec: ProcessSpec | undefined,
  ) {
    this.exit = new Promise<number>((r) => (this.resolveExit = r));
    entry.terminate = terminateOwnTask;
  }

  /** Starts the process's program as its task's first step; settles when it first blocks or exits. */
  start(): Promise<void> {
    return this.task.start(() => this.run());
  }

  /**
   * Runs the program and finishes with its status. Chained rather than awaited, so a process
   * blocked for life holds no suspended frame.
   */
  private run(): Promise<void> {
    const spec = this.spec!;
    this.spec = undefined;
    const c = this.launcher.container;
    let program: Promise<number>;
    try {
      const ctx = makeContext(c, this.entry, this.task, spec.argv, spec.env, spec.cwd, spec.stdin ?? "");
      program = this.launcher.execIn(ctx, spec.argv, spec.env);
    } catch (e) {
      program = Promise.reject(e);
    }
    return program.then(
      (code) => this.finish(code),
      (e: unknown) => this.finish(e instanceof KilledError ? killedStatus(e.signal) : e instanceof ChildExit ? e.status : 1),
    );
  }

  private finish(code: number): void {
    const entry = this.entry;
    if (!entry.exited) {
      entry.exited = true;
      entry.exitCode = code;
    }
    cleanup(this.launcher.container, entry);
    this.resolveExit(entry.exitCode ?? code);
  }
}

/**
 * ProcessEntry.terminate of a process on its own task: one function for all of them (`this` is the
 * entry), not a closure each.
 */
function terminateOwnTask(this: ProcessEntry, status: number, signal: number): Promise<void> | void {
  if (this.exited) return;
  this.exited = true;
  this.exitCode = status;
  return this.task.kill(signal);
}

function newEntry(c: ContainerContext, spec: ProcessSpec, pid: number, ppid: number, task: Task): ProcessEntry {
  return {
    pid,
    ppid,
    argv: spec.argv,
    uid: spec.uid,
    gid: spec.gid,
    groups: spec.groups,
    startedAt: c.clock.now,
    task,
    containerId: c.id,
    exited: false,
    handlers: new Map(),
    signalStyle: "c",
    memoryBytes: 0,
    cpuMilli: 0,
    write: spec.write,
  };
}

/** Closes what a process held: its sockets, its resources. */
function cleanup(c: ContainerContext, entry: ProcessEntry): void {
  const closers = listenerClosers.get(entry);
  if (closers) for (const close of closers) close();
  listenerClosers.delete(entry);
  if (entry.memoryBytes || entry.cpuMilli) {
    entry.memoryBytes = 0;
    entry.cpuMilli = 0;
    c.resourcesChanged();
  }
  c.pidns.remove(entry.pid);
}

const listenerClosers = new WeakMap<ProcessEntry, (() => void)[]>();

/** Finds an executable as execve + PATH search do, with the OCI runtime's error words. */
export function resolveExecutable(c: ContainerContext, argv0: string, env: Record<string, string>, cwd: string): { path: string; program: string } | { error: string } {
  if (!argv0) return { error: `exec: "": executable file not found in $PATH` };
  const candidates: string[] = [];
  if (argv0.includes("/")) candidates.push(resolveAgainst(cwd, argv0));
  else for (const dir of (env.PATH ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").split(":")) if (dir) candidates.push(joinPath(resolveAgainst(cwd, dir), argv0));
  const id = { uid: 0, gid: 0, groups: [] as number[] };
  for (const path of candidates) {
    const node = c.fs.lookup(path);
    if (!node) continue;
    if (node.kind === "dir") {
      if (argv0.includes("/")) return { error: `exec: "${argv0}": is a directory` };
      continue;
    }
    if (node.kind !== "file" || !canAccess(node, id, 1)) {
      if (argv0.includes("/")) return { error: `exec: "${argv0}": permission denied` };
      continue;
    }
    return { path, program: node.program ?? scriptInterpreter(node) };
  }
  if (argv0.includes("/")) return { error: `exec: "${argv0}": stat ${argv0}: no such file or directory` };
  return { error: `exec: "${argv0}": executable file not found in $PATH` };
}

/** "script:<interpreter> [arg]" for a `#!` file, "" for anything else (exec format error). */
function scriptInterpreter(node: FileNode): string {
  const text = storedToText(node.read ? node.read() : node.data);
  if (!text.startsWith("#!")) return "";
  return `script:${text.slice(2).split("\n")[0].trim()}`;
}

/** What runs a resolved executable; `argv` when the interpreter changes it. */
function programFor(c: ContainerContext, path: string, tag: string): { program: Program; argv?: string[] } | undefined {
  if (tag.startsWith("sh:")) return { program: shellProgram(tag.slice(3) as "ash" | "dash" | "bash") };
  if (tag.startsWith("tool:")) return { program: toolProgram(tag.slice(5)) };
  if (tag.startsWith("script:")) {
    const [interp, ...iargs] = tag.slice(7).split(/\s+/);
    const found = interp === "/usr/bin/env" && iargs[0] ? resolveExecutable(c, iargs[0], {}, "/") : resolveExecutable(c, interp, {}, "/");
    if ("error" in found) return undefined;
    const inner = programFor(c, found.path, found.program);
    if (!inner) return undefined;
    const lead = interp === "/usr/bin/env" ? [iargs[0]] : [interp, ...iargs];
    return { program: { name: inner.program.name, signalStyle: inner.program.signalStyle, run: (ctx) => inner.program.run(Object.assign(ctx, { argv: [...lead, path, ...ctx.argv.slice(1)] })) } };
  }
  if (tag === "") return undefined;
  const program = getProgram(tag);
  return program ? { program } : undefined;
}

/**
 * The handler of untilSignal: removes itself from every signal it waits for, then resumes the
 * process with the status of the signal it got. Made by a function and handed back unnamed: every
 * running container's main process keeps one for life, and a function bound to a name of its own
 * may carry a property table for the name.
 */
function signalWaiter(process: ProcessEntry, exits: Record<string, number>, s: Suspension<number>, before: ((sig: number) => void) | undefined): (sig: number) => void {
  return (sig) => {
    let code = 0;
    for (const [name, status] of Object.entries(exits)) if (signalNumber(name) === sig) code = status;
    for (const n of Object.keys(exits)) process.handlers.delete(signalNumber(n)!);
    before?.(sig);
    void s.resume(code);
  };
}

/** The context a program runs with. `onSuspend` sees each point where it blocks (to interrupt it). */
export function makeContext(
  c: ContainerContext,
  entry: ProcessEntry,
  task: Task,
  argv: string[],
  env: Record<string, string>,
  cwd: string,
  stdin: string,
  onSuspend?: (s: Suspension<unknown>) => void,
): ProgramContext {
  entry.handlers.clear();
  return new ProcessContext(c, entry, task, argv, { ...env }, cwd, stdin, onSuspend);
}

/**
 * A ProgramContext. A class, its methods shared: every process of every container has one, and
 * an object of twenty closures each was a good part of a container's memory. `out` and `err` are
 * functions of their own, as programs hand them on as callbacks, made when first asked for: a
 * process blocked for life (pause) may never write.
 */
class ProcessContext implements ProgramContext {
  private outFn: ((text: string) => void) | undefined = undefined;
  private errFn: ((text: string) => void) | undefined = undefined;

  constructor(
    readonly container: ContainerContext,
    readonly process: ProcessEntry,
    readonly task: Task,
    public argv: string[],
    public env: Record<string, string>,
    public cwd: string,
    public stdin: string,
    private readonly onSuspend: ((s: Suspension<unknown>) => void) | undefined,
  ) {}

  get out(): (text: string) => void {
    const process = this.process;
    return (this.outFn ??= (t) => process.write("stdout", t));
  }

  get err(): (text: string) => void {
    const process = this.process;
    return (this.errFn ??= (t) => process.write("stderr", t));
  }

  now(): number {
    return this.container.clock.now;
  }

  sleep(ms: number): Promise<void> {
    const s = this.suspend<void>();
    if (!s.settled) this.task.after(ms, () => s.resume(undefined, true), "sleep");
    return s.promise;
  }

  suspend<T>(): Suspension<T> {
    const s = this.task.suspend<T>();
    this.onSuspend?.(s as Suspension<unknown>);
    return s;
  }

  onSignal(signal: string | number, handler: (sig: number) => void): void {
    const n = typeof signal === "number" ? signal : signalNumber(signal);
    if (n !== undefined) this.process.handlers.set(n, handler);
  }

  untilSignal(exits: Record<string, number>, before?: (sig: number) => void): Promise<number> {
    const s = this.suspend<number>();
    // One handler for all the signals (it finds the status by the signal it gets), not one each.
    const handler = signalWaiter(this.process, exits, s, before);
    for (const name of Object.keys(exits)) this.onSignal(name, handler);
    return s.promise;
  }

  setResources(memoryBytes: number, cpuMilli?: number): void {
    const entry = this.process;
    entry.memoryBytes = memoryBytes;
    if (cpuMilli !== undefined) entry.cpuMilli = cpuMilli;
    this.container.resourcesChanged();
  }

  listen(port: number, handlers: Parameters<ProgramContext["listen"]>[1]): () => void {
    const c = this.container;
    const entry = this.process;
    // Handlers run while the client's step does: they act as this process.
    // Every handler takes at most two arguments: wrapped without a closure per call (probes hit them often).
    const as = <A extends [unknown?, unknown?], R>(fn: ((...a: A) => R) | undefined) => (fn ? (a?: A[0], b?: A[1]) => runAs2(entry, fn as (a?: unknown, b?: unknown) => R, a, b) : undefined);
    const close = c.netns.listen({
      port,
      protocol: handlers.protocol ?? "TCP",
      address: handlers.address ?? "0.0.0.0",
      owner: { containerId: c.id, pid: entry.pid, command: entry.argv[0] },
      http: as(handlers.http),
      raw: as(handlers.raw),
      grpcHealth: as(handlers.grpcHealth),
      onConnect: as(handlers.onConnect),
    });
    const list = listenerClosers.get(entry) ?? [];
    list.push(close);
    listenerClosers.set(entry, list);
    return close;
  }

  http(url: Parameters<ProgramContext["http"]>[0]): ReturnType<ProgramContext["http"]> {
    const c = this.container;
    return c.net.http(c.netns, { ...url, hostsFile: c.fs.readText("/etc/hosts"), resolvConf: c.fs.readText("/etc/resolv.conf") });
  }

  date(atMs?: number): Date {
    return new Date(this.container.epochMs + (atMs ?? this.container.clock.now));
  }
}

/**
 * Runs a program as a child of a shell process: its own pid, the shell's thread of control (the
 * shell waits for it), the shell's output streams. Resolves with its exit status.
 */
export async function runChild(
  c: ContainerContext,
  parent: ProgramContext,
  argv: string[],
  env: Record<string, string>,
  cwd: string,
  stdin: string,
): Promise<number> {
  const pid = c.pidns.allocate();
  const p = parent.process;
  const entry: ProcessEntry = { ...p, pid, ppid: p.pid, argv, startedAt: c.clock.now, exited: false, exitCode: undefined, handlers: new Map(), signalStyle: "c", memoryBytes: 0, cpuMilli: 0, terminate: undefined };
  c.pidns.add(entry);
  let current: Suspension<unknown> | undefined;
  entry.terminate = (status) => {
    if (entry.exited) return;
    entry.exited = true;
    entry.exitCode = status;
    return current?.fail(new ChildExit(status));
  };
  const ctx = makeContext(c, entry, parent.task, argv, env, cwd, stdin, (s) => (current = s));
  let code: number;
  const previous = parent.task.acting;
  parent.task.acting = entry;
  try {
    code = await c.launcher.execIn(ctx, argv, env);
  } catch (e) {
    if (e instanceof KilledError) throw e;
    code = e instanceof ChildExit ? e.status : 1;
  } finally {
    parent.task.acting = previous;
  }
  if (!entry.exited) {
    entry.exited = true;
    entry.exitCode = code;
  }
  cleanup(c, entry);
  return entry.exitCode ?? code;
}

/**
 * Delivers a signal with the kernel's rules. Handlers run inside the process; SIGKILL always kills;
 * an unhandled signal kills anything but PID 1, which ignores it (a Go program as PID 1 exits 2).
 */
export function deliverSignal(entry: ProcessEntry, sig: number): { result: "ok" | "ESRCH"; done: Promise<void> } {
  const ok = (done?: Promise<void> | void) => ({ result: "ok" as const, done: done ?? Promise.resolve() });
  if (entry.exited) return { result: "ESRCH", done: Promise.resolve() };
  if (sig === 0) return ok();
  if (sig === 9) return ok(entry.terminate?.(killedStatus(9), 9));
  const handler = entry.handlers.get(sig);
  // Processes without a thread of their own (/pause of a shared namespace) react at once.
  if (handler) return ok(entry.task ? entry.task.inStep(() => handler(sig), true) : handler(sig));
  if (!terminatesByDefault(sig)) return ok();
  if (entry.signalStyle === "go") return ok(entry.terminate?.(entry.pid === 1 || sig === 3 ? 2 : killedStatus(sig), sig));
  if (entry.pid === 1) return ok();
  return ok(entry.terminate?.(killedStatus(sig), sig));
}

export { AddressInUseError };
