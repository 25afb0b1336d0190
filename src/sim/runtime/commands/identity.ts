/** Who and where a process is: id, whoami, hostname, uname, nproc, getent. */
import { defineCommand, type Command } from "just-bash";
import { type CommandEnv, fail, groupName, ok, shortFlags, userName } from "./util";

const KERNEL = "6.1.0-28-amd64";
const KERNEL_VERSION = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)";

export function identityCommands(env: CommandEnv): Command[] {
  const { ctx, flavour } = env;
  const busybox = flavour.tools === "busybox";
  const named = (id: number, name: string | undefined) => (name ? `${id}(${name})` : String(id));

  const id = defineCommand("id", async (args) => {
    const { flags, rest } = shortFlags(args);
    if (rest.length > 0) return fail(busybox ? `id: unknown user ${rest[0]}` : `id: ‘${rest[0]}’: no such user`);
    const p = ctx.process;
    const names = flags.has("n");
    if (flags.has("u")) return ok(`${names ? (userName(env, p.uid) ?? p.uid) : p.uid}\n`);
    if (flags.has("g")) return ok(`${names ? (groupName(env, p.gid) ?? p.gid) : p.gid}\n`);
    if (flags.has("G")) return ok(`${p.groups.map((g) => (names ? (groupName(env, g) ?? g) : g)).join(" ")}\n`);
    const groups = p.groups.map((g) => named(g, groupName(env, g))).join(",");
    return ok(`uid=${named(p.uid, userName(env, p.uid))} gid=${named(p.gid, groupName(env, p.gid))}${groups ? ` groups=${groups}` : ""}\n`);
  });

  const whoami = defineCommand("whoami", async () => {
    const name = userName(env, ctx.process.uid);
    if (name) return ok(`${name}\n`);
    return fail(busybox ? `whoami: unknown uid ${ctx.process.uid}` : `whoami: cannot find name for user ID ${ctx.process.uid}`);
  });

  const hostname = defineCommand("hostname", async (args) => {
    const pod = ctx.container.pod;
    const name = ctx.container.fs.readText("/etc/hostname")?.trim() || pod.hostname;
    if (args.includes("-i")) return ok(`${pod.ip}\n`);
    if (args.includes("-I")) return ok(`${pod.ip} \n`);
    if (args.includes("-f") || args.includes("--fqdn")) {
      const hosts = ctx.container.fs.readText("/etc/hosts") ?? "";
      const line = hosts.split("\n").find((l) => l.startsWith(pod.ip));
      return ok(`${line?.split(/\s+/)[1] ?? name}\n`);
    }
    if (args.includes("-s")) return ok(`${name.split(".")[0]}\n`);
    if (args.length > 0 && !args[0].startsWith("-")) return fail(busybox ? "hostname: sethostname: Operation not permitted" : "hostname: you must be root to change the host name");
    return ok(`${name}\n`);
  });

  const uname = defineCommand("uname", async (args) => {
    const { flags } = shortFlags(args);
    const host = ctx.container.pod.hostname;
    const parts: string[] = [];
    const all = flags.has("a");
    if (all || flags.has("s") || flags.size === 0) parts.push("Linux");
    if (all || flags.has("n")) parts.push(host);
    if (all || flags.has("r")) parts.push(KERNEL);
    if (all || flags.has("v")) parts.push(KERNEL_VERSION);
    if (all || flags.has("m")) parts.push("x86_64");
    if (all || flags.has("o")) parts.push("GNU/Linux");
    return ok(parts.join(" ") + "\n");
  });

  const nproc = defineCommand("nproc", async () => ok(`${ctx.container.node.cpus}\n`));

  const getent = defineCommand("getent", async (args) => {
    const [db, key] = args;
    const fs = ctx.container.fs;
    if (db === "passwd" || db === "group") {
      const lines = (fs.readText(`/etc/${db}`) ?? "").split("\n").filter((l) => l && (!key || l.split(":")[0] === key || l.split(":")[2] === key));
      return lines.length ? ok(lines.join("\n") + "\n") : { stdout: "", stderr: "", exitCode: 2 };
    }
    if (db === "hosts" || db === "ahosts") {
      if (!key) return ok(fs.readText("/etc/hosts") ?? "");
      const r = ctx.container.net.resolve(key, ctx.container.netns, { hostsFile: fs.readText("/etc/hosts"), resolvConf: fs.readText("/etc/resolv.conf") });
      return "ip" in r ? ok(`${r.ip.padEnd(15)} ${key}\n`) : { stdout: "", stderr: "", exitCode: 2 };
    }
    return fail(`Unknown database: ${db ?? ""}`);
  });

  return [id, whoami, hostname, uname, nproc, getent];
}
