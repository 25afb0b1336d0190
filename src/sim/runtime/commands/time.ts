/** Time commands on the virtual clock: sleep, usleep, date, timeout, uptime. */
import { defineCommand, type Command } from "just-bash";
import { deliverSignal } from "../process/launcher";
import { runChildBlocking } from "./children";
import { runPendingTraps } from "./exec-bridge";
import { DAYS, MONTHS, type CommandEnv, exported, fail, ok, pad2, shortFlags } from "./util";

/** Parses busybox/GNU sleep arguments ("1", "0.5", "2m", "1d", "inf") into ms; undefined when invalid. */
export function parseSleep(arg: string): number | undefined {
  if (/^inf(inity)?$/i.test(arg)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Number(m[1]) * mult;
}

export function timeCommands(env: CommandEnv): Command[] {
  const { ctx, flavour } = env;
  const busybox = flavour.tools === "busybox";
  const sleep = defineCommand("sleep", async (args, c) => {
    if (args.length === 0) {
      return busybox ? fail("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays") : fail("sleep: missing operand\nTry 'sleep --help' for more information.");
    }
    let total = 0;
    for (const a of args) {
      const ms = parseSleep(a);
      if (ms === undefined) return busybox ? fail(`sleep: invalid number '${a}'`) : fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
      total += ms;
    }
    const code = await runChildBlocking(env, ["sleep", ...args], (child) => (total === Infinity ? child.forever() : child.sleep(total)));
    await runPendingTraps(env, c);
    return { stdout: "", stderr: "", exitCode: code };
  });
  const usleep = defineCommand("usleep", async (args, c) => {
    const us = Number(args[0] ?? "0");
    const code = await runChildBlocking(env, ["usleep", ...args], (child) => child.sleep(us / 1000));
    await runPendingTraps(env, c);
    return { stdout: "", stderr: "", exitCode: code };
  });
  const date = defineCommand("date", async (args) => {
    const { values, rest } = shortFlags(args, "dr");
    let at = ctx.container.epochMs + ctx.now();
    const d = values.get("d");
    if (d !== undefined) {
      const parsed = d.startsWith("@") ? Number(d.slice(1)) * 1000 : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(d) ? d : `${d}Z`);
      if (!Number.isFinite(parsed)) return fail(busybox ? `date: invalid date '${d}'` : `date: invalid date ‘${d}’`);
      at = parsed;
    }
    const fmt = rest.find((a) => a.startsWith("+"));
    if (args.includes("-R")) return ok(formatDate(new Date(at), "%a, %d %b %Y %H:%M:%S +0000") + "\n");
    if (args.some((a) => a.startsWith("-I"))) return ok(new Date(at).toISOString().replace(/\.\d{3}Z$/, "+00:00") + "\n");
    return ok(formatDate(new Date(at), fmt ? fmt.slice(1) : "%a %b %e %H:%M:%S %Z %Y") + "\n");
  });
  const timeout = defineCommand("timeout", async (args) => {
    const { values, rest } = shortFlags(args, "sk");
    if (rest.length < 2) return fail(busybox ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS" : "timeout: missing operand");
    const limit = parseSleep(rest[0]);
    if (limit === undefined) return fail(`timeout: invalid time interval '${rest[0]}'`);
    const sig = values.get("s") ?? "TERM";
    const r = await runWithTimeout(env, rest.slice(1), limit, sig);
    return { stdout: "", stderr: "", exitCode: r.timedOut ? (busybox ? 143 : 124) : r.code };
  });
  const uptime = defineCommand("uptime", async () => {
    const now = new Date(ctx.container.epochMs + ctx.now());
    const up = ctx.now() + 3 * 86_400_000 + 4 * 3_600_000;
    const days = Math.floor(up / 86_400_000);
    const hm = `${Math.floor((up % 86_400_000) / 3_600_000)}:${pad2(Math.floor((up % 3_600_000) / 60_000))}`;
    return ok(` ${pad2(now.getUTCHours())}:${pad2(now.getUTCMinutes())}:${pad2(now.getUTCSeconds())} up ${days} days, ${hm.padStart(5)},  0 users,  load average: 0.08, 0.03, 0.01\n`);
  });
  void exported;
  return [sleep, usleep, date, timeout, uptime];
}

/** Runs argv as a child on its own task, killing it with `sig` after `limitMs`. */
async function runWithTimeout(env: CommandEnv, argv: string[], limitMs: number, sig: string): Promise<{ code: number; timedOut: boolean }> {
  const { ctx } = env;
  const p = ctx.process;
  const child = ctx.container.launcher.spawn({ argv, env: { ...ctx.env }, cwd: ctx.cwd, uid: p.uid, gid: p.gid, groups: p.groups, write: (s, t) => p.write(s, t) }, p.pid);
  const s = ctx.suspend<{ code: number; timedOut: boolean }>();
  let timedOut = false;
  const timer = ctx.task.after(limitMs, () => {
    timedOut = true;
    return deliverSignal(child.entry, sigNumber(sig)).done;
  }, "timeout");
  void child.exit.then((code) => {
    timer.cancel();
    void s.resume({ code, timedOut });
  });
  void child.start();
  return s.promise;
}

function sigNumber(s: string): number {
  const n: Record<string, number> = { TERM: 15, KILL: 9, INT: 2, HUP: 1, QUIT: 3 };
  return /^\d+$/.test(s) ? Number(s) : (n[s.replace(/^SIG/, "")] ?? 15);
}

/** strftime for the directives date(1) users reach for. */
export function formatDate(d: Date, fmt: string): string {
  const Y = d.getUTCFullYear();
  const start = Date.UTC(Y, 0, 1);
  const doy = Math.floor((d.getTime() - start) / 86_400_000) + 1;
  return fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case "a": return DAYS[d.getUTCDay()];
      case "A": return ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][d.getUTCDay()];
      case "b": case "h": return MONTHS[d.getUTCMonth()];
      case "B": return ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][d.getUTCMonth()];
      case "c": return formatDate(d, "%a %b %e %H:%M:%S %Y");
      case "C": return String(Math.floor(Y / 100));
      case "d": return pad2(d.getUTCDate());
      case "D": return formatDate(d, "%m/%d/%y");
      case "e": return String(d.getUTCDate()).padStart(2, " ");
      case "F": return formatDate(d, "%Y-%m-%d");
      case "H": return pad2(d.getUTCHours());
      case "I": return pad2(((d.getUTCHours() + 11) % 12) + 1);
      case "j": return String(doy).padStart(3, "0");
      case "k": return String(d.getUTCHours()).padStart(2, " ");
      case "m": return pad2(d.getUTCMonth() + 1);
      case "M": return pad2(d.getUTCMinutes());
      case "n": return "\n";
      case "N": return String(d.getUTCMilliseconds() * 1_000_000).padStart(9, "0");
      case "p": return d.getUTCHours() < 12 ? "AM" : "PM";
      case "R": return formatDate(d, "%H:%M");
      case "s": return String(Math.floor(d.getTime() / 1000));
      case "S": return pad2(d.getUTCSeconds());
      case "t": return "\t";
      case "T": return formatDate(d, "%H:%M:%S");
      case "u": return String(d.getUTCDay() || 7);
      case "w": return String(d.getUTCDay());
      case "y": return pad2(Y % 100);
      case "Y": return String(Y);
      case "z": return "+0000";
      case "Z": return "UTC";
      case "%": return "%";
      default: return `%${c}`;
    }
  });
}
