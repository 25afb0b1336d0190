/** Processes: ps, kill, killall, pidof, top, free — over the container's PID namespace. */
import { defineCommand, type Command } from "just-bash";
import type { ProcessEntry } from "../process/process-table";
import { SIGNALS, signalNumber } from "../process/signals";
import { runChildBlocking } from "./children";
import { type CommandEnv, fail, ok, pad2, userName } from "./util";

/** The command line ps shows ("sleep 3600", "nginx: master process nginx -g daemon off;"). */
function cmdline(p: ProcessEntry): string {
  return p.argv.join(" ");
}

function cpuTime(p: ProcessEntry, now: number): string {
  const secs = Math.floor(((now - p.startedAt) * p.cpuMilli) / 1000 / 1000);
  return `${Math.floor(secs / 60)}:${pad2(secs % 60)}`;
}

export function procCommands(env: CommandEnv): Command[] {
  const { ctx, flavour } = env;
  const busybox = flavour.tools === "busybox";
  const c = ctx.container;
  const user = (uid: number) => userName(env, uid) ?? String(uid);

  /** Runs `fn` with this command listed as a process of its own (ps lists itself). */
  const asProcess = async <T>(argv: string[], fn: () => T): Promise<T> => {
    let out!: T;
    await runChildBlocking(env, argv, async () => {
      out = fn();
    });
    return out;
  };

  const ps = defineCommand("ps", async (args) =>
    asProcess(["ps", ...args], () => {
      const procs = c.pidns.list();
      const now = c.clock.now;
      if (busybox) {
        const lines = ["PID   USER     TIME  COMMAND"];
        for (const p of procs) lines.push(`${String(p.pid).padStart(5)} ${user(p.uid).slice(0, 8).padEnd(8)} ${cpuTime(p, now).padStart(5)} ${cmdline(p)}`);
        return ok(lines.join("\n") + "\n");
      }
      const wide = args.some((a) => /^-?[a-z]*(aux|ef|e)/.test(a));
      if (args.some((a) => a.includes("u") && !a.startsWith("-"))) {
        const lines = ["USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND"];
        const memTotal = c.node.memoryBytes;
        for (const p of procs) {
          const rssK = Math.round(p.memoryBytes / 1024);
          const start = new Date(c.epochMs + p.startedAt);
          const stat = p.pid === 1 ? "Ss" : p.memoryBytes > 10_000_000 ? "Sl" : "S";
          lines.push(
            `${user(p.uid).slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${(p.cpuMilli / 10).toFixed(1).padStart(4)} ${((100 * p.memoryBytes) / memTotal).toFixed(1).padStart(4)} ${String(rssK * 3 + 2000).padStart(6)} ${String(rssK).padStart(5)} ?        ${stat.padEnd(4)} ${pad2(start.getUTCHours())}:${pad2(start.getUTCMinutes())}   ${cpuTime(p, now)} ${cmdline(p)}`,
          );
        }
        return ok(lines.join("\n") + "\n");
      }
      if (wide) {
        const lines = ["UID          PID    PPID  C STIME TTY          TIME CMD"];
        for (const p of procs) {
          const start = new Date(c.epochMs + p.startedAt);
          lines.push(`${user(p.uid).slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${pad2(start.getUTCHours())}:${pad2(start.getUTCMinutes())} ?        00:00:00 ${cmdline(p)}`);
        }
        return ok(lines.join("\n") + "\n");
      }
      const lines = ["    PID TTY          TIME CMD"];
      for (const p of procs) if (p.uid === ctx.process.uid) lines.push(`${String(p.pid).padStart(7)} ?        00:00:00 ${(p.argv[0] ?? "").split("/").pop()!.slice(0, 15)}`);
      return ok(lines.join("\n") + "\n");
    }),
  );

  const killErr = (pid: string, what: "ESRCH" | "EPERM") => {
    const text = what === "ESRCH" ? "No such process" : "Operation not permitted";
    if (busybox) return `kill: can't kill pid ${pid}: ${text}\n`;
    if (flavour.kind === "bash") return `bash: line 1: kill: (${pid}) - ${text}\n`;
    return `sh: 1: kill: ${text}\n`;
  };

  const kill = defineCommand("kill", async (args) => {
    if (args[0] === "-l" || args[0] === "-L") {
      if (args[1]) {
        const n = Number(args[1]);
        const name = Object.entries(SIGNALS).find(([, v]) => v === (n > 128 ? n - 128 : n))?.[0];
        return name ? ok(`${name}\n`) : fail(`kill: unknown signal '${args[1]}'`);
      }
      return ok(Object.keys(SIGNALS).join(" ") + "\n");
    }
    let sig = 15;
    let rest = args;
    if (args[0] === "-s" || args[0] === "-n") {
      const n = signalNumber(args[1] ?? "");
      if (n === undefined) return fail(`kill: bad signal name '${args[1] ?? ""}'`);
      sig = n;
      rest = args.slice(2);
    } else if (args[0]?.startsWith("-") && args[0] !== "--") {
      const n = signalNumber(args[0].slice(1));
      if (n === undefined) return fail(busybox ? `kill: bad signal name '${args[0].slice(1)}'` : `kill: invalid signal specification`);
      sig = n;
      rest = args.slice(1);
    }
    if (rest[0] === "--") rest = rest.slice(1);
    if (rest.length === 0) return fail(busybox ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID..." : "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]", busybox ? 1 : 2);
    let stderr = "";
    let code = 0;
    for (const pid of rest) {
      const n = Number(pid);
      const r = Number.isInteger(n) ? c.kill(n, sig, ctx.process) : "ESRCH";
      if (r !== "ok") {
        stderr += killErr(pid, r);
        code = 1;
      }
    }
    return { stdout: "", stderr, exitCode: code };
  });

  const byName = (name: string) => c.pidns.list().filter((p) => (p.argv[0] ?? "").split("/").pop() === name || (p.argv[0] ?? "").startsWith(`${name}:`));

  const killall = defineCommand("killall", async (args) => {
    let sig = 15;
    const names = args.filter((a) => {
      if (a.startsWith("-")) {
        sig = signalNumber(a.slice(1)) ?? 15;
        return false;
      }
      return true;
    });
    let stderr = "";
    for (const n of names) {
      const procs = byName(n);
      if (procs.length === 0) stderr += `killall: ${n}: no process killed\n`;
      for (const p of procs) c.kill(p.pid, sig, ctx.process);
    }
    return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
  });

  const pidof = defineCommand("pidof", async (args) => {
    const pids = args.flatMap((n) => byName(n).map((p) => p.pid)).sort((a, b) => b - a);
    return pids.length ? ok(pids.join(" ") + "\n") : { stdout: "", stderr: "", exitCode: 1 };
  });

  const memLines = () => {
    const total = Math.floor(c.node.memoryBytes / 1024);
    const used = Math.floor(total * 0.18) + Math.floor(c.pidns.list().reduce((s, p) => s + p.memoryBytes, 0) / 1024);
    const cache = Math.floor(total * 0.22);
    return { total, used, free: total - used - cache, cache };
  };

  const free = defineCommand("free", async (args) => {
    const m = memLines();
    const div = args.includes("-m") ? 1024 : args.includes("-g") ? 1024 * 1024 : 1;
    const f = (n: number) => String(Math.floor(n / div)).padStart(12);
    return ok(
      `               total        used        free      shared  buff/cache   available\nMem:  ${f(m.total)}${f(m.used)}${f(m.free)}${f(4508)}${f(m.cache)}${f(m.free + m.cache)}\nSwap: ${f(0)}${f(0)}${f(0)}\n`,
    );
  });

  const top = defineCommand("top", async (args) => {
    const nIdx = args.findIndex((a) => a === "-n");
    const iterations = nIdx >= 0 ? Number(args[nIdx + 1]) : Infinity;
    const dIdx = args.findIndex((a) => a === "-d");
    const delayMs = (dIdx >= 0 ? Number(args[dIdx + 1]) : busybox ? 5 : 3) * 1000;
    const frame = () => {
      const m = memLines();
      const procs = c.pidns.list();
      const lines = [
        `Mem: ${m.used}K used, ${m.free}K free, 4508K shrd, 98012K buff, ${m.cache}K cached`,
        "CPU:   0% usr   0% sys   0% nic  99% idle   0% io   0% irq   0% sirq",
        `Load average: 0.08 0.03 0.01 1/${procs.length + 180} ${procs[procs.length - 1]?.pid ?? 1}`,
        "  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND",
      ];
      for (const p of procs) {
        const vsz = Math.round(p.memoryBytes / 1024) + 1500;
        lines.push(`${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${user(p.uid).slice(0, 8).padEnd(8)} S    ${String(vsz).padStart(5)}   0%   0 ${String(Math.round(p.cpuMilli / 10)).padStart(3)}% ${cmdline(p)}`);
      }
      return lines.join("\n") + "\n";
    };
    if (iterations === 1) return ok(frame());
    const code = await runChildBlocking(env, ["top", ...args], async (child) => {
      for (let i = 0; i < iterations; i++) {
        ctx.out(frame());
        if (i + 1 < iterations) await child.sleep(delayMs);
      }
    });
    return { stdout: "", stderr: "", exitCode: code };
  });

  return [ps, kill, killall, pidof, free, top];
}
