/**
 * Package managers, far enough for lessons: `apt-get update` / `apt-get install -y curl` on Debian
 * images and `apk add curl` on Alpine install the tools the simulator has (they appear in PATH), after
 * a plausible download time; unknown packages fail with the real messages.
 */
import { defineCommand, type Command } from "just-bash";
import { toolProgram as tagFor } from "../images/rootfs";
import { runChildBlocking } from "./children";
import { type CommandEnv, fail, ok } from "./util";

/** Package → the tools it installs. */
const PACKAGES: Record<string, { tools: string[]; version: string; alpine: string }> = {
  curl: { tools: ["curl"], version: "7.88.1-10+deb12u8", alpine: "8.11.1-r0" },
  wget: { tools: ["wget"], version: "1.21.3-1+b2", alpine: "1.25.0-r0" },
  procps: { tools: ["ps", "top", "free", "pidof", "uptime", "watch"], version: "2:4.0.2-3", alpine: "4.0.4-r2" },
  "iputils-ping": { tools: ["ping"], version: "3:20221126-1+deb12u1", alpine: "20240905-r0" },
  "net-tools": { tools: ["netstat", "ifconfig"], version: "2.10-0.1", alpine: "2.10-r3" },
  iproute2: { tools: ["ip"], version: "6.1.0-3", alpine: "6.11.0-r0" },
  dnsutils: { tools: ["nslookup"], version: "1:9.18.28-1~deb12u2", alpine: "" },
  "bind-tools": { tools: ["nslookup"], version: "", alpine: "9.18.33-r0" },
  "netcat-openbsd": { tools: ["nc"], version: "1.219-1", alpine: "1.226.1.1-r0" },
  bash: { tools: ["bash"], version: "5.2.15-2+b7", alpine: "5.2.37-r0" },
  less: { tools: ["less"], version: "590-2.1~deb12u2", alpine: "668-r0" },
  vim: { tools: ["vi"], version: "2:9.0.1378-2", alpine: "9.1.0707-r0" },
};

export function packageCommands(env: CommandEnv): Command[] {
  const { ctx } = env;
  const fs = ctx.container.fs;
  const pause = (ms: number, name: string) => runChildBlocking(env, [name], (child) => child.sleep(ms));
  const install = (tools: string[], dir: string) => {
    for (const t of tools) {
      const path = `${dir}/${t}`;
      if (fs.lookup(path)) continue;
      fs.writeText(path, "");
      void fs.chmod(path, 0o755);
      const node = fs.lookup(path);
      if (node?.kind === "file") node.program = tagFor(t, ctx.container.shell);
    }
  };
  const root = () => ctx.process.uid === 0;

  const aptGet = defineCommand("apt-get", async (args) => {
    const sub = args.find((a) => !a.startsWith("-"));
    if (!root()) return fail("E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?", 100);
    if (sub === "update") {
      await pause(2400, "apt-get");
      fs.mkdirp("/var/lib/apt/lists", true);
      fs.writeText("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "");
      return ok(
        "Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\nGet:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]\nGet:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]\nGet:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8789 kB]\nGet:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [13.5 kB]\nGet:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [243 kB]\nFetched 9300 kB in 2s (4402 kB/s)\nReading package lists...\n",
      );
    }
    if (sub === "install") {
      const names = args.filter((a) => !a.startsWith("-") && a !== "install");
      let out = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";
      const lists = fs.lookup("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease");
      const installed = (n: string) => !!PACKAGES[n] && PACKAGES[n].tools.every((t) => fs.lookup(`/usr/bin/${t}`));
      // dpkg knows installed packages; anything else needs the package lists `apt-get update` fetches.
      const missing = names.filter((n) => !installed(n) && (!PACKAGES[n] || !PACKAGES[n].version || !lists));
      if (missing.length > 0) return { stdout: out, stderr: `E: Unable to locate package ${missing[0]}\n`, exitCode: 100 };
      const fresh = names.filter((n) => PACKAGES[n].tools.some((t) => !fs.lookup(`/usr/bin/${t}`)));
      for (const n of names.filter((x) => !fresh.includes(x))) out += `${n} is already the newest version (${PACKAGES[n].version}).\n`;
      if (fresh.length) {
        out += `The following NEW packages will be installed:\n  ${fresh.join(" ")}\n0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\n`;
        await pause(1500 * fresh.length, "apt-get");
        for (const n of fresh) {
          out += `Get:1 http://deb.debian.org/debian bookworm/main amd64 ${n} amd64 ${PACKAGES[n].version} [315 kB]\nSelecting previously unselected package ${n}.\nUnpacking ${n} (${PACKAGES[n].version}) ...\nSetting up ${n} (${PACKAGES[n].version}) ...\n`;
          install(PACKAGES[n].tools, "/usr/bin");
        }
      } else out += "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n";
      return ok(out);
    }
    return fail(`E: Invalid operation ${sub ?? ""}`, 100);
  });

  const apk = defineCommand("apk", async (args) => {
    const [sub, ...rest] = args.filter((a) => a !== "--no-cache" && a !== "--update" && a !== "-U");
    if (sub === "update") {
      await pause(900, "apk");
      return ok("fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz\nv3.21.2-57-g3d1e2ad9d7d [https://dl-cdn.alpinelinux.org/alpine/v3.21/main]\nv3.21.2-56-g4bd8b2bec0c [https://dl-cdn.alpinelinux.org/alpine/v3.21/community]\nOK: 25393 distinct packages available\n");
    }
    if (sub === "add") {
      if (!root()) return fail("ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied", 99);
      const unknown = rest.filter((n) => !PACKAGES[n]?.alpine);
      let out = "fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz\n";
      if (unknown.length) return { stdout: out, stderr: unknown.map((n) => `ERROR: unable to select packages:\n  ${n} (no such package):\n    required by: world[${n}]\n`).join(""), exitCode: 1 };
      await pause(800 * rest.length + 900, "apk");
      rest.forEach((n, i) => {
        out += `(${i + 1}/${rest.length}) Installing ${n} (${PACKAGES[n].alpine})\n`;
        install(PACKAGES[n].tools, "/usr/bin");
      });
      return ok(out + `OK: ${12 + rest.length} MiB in ${15 + rest.length} packages\n`);
    }
    return fail("usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]");
  });

  const apt = defineCommand("apt", async (args, c) => {
    const r = await aptGet.execute(args, c);
    return { ...r, stderr: "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n" + r.stderr };
  });

  return [aptGet, apt, apk];
}
