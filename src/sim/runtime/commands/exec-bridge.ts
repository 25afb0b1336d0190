/**
 * The bridge between the interpreter and the runtime's processes: `__podlab_exec` runs modelled
 * binaries and nested shells as real child processes (own pid, output streamed), replaces the shell
 * on `exec`, starts `&` jobs as background processes, draws `$RANDOM` from the seeded source, and
 * implements the built-ins just-bash lacks (trap, wait, ulimit, umask).
 */
import { defineCommand, type Command, type ResolvedCommandContext } from "just-bash";
import { runChild, makeContext } from "../process/launcher";
import { SIGNALS, signalName, signalNumber } from "../process/signals";
import { notFound } from "../process/flavour";
import { type CommandEnv, exported, fail, ok, stdinText } from "./util";

/** Runs argv as a child process of the shell (a binary, a nested shell). */
export async function runExternal(env: CommandEnv, c: ResolvedCommandContext, argv: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const { ctx } = env;
  const found = ctx.container.launcher.resolve(argv[0], exported(c), c.cwd);
  if ("error" in found) return fail(notFound(argv[0], env.flavour), 127);
  const code = await runChild(ctx.container, ctx, argv, exported(c), c.cwd, stdinText(c));
  await runPendingTraps(env, c);
  return { stdout: "", stderr: "", exitCode: code };
}

/** Runs the actions of trapped signals that arrived (after the command that was running, as sh does). */
export async function runPendingTraps(env: CommandEnv, c: ResolvedCommandContext): Promise<void> {
  const { shell } = env;
  while (shell.pending.length > 0 && shell.exitStatus === undefined) {
    const sig = shell.pending.shift()!;
    const action = shell.traps.get(sig);
    if (!action || !c.exec) continue;
    let finished = false;
    const marker = `__podlab_trap_${env.ctx.process.pid}_${sig}`;
    markers.set(marker, () => (finished = true));
    const r = await c.exec(`${action}\n__podlab_exec --mark ${marker}`, { cwd: c.cwd, env: exported(c) });
    markers.delete(marker);
    if (r.stdout) env.ctx.out(r.stdout);
    if (r.stderr) env.ctx.err(r.stderr);
    if (!finished) {
      shell.exitStatus = r.exitCode;
      shell.stop();
    }
  }
}

const markers = new Map<string, () => void>();

export function execBridge(env: CommandEnv): Command {
  const { ctx } = env;
  return defineCommand("__podlab_exec", async (args, c) => {
    const [first, ...rest] = args;
    switch (first) {
      case "--random":
        return ok(`${ctx.container.random.int(0, 32767)}\n`);
      case "--mark":
        markers.get(rest[0])?.();
        return ok();
      case "--builtin":
        return builtin(env, c, rest[0], rest.slice(1));
      case "--background":
        return background(env, c, rest[0] ?? "");
      case "--replace": {
        // exec: the program takes over this process (same pid, same streams).
        const found = ctx.container.launcher.resolve(rest[0] ?? "", exported(c), c.cwd);
        if ("error" in found) return fail(notFound(rest[0] ?? "", env.flavour), 127);
        const pctx = makeContext(ctx.container, ctx.process, ctx.task, rest, exported(c), c.cwd, stdinText(c));
        const code = await ctx.container.launcher.execIn(pctx, rest, exported(c));
        return { stdout: "", stderr: "", exitCode: code };
      }
      default: {
        // A modelled binary run through its shim: `__podlab_exec "$0" "$@"`. The shell found it in
        // PATH when $0 is a PATH directory plus the name: the process shows the name as typed.
        const path = args[0] ?? "";
        const dir = path.slice(0, path.lastIndexOf("/"));
        const inPath = (exported(c).PATH ?? "").split(":").includes(dir);
        return runExternal(env, c, [inPath ? path.slice(dir.length + 1) : path, ...args.slice(1)]);
      }
    }
  });
}

