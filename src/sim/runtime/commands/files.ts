/**
 * File tools that need the runtime's filesystem: cat (busybox's wording), touch (virtual mtimes),
 * ls (owners, modes and dates as busybox and GNU print them), chown, mktemp, yes.
 */
import { defineCommand, type Command, type ResolvedCommandContext } from "just-bash";
import { errnoOf, STRERROR } from "../vfs/errors";
import { modeString } from "../vfs/nodes";
import { joinPath } from "../vfs/paths";
import { type CommandEnv, MONTHS, absPath, fail, groupName, ok, pad2, shortFlags, stdinText, userByName, userName } from "./util";

export function fileCommands(env: CommandEnv): Command[] {
  const { ctx, flavour } = env;
  const busybox = flavour.tools === "busybox";
  const fs = ctx.container.fs;

  const cat = defineCommand("cat", async (args, c) => {
    const { flags, rest } = shortFlags(args);
    const files = rest.length === 0 ? ["-"] : rest;
    let out = "";
    let err = "";
    for (const f of files) {
      if (f === "-") {
        out += stdinText(c);
        continue;
      }
      const p = absPath(c, f);
      const node = fs.lookup(p);
      if (node?.kind === "dir") {
        err += busybox ? "cat: read error: Is a directory\n" : `cat: ${f}: Is a directory\n`;
        continue;
      }
      try {
        out += await fs.readFile(p);
      } catch (e) {
        const text = STRERROR[errnoOf(e) ?? "ENOENT"] ?? "No such file or directory";
        err += busybox ? `cat: can't open '${f}': ${text}\n` : `cat: ${f}: ${text}\n`;
      }
    }
    if (flags.has("n")) {
      let i = 0;
      out = out.replace(/^(.*)$/gm, (line, _l, offset: number) => (offset === out.length && line === "" ? "" : `${String(++i).padStart(6)}\t${line}`));
    }
    return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
  });

  const touch = defineCommand("touch", async (args, c) => {
    const { flags, rest } = shortFlags(args, "dtr");
    let err = "";
    for (const f of rest) {
      const p = absPath(c, f);
      if (flags.has("c") && !fs.lookup(p)) continue;
      try {
        fs.touch(p);
      } catch (e) {
        const text = STRERROR[errnoOf(e) ?? "ENOENT"];
        err += busybox ? `touch: ${f}: ${text}\n` : `touch: cannot touch '${f}': ${text}\n`;
      }
    }
    if (rest.length === 0) return fail(busybox ? "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE..." : "touch: missing file operand\nTry 'touch --help' for more information.");
    return { stdout: "", stderr: err, exitCode: err ? 1 : 0 };
  });

  const chown = defineCommand("chown", async (args, c) => {
    const { rest } = shortFlags(args);
    const [spec, ...files] = rest;
    if (!spec || files.length === 0) return fail("chown: missing operand");
    const [u, g] = spec.split(/[:.]/);
    const uid = u ? (/^\d+$/.test(u) ? Number(u) : userByName(env, u)?.uid) : undefined;
    const gid = g ? (/^\d+$/.test(g) ? Number(g) : undefined) : undefined;
    if (u && uid === undefined) return fail(busybox ? `chown: unknown user ${u}` : `chown: invalid user: ‘${spec}’`);
    let err = "";
    for (const f of files) {
      try {
        fs.chown(absPath(c, f), uid, gid);
      } catch (e) {
        const text = STRERROR[errnoOf(e) ?? "EPERM"];
        err += busybox ? `chown: ${f}: ${text}\n` : `chown: changing ownership of '${f}': ${text}\n`;
      }
    }
    return { stdout: "", stderr: err, exitCode: err ? 1 : 0 };
  });

  const mktemp = defineCommand("mktemp", async (args) => {
    const { flags, rest } = shortFlags(args, "p");
    const template = rest[0] ?? (busybox ? "/tmp/tmp.XXXXXX" : "/tmp/tmp.XXXXXXXXXX");
    const path = template.replace(/X+$/, (x) => ctx.container.random.chars(x.length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
    const abs = path.startsWith("/") ? path : `/tmp/${path}`;
    try {
      if (flags.has("d")) fs.mkdirp(abs, false, 0o700);
      else fs.writeText(abs, "");
    } catch (e) {
      return fail(`mktemp: failed to create ${flags.has("d") ? "directory" : "file"} via template '${template}': ${STRERROR[errnoOf(e) ?? "EACCES"]}`);
    }
    return ok(`${abs}\n`);
  });

  const yes = defineCommand("yes", async (args) => {
    // Bounded: a real `yes` writes forever into a pipe that stops reading.
    const line = (args.length ? args.join(" ") : "y") + "\n";
    return ok(line.repeat(Math.max(1, Math.floor(65536 / line.length))));
  });

  const ls = defineCommand("ls", async (args, c) => lsCommand(env, c, args));

  return [cat, touch, chown, mktemp, yes, ls];
}

interface Item {
  name: string;
  path: string;
}

function lsCommand(env: CommandEnv, c: ResolvedCommandContext, args: string[]) {
  const { ctx, flavour } = env;
  const busybox = flavour.tools === "busybox";
  const fs = ctx.container.fs;
  const { flags, rest } = shortFlags(args.filter((a) => !a.startsWith("--color")));
  const long = flags.has("l") || flags.has("n") || flags.has("g") || flags.has("o");
  const all = flags.has("a");
  const almost = flags.has("A");
  const targets = rest.length ? rest : ["."];
  const nowMs = ctx.container.epochMs + ctx.now();
  const owner = (uid: number) => (flags.has("n") ? String(uid) : (userName(env, uid) ?? String(uid)));
  const group = (gid: number) => (flags.has("n") ? String(gid) : (groupName(env, gid) ?? String(gid)));
  const dateOf = (mtime: number) => {
    const d = new Date(ctx.container.epochMs + mtime);
    const recent = nowMs - d.getTime() < 182 * 86_400_000 && d.getTime() <= nowMs + 3_600_000;
    const day = String(d.getUTCDate()).padStart(2, " ");
    return `${MONTHS[d.getUTCMonth()]} ${day} ${recent ? `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` : ` ${d.getUTCFullYear()}`}`;
  };
  const decorate = (item: Item) => {
    const st = fs.statEx(item.path, false);
    let name = item.name;
    if (flags.has("F") || flags.has("p")) {
      if (st?.kind === "dir") name += "/";
      else if (flags.has("F") && st?.kind === "symlink") name += "@";
      else if (flags.has("F") && st && st.mode & 0o111) name += "*";
    }
    return name;
  };
  const longLines = (items: Item[]): string[] => {
    const rows = items.map((item) => {
      const st = fs.statEx(item.path, false)!;
      const node = fs.lookup(item.path, false)!;
      let name = decorate(item);
      if (st.kind === "symlink" && node.kind === "symlink") name += ` -> ${node.target}`;
      return { mode: modeString(node), nlink: String(st.nlink), user: owner(st.uid), group: group(st.gid), size: String(st.size), date: dateOf(st.mtime.getTime() - ctx.container.epochMs), name, ino: String(st.ino) };
    });
    if (busybox) {
      return rows.map((r) => `${flags.has("i") ? `${r.ino.padStart(8)} ` : ""}${r.mode.padEnd(10)} ${r.nlink.padStart(4)} ${r.user.slice(0, 8).padEnd(8)} ${r.group.slice(0, 8).padEnd(8)} ${r.size.padStart(9)} ${r.date} ${r.name}`);
    }
    const w = (k: keyof (typeof rows)[number]) => Math.max(0, ...rows.map((r) => r[k].length));
    const [wl, wu, wg, ws] = [w("nlink"), w("user"), w("group"), w("size")];
    return rows.map((r) => `${flags.has("i") ? `${r.ino} ` : ""}${r.mode} ${r.nlink.padStart(wl)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.date} ${r.name}`);
  };
  const sortItems = (items: Item[]) => {
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (flags.has("t")) items.sort((a, b) => (fs.statEx(b.path, false)?.mtime.getTime() ?? 0) - (fs.statEx(a.path, false)?.mtime.getTime() ?? 0));
    if (flags.has("S")) items.sort((a, b) => (fs.statEx(b.path, false)?.size ?? 0) - (fs.statEx(a.path, false)?.size ?? 0));
    if (flags.has("r")) items.reverse();
    return items;
  };
  const render = (items: Item[]) => (long ? longLines(items) : items.map(decorate));

  let out = "";
  let err = "";
  const files: Item[] = [];
  const dirs: Item[] = [];
  for (const t of targets) {
    const p = absPath(c, t);
    const st = fs.statEx(p, true);
    if (!st) {
      err += busybox ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`;
      continue;
    }
    if (st.kind === "dir" && !flags.has("d")) dirs.push({ name: t, path: p });
    else files.push({ name: t, path: p });
  }
  if (files.length) out += render(sortItems(files)).join("\n") + "\n";
  const showHeaders = targets.length > 1 || flags.has("R");
  const listDir = (d: Item, first: boolean) => {
    let entries: string[];
    try {
      entries = fs.listDir(d.path);
    } catch (e) {
      err += busybox ? `ls: can't open '${d.name}': ${STRERROR[errnoOf(e) ?? "EACCES"]}\n` : `ls: cannot open directory '${d.name}': ${STRERROR[errnoOf(e) ?? "EACCES"]}\n`;
      return;
    }
    const items: Item[] = entries.filter((n) => all || almost || !n.startsWith(".")).map((n) => ({ name: n, path: joinPath(d.path, n) }));
    if (all) items.unshift({ name: ".", path: d.path }, { name: "..", path: joinPath(d.path, "..") });
    sortItems(items);
    if (showHeaders) out += `${first && !files.length ? "" : "\n"}${d.name}:\n`;
    if (long) {
      const blocks = items.reduce((s, i) => s + Math.ceil((fs.statEx(i.path, false)?.size ?? 0) / 4096) * 4, 0);
      out += `total ${blocks}\n`;
    }
    const lines = render(items);
    if (lines.length) out += lines.join("\n") + "\n";
    if (flags.has("R")) for (const i of items) if (i.name !== "." && i.name !== ".." && fs.statEx(i.path, false)?.kind === "dir") listDir({ name: joinPath(d.name === "." ? "." : d.name, i.name), path: i.path }, false);
  };
  sortItems(dirs).forEach((d, i) => listDir(d, i === 0));
  return { stdout: out, stderr: err, exitCode: err ? (busybox ? 1 : 2) : 0 };
}

