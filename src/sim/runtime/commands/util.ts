/** Helpers shared by the runtime's shell commands. */
import type { ExecResult, ResolvedCommandContext } from "just-bash";
import { decodeBytesToUtf8 } from "../process/bash-compat";
import type { ProgramContext } from "../programs/program";
import type { ShellFlavour } from "../process/flavour";

/** What every runtime command is built with: its process and its shell's flavour. */
export interface CommandEnv {
  ctx: ProgramContext;
  flavour: ShellFlavour;
  shell: ShellState;
}

export function ok(stdout = "", stderr = ""): ExecResult {
  return { stdout, stderr, exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ""): ExecResult {
  return { stdout, stderr: stderr.endsWith("\n") || stderr === "" ? stderr : stderr + "\n", exitCode };
}

export function stdinText(c: ResolvedCommandContext): string {
  return decodeBytesToUtf8(c.stdin);
}

export function absPath(c: ResolvedCommandContext, p: string): string {
  return c.fs.resolvePath(c.cwd, p);
}

/** The exported environment of the calling shell. */
export function exported(c: ResolvedCommandContext): Record<string, string> {
  return { ...(c.exportedEnv ?? {}) };
}

/** /etc/passwd and /etc/group lookups. */
export function userName(env: CommandEnv, uid: number): string | undefined {
  return lookupDb(env, "/etc/passwd", 2, String(uid));
}

export function groupName(env: CommandEnv, gid: number): string | undefined {
  return lookupDb(env, "/etc/group", 2, String(gid));
}

export function userByName(env: CommandEnv, name: string): { uid: number; gid: number; home: string } | undefined {
  const text = env.ctx.container.fs.readText("/etc/passwd") ?? "";
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f[0] === name && f.length >= 6) return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] };
  }
  return undefined;
}

function lookupDb(env: CommandEnv, file: string, field: number, value: string): string | undefined {
  const text = env.ctx.container.fs.readText(file) ?? "";
  for (const line of text.split("\n")) {
    const f = line.split(":");
    if (f[field] === value) return f[0];
  }
  return undefined;
}

/** Splits combined short options: ["-la", "x"] → flags {l, a}, rest ["x"]. */
export function shortFlags(args: string[], withValue = ""): { flags: Set<string>; values: Map<string, string>; rest: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (withValue.includes(ch)) {
          values.set(ch, a.slice(j + 1) || args[++i] || "");
          break;
        }
        flags.add(ch);
      }
    } else rest.push(a);
  }
  return { flags, values, rest };
}

/** Month abbreviations, as C's %b. */
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export const pad2 = (n: number) => String(n).padStart(2, "0");

/** What a shell process keeps besides its interpreter: traps, background jobs, an exit request. */
export interface ShellState {
  /** Trap actions by signal number (0 = EXIT); "" ignores the signal. */
  traps: Map<number, string>;
  /** Trapped signals received and not yet acted on. */
  pending: number[];
  /** Background jobs started with `&`. */
  jobs: Set<{ pid: number; exit: Promise<number> }>;
  /** Set when a trap action ran `exit`: the shell ends with this status. */
  exitStatus?: number;
  /** Stops the interpreter (a trap exited the shell). */
  stop(): void;
  /** A `wait` that a trapped signal should interrupt. */
  interruptWait?: () => void;
}

export function newShellState(stop: () => void): ShellState {
  return { traps: new Map(), pending: [], jobs: new Set(), stop };
}