async function background(env: CommandEnv, c: ResolvedCommandContext, script: string) {
  const { ctx } = env;
  const p = ctx.process;
  const child = ctx.container.launcher.spawn(
    { argv: [env.flavour.kind === "bash" ? "bash" : "sh", "-c", script], env: exported(c), cwd: c.cwd, uid: p.uid, gid: p.gid, groups: p.groups, write: (s, t) => p.write(s, t) },
    p.pid,
  );
  const job = { pid: child.entry.pid, exit: child.exit };
  env.shell.jobs.add(job);
  void child.exit.then(() => env.shell.jobs.delete(job));
  void child.start();
  return ok();
}

async function builtin(env: CommandEnv, c: ResolvedCommandContext, name: string, args: string[]) {
  switch (name) {
    case "trap":
      return trap(env, args);
    case "wait":
      return wait(env, c, args);
    case "ulimit":
      if (args.includes("-a"))
        return ok(
          "core file size (blocks)         (-c) unlimited\ndata seg size (kb)              (-d) unlimited\nscheduling priority             (-e) 0\nfile size (blocks)              (-f) unlimited\npending signals                 (-i) 63452\nmax locked memory (kb)          (-l) 8192\nmax memory size (kb)            (-m) unlimited\nopen files                      (-n) 1048576\npipe size (512 bytes)           (-p) 8\nPOSIX message queues (bytes)    (-q) 819200\nreal-time priority              (-r) 0\nstack size (kb)                 (-s) 8192\ncpu time (seconds)              (-t) unlimited\nmax user processes              (-u) unlimited\nvirtual memory (kb)             (-v) unlimited\nfile locks                      (-x) unlimited\n",
        );
      if (args.includes("-n")) return ok("1048576\n");
      return ok("unlimited\n");
    case "umask":
      return args.length === 0 ? ok("0022\n") : ok();
    default:
      return fail(`${name}: not supported`, 2);
  }
}

function trap(env: CommandEnv, args: string[]) {
  const { shell, ctx } = env;
  if (args[0] === "-l") {
    return ok(Object.entries(SIGNALS).map(([n, v]) => `${String(v).padStart(2)}) SIG${n}`).join("\n") + "\n");
  }
  if (args.length === 0) {
    let out = "";
    for (const [sig, action] of shell.traps) out += `trap -- '${action.replace(/'/g, `'\\''`)}' ${sig === 0 ? "EXIT" : signalName(sig)}\n`;
    return ok(out);
  }
  const action = args.length === 1 ? "-" : args[0];
  const sigs = args.length === 1 ? args : args.slice(1);
  for (const s of sigs) {
    const n = s === "EXIT" ? 0 : signalNumber(s);
    if (n === undefined) return fail(`${env.flavour.name}: trap: ${s}: bad trap`, 1);
    if (action === "-") {
      shell.traps.delete(n);
      ctx.process.handlers.delete(n);
      continue;
    }
    shell.traps.set(n, action);
    if (n === 0) continue;
    ctx.process.handlers.set(n, () => {
      if (action === "") return;
      shell.pending.push(n);
      shell.interruptWait?.();
    });
  }
  return ok();
}

async function wait(env: CommandEnv, c: ResolvedCommandContext, args: string[]) {
  const { shell, ctx } = env;
  const jobs = [...shell.jobs].filter((j) => args.length === 0 || args.includes(String(j.pid)));
  if (jobs.length === 0) {
    await runPendingTraps(env, c);
    return { stdout: "", stderr: "", exitCode: args.length > 0 ? 127 : 0 };
  }
  const s = ctx.suspend<number>();
  shell.interruptWait = () => void s.resume(128 + (shell.pending[0] ?? 0));
  void Promise.all(jobs.map((j) => j.exit)).then((codes) => s.resume(codes[codes.length - 1] ?? 0));
  const code = await s.promise;
  shell.interruptWait = undefined;
  await runPendingTraps(env, c);
  return { stdout: "", stderr: "", exitCode: code };
}
