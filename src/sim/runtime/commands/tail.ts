/**
 * tail, including `-f`: it prints the last lines, then waits for the file to change (it is woken by
 * the write, not by polling) and prints what was appended, until it is killed.
 */
import { defineCommand, type Command } from "just-bash";
import type { FileNode } from "../vfs/nodes";
import { storedToText } from "../vfs/content";
import { runChildBlocking } from "./children";
import { type CommandEnv, absPath, fail, ok, stdinText } from "./util";

function lastLines(text: string, n: number, fromStart: boolean): string {
  const lines = text.split("\n");
  const trailing = text.endsWith("\n");
  if (trailing) lines.pop();
  const pick = fromStart ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n);
  return pick.length ? pick.join("\n") + (trailing || pick.length < lines.length ? "\n" : "") : "";
}

export function tailCommand(env: CommandEnv): Command {
  const { ctx, flavour } = env;
  const busybox = flavour.tools === "busybox";
  const fs = ctx.container.fs;
  return defineCommand("tail", async (args, c) => {
    let n = 10;
    let fromStart = false;
    let follow = false;
    let retry = false;
    let quiet = false;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-f" || a === "--follow") follow = true;
      else if (a === "-F") follow = retry = true;
      else if (a === "-q") quiet = true;
      else if (a === "-n" || a === "--lines") {
        const v = args[++i] ?? "";
        fromStart = v.startsWith("+");
        n = Number(v.replace(/^[+-]/, ""));
        if (!Number.isFinite(n)) return fail(busybox ? `tail: invalid number '${v}'` : `tail: invalid number of lines: ‘${v}’`);
      } else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ""));
      else if (/^-[fFq]+$/.test(a)) {
        follow ||= /[fF]/.test(a);
        retry ||= a.includes("F");
        quiet ||= a.includes("q");
      } else if (a.startsWith("-") && a !== "-") return fail(busybox ? `tail: unrecognized option '${a}'` : `tail: invalid option -- '${a.replace(/^-+/, "")}'`);
      else files.push(a);
    }
    if (files.length === 0) return ok(lastLines(stdinText(c), n, fromStart));
    const headers = files.length > 1 && !quiet;
    let out = "";
    let err = "";
    const open: { name: string; path: string; length: number }[] = [];
    for (const f of files) {
      const p = absPath(c, f);
      const node = fs.lookup(p);
      if (!node || node.kind !== "file") {
        err += busybox ? `tail: can't open '${f}': No such file or directory\n` : `tail: cannot open '${f}' for reading: No such file or directory\n`;
        if (retry) open.push({ name: f, path: p, length: 0 });
        continue;
      }
      const text = fs.readText(p) ?? "";
      if (headers) out += `${out ? "\n" : ""}==> ${f} <==\n`;
      out += lastLines(text, n, fromStart);
      open.push({ name: f, path: p, length: text.length });
    }
    if (!follow) return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
    if (open.length === 0) return fail(err + (busybox ? "tail: no files" : "tail: no files remaining"));
    ctx.out(out);
    if (err) ctx.err(err);
    const code = await runChildBlocking(env, ["tail", ...args], async (child) => {
      for (;;) {
        const s = child.suspend<void>();
        const unwatch: (() => void)[] = [];
        for (const f of open) {
          const node = fs.lookup(f.path);
          if (node?.kind === "file") {
            const fn = node as FileNode;
            fn.watchers ??= new Set();
            const w = () => void s.resume(undefined);
            fn.watchers.add(w);
            unwatch.push(() => fn.watchers?.delete(w));
          }
        }
        // Files that do not exist yet (-F) are looked for again every second, as tail does.
        const missing = open.some((f) => fs.lookup(f.path)?.kind !== "file");
        const timer = missing ? ctx.task.after(1000, () => s.resume(undefined, true), "tail retry") : undefined;
        try {
          await s.promise;
        } finally {
          for (const u of unwatch) u();
          timer?.cancel();
        }
        let chunk = "";
        for (const f of open) {
          const node = fs.lookup(f.path);
          if (node?.kind !== "file") continue;
          const text = storedToText(node.read ? node.read() : node.data);
          if (text.length < f.length) {
            ctx.err(`tail: ${f.name}: file truncated\n`);
            f.length = 0;
          }
          if (text.length > f.length) {
            chunk += (headers ? `\n==> ${f.name} <==\n` : "") + text.slice(f.length);
            f.length = text.length;
          }
        }
        if (chunk) ctx.out(chunk);
      }
    });
    return { stdout: "", stderr: "", exitCode: code };
  });
}
