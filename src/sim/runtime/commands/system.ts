/** env, printenv, df, mount, busybox, and the shells as child processes. */
import { defineCommand, type Command } from "just-bash";
import { shellQuote } from "../process/shell";
import { runExternal } from "./exec-bridge";
import { type CommandEnv, exported, fail, ok } from "./util";

export function systemCommands(env: CommandEnv): Command[] {
  const { ctx, flavour } = env;
  const busybox = flavour.tools === "busybox";

  /** The exported environment in environ order: what the process was started with, then the shell's additions. */
  const environ = (c: Parameters<Parameters<typeof defineCommand>[1]>[1]) => {
    const e = exported(c);
    if (e.OLDPWD === e.PWD) delete e.OLDPWD;
    const ordered: Record<string, string> = {};
    for (const k of Object.keys(ctx.env)) if (k in e) ordered[k] = e[k];
    for (const [k, v] of Object.entries(e)) if (!(k in ordered)) ordered[k] = v;
    return ordered;
  };

  const envCmd = defineCommand("env", async (args, c) => {
    let e = environ(c);
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === "-i" || a === "-" || a === "--ignore-environment") e = {};
      else if (a === "-u") delete e[args[++i]];
      else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) e[a.slice(0, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
      else break;
    }
    if (i < args.length) {
      if (!c.exec) return fail("env: cannot run");
      const r = await c.exec(shellQuote(args.slice(i)), { cwd: c.cwd, env: e, replaceEnv: true });
      return r;
    }
    return ok(Object.entries(e).map(([k, v]) => `${k}=${v}\n`).join(""));
  });

  const printenv = defineCommand("printenv", async (args, c) => {
    const e = environ(c);
    if (args.length === 0) return ok(Object.entries(e).map(([k, v]) => `${k}=${v}\n`).join(""));
    const vals = args.filter((a) => a in e).map((a) => `${e[a]}\n`);
    return { stdout: vals.join(""), stderr: "", exitCode: vals.length === args.length ? 0 : 1 };
  });

  const mounts = () => {
    const list = ctx.container.fs.mountList();
    return [{ path: "/", source: "overlay", fsType: "overlay", readOnly: false }, ...list.filter((m) => m.path !== "/")];
  };

  const mount = defineCommand("mount", async () => {
    const lines = mounts().map((m) => {
      const opts = m.path === "/" ? "rw,relatime,lowerdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs,upperdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/fs,workdir=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/2/work" : `${m.readOnly ? "ro" : "rw"},relatime`;
      return `${m.source ?? "/dev/sda1"} on ${m.path} type ${m.fsType ?? "ext4"} (${opts})`;
    });
    return ok(lines.join("\n") + "\n");
  });

  const df = defineCommand("df", async (args) => {
    const human = args.some((a) => /^-[a-zA-Z]*h/.test(a));
    const size = (k: number) => {
      if (!human) return String(k);
      const units = ["K", "M", "G", "T"];
      let v = k;
      let u = 0;
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
      }
      return busybox ? `${v.toFixed(1)}${units[u]}` : `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
    };
    const disk = { total: 102_626_232, used: 12_902_112 };
    const rows = mounts()
      .filter((m) => !["proc", "sysfs", "mqueue", "devpts", "cgroup2"].includes(m.fsType ?? ""))
      .map((m) => {
        const tmp = m.fsType === "tmpfs";
        const total = tmp ? 65_536 : disk.total;
        const used = tmp ? 0 : disk.used;
        return [m.source ?? "/dev/sda1", size(total), size(used), size(total - used), `${Math.round((100 * used) / total)}%`, m.path];
      });
    const header = busybox ? ["Filesystem", human ? "Size" : "1K-blocks", "Used", "Available", "Use%", "Mounted on"] : ["Filesystem", human ? "Size" : "1K-blocks", "Used", human ? "Avail" : "Available", "Use%", "Mounted on"];
    const all = [header, ...rows];
    const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
    return ok(all.map((r) => r.map((v, i) => (i === 0 || i === 5 ? v.padEnd(w[i]) : v.padStart(w[i]))).join(" ").trimEnd()).join("\n") + "\n");
  });

  const busyboxCmd = defineCommand("busybox", async (args, c) => {
    if (args.length === 0 || args[0] === "--help") {
      return ok("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n");
    }
    if (args[0] === "--list") return ok(ctx.container.fs.listDir("/bin").join("\n") + "\n");
    if (!c.exec) return fail("busybox: cannot run");
    return c.exec(shellQuote(args), { cwd: c.cwd });
  });

  const shells = ["sh", "ash", "dash", "bash"].map((name) => defineCommand(name, async (args, c) => runExternal(env, c, [name, ...args])));

  return [envCmd, printenv, mount, df, busyboxCmd, ...shells];
}
