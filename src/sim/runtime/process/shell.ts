/**
 * The shell and tool programs: a simulated process that interprets shell (busybox ash, dash, bash)
 * with just-bash over the container's filesystem, on the virtual clock. Tools of the image's
 * userland (cat, sleep, wget, ...) run as a one-command shell, the way busybox applets share one
 * binary. A shell that never blocks is stopped after a bounded number of commands.
 */
import { Bash, type BashOptions } from "just-bash";
import { RUNTIME_DATA } from "../data";
import { withContext, type Program, type ProgramContext } from "../programs/program";
import { newShellState, shellCommands } from "../commands";
import { FLAVOURS, rewriteDiagnostics, type ShellFlavour, type ShellKind } from "./flavour";
import { ScriptTransform, type TransformOptions } from "./script-transform";
import { resolveAgainst } from "../vfs/paths";

/** Wall-clock limits never decide anything: the virtual clock and the runaway bound do. */
const LIMITS: NonNullable<BashOptions["executionLimits"]> = {
  maxExecutionTimeMs: Infinity,
  maxCommandCount: Infinity,
  maxLoopIterations: Infinity,
  maxExtensionCleanupTimeMs: Infinity,
};

/** The flavour a tool of this container words its errors in. */
export function flavourOf(ctx: ProgramContext, kind?: ShellKind): ShellFlavour {
  if (kind) return FLAVOURS[kind];
  return ctx.container.userland === "busybox" ? FLAVOURS.ash : FLAVOURS.dash;
}

/** Quotes argv for a shell command line. */
export function shellQuote(args: string[]): string {
  return args.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

/** Runs a script in the process; resolves with its exit status. */
export async function runScript(ctx: ProgramContext, script: string, flavour: ShellFlavour, opts: TransformOptions): Promise<number> {
  const entry = ctx.process;
  const controller = new AbortController();
  let runaway = false;
  const limit = RUNTIME_DATA.maxCommandsWithoutBlocking;
  const task = ctx.task;
  const shell = newShellState(() => controller.abort());
  const bash = new Bash({
    fs: ctx.container.fs,
    cwd: ctx.cwd,
    env: { ...ctx.env },
    sleep: (ms) => ctx.sleep(ms),
    customCommands: shellCommands(ctx, flavour, shell),
    executionLimits: LIMITS,
    defenseInDepth: false,
    processInfo: { pid: entry.pid, ppid: entry.ppid, uid: entry.uid, gid: entry.gid },
  });
  bash.registerTransformPlugin(new ScriptTransform({ ...opts, stream: true }));
  const raw = entry.write;
  entry.write = (stream, text) => raw(stream, stream === "stderr" ? rewriteDiagnostics(text, flavour) : text);
  const offKill = task.onKill(() => controller.abort());
  try {
    // The interpreter checks its abort signal before every statement: counting those checks bounds a
    // loop that never blocks, deterministically (wall-clock limits are off).
    const signal = new Proxy(controller.signal, {
      get(target, prop) {
        if (prop === "aborted") {
          if (++task.workSinceBlock > limit && !runaway) {
            runaway = true;
            controller.abort();
          }
          return target.aborted;
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const r = await bash.exec(script, { signal, rawScript: true, stdin: ctx.stdin });
    if (r.stdout) raw("stdout", r.stdout);
    if (r.stderr && !/^bash: execution aborted\n?$/.test(r.stderr)) entry.write("stderr", r.stderr);
    if (runaway) {
      raw("stderr", RUNTIME_DATA.runawayMessage + "\n");
      return RUNTIME_DATA.runawayExitCode;
    }
    const status = shell.exitStatus ?? r.exitCode;
    const onExit = shell.traps.get(0);
    if (onExit && !task.dead) {
      const t = await bash.exec(onExit, { rawScript: true });
      if (t.stdout) raw("stdout", t.stdout);
      if (t.stderr) entry.write("stderr", t.stderr);
    }
    return status;
  } finally {
    offKill();
    entry.write = raw;
  }
}

/** Parses `sh [-exu] [-c script [name [args...]] | file [args...]]`. */
function parseShellArgs(argv: string[]): { options: string[]; command?: string; file?: string; positional: string[] } {
  const options: string[] = [];
  let wantsCommand = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const ch of a.slice(1)) {
      if (ch === "c") wantsCommand = true;
      else if ("exuvf".includes(ch) && a[0] === "-") options.push(ch);
    }
  }
  if (wantsCommand) return { options, command: argv[i] ?? "", positional: argv.slice(i + 2) };
  if (i < argv.length) return { options, file: argv[i], positional: argv.slice(i + 1) };
  return { options, positional: [] };
}

const shells = new Map<ShellKind, Program>();

/** The shell program of a flavour (busybox ash, dash, bash). */
export function shellProgram(kind: ShellKind): Program {
  let p = shells.get(kind);
  if (p) return p;
  p = {
    name: kind,
    async run(ctx) {
      const flavour = FLAVOURS[kind];
      const args = parseShellArgs(ctx.argv);
      ctx.setResources(RUNTIME_DATA.baseMemory.shell);
      if (args.command !== undefined) {
        if (args.command === "" && ctx.argv.length <= 2) {
          ctx.err(kind === "bash" ? "bash: -c: option requires an argument\n" : kind === "dash" ? "sh: 0: -c requires an argument\n" : "sh: -c requires an argument\n");
          return 2;
        }
        const execLone = ctx.container.image.def.shellExecsLoneCommand !== false;
        return runScript(ctx, args.command, flavour, { positional: args.positional, options: args.options, execLoneCommand: execLone });
      }
      if (args.file !== undefined) {
        const path = resolveAgainst(ctx.cwd, args.file);
        const text = ctx.container.fs.readText(path);
        if (text === undefined) {
          ctx.err(
            kind === "bash" ? `bash: ${args.file}: No such file or directory\n` : kind === "dash" ? `sh: 0: cannot open ${args.file}: No such file\n` : `sh: can't open '${args.file}': No such file or directory\n`,
          );
          return kind === "bash" ? 127 : 2;
        }
        return runScript(ctx, text, flavour, { positional: args.positional, options: args.options });
      }
      if (ctx.stdin) return runScript(withContext(ctx, { stdin: "" }), ctx.stdin, flavour, { options: args.options });
      // An interactive shell with its stdin held open (stdin: true) waits for input forever; without
      // stdin it reads end-of-file and exits 0 at once (the classic CrashLoopBackOff of `image: busybox`).
      if (ctx.container.config.stdin && ctx.process.pid === 1) return ctx.untilSignal({});
      return 0;
    },
  };
  shells.set(kind, p);
  return p;
}

const tools = new Map<string, Program>();

/** A tool of the userland (cat, sleep, wget...), run as a one-command shell. */
export function toolProgram(name: string): Program {
  let p = tools.get(name);
  if (p) return p;
  p = {
    name,
    async run(ctx) {
      ctx.setResources(RUNTIME_DATA.baseMemory.tool);
      const argv = [name, ...ctx.argv.slice(1)];
      return runScript(ctx, shellQuote(argv), flavourOf(ctx), {});
    },
  };
  tools.set(name, p);
  return p;
}
