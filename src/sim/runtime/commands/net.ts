/**
 * Network tools over the pod network: busybox wget and nc, curl, nslookup, ping. Each exchange is
 * computed by the fabric at once; the tool then waits the virtual time it took, and words failures
 * as the real tool does.
 */
import { defineCommand, type Command, type ResolvedCommandContext } from "just-bash";
import { curlError, wgetError } from "../../network/client-errors";
import { NETWORK_TIMINGS } from "../../network/data";
import { canonicalHeader, parseUrl, serializeResponse, statusText } from "../../network/http";
import type { HttpOutcome } from "../../network/types";
import { basename } from "../vfs/paths";
import { runChildBlocking } from "./children";
import { runPendingTraps } from "./exec-bridge";
import { type CommandEnv, absPath, fail, ok } from "./util";
import { ncCommand } from "./nc";

/** Kernel connect timeout when a tool sets none (SYN retries give up after ~2 minutes). */
const KERNEL_CONNECT_TIMEOUT_MS = 130_000;

export function netCommands(env: CommandEnv): Command[] {
  const { ctx, flavour } = env;
  const c = ctx.container;
  const dialOpts = () => ({ hostsFile: c.fs.readText("/etc/hosts"), resolvConf: c.fs.readText("/etc/resolv.conf") });

  /** Follows redirects like a client, collecting each hop's outcome. */
  const fetch = (url: string, method: string, headers: Record<string, string>, timeoutMs: number, maxRedirects: number, body?: string) => {
    const hops: { url: string; outcome: HttpOutcome }[] = [];
    let current = url;
    for (let i = 0; i <= maxRedirects; i++) {
      const u = parseUrl(current);
      if (!u) break;
      const outcome = c.net.http(c.netns, { host: u.host, port: u.port, path: u.path, method, headers, body, scheme: u.scheme, timeoutMs, ...dialOpts() });
      hops.push({ url: current, outcome });
      if (!outcome.ok || ![301, 302, 303, 307, 308].includes(outcome.response.status) || i === maxRedirects) break;
      const loc = outcome.response.headers?.["location"];
      if (!loc) break;
      current = loc.startsWith("/") ? `${u.scheme}://${u.host}${u.port === (u.scheme === "https" ? 443 : 80) ? "" : `:${u.port}`}${loc}` : loc;
    }
    return hops;
  };

  const wait = async (ms: number, c2: ResolvedCommandContext, tool = "wget") => {
    if (ms > 0) await runChildBlocking(env, [tool], (child) => child.sleep(ms));
    await runPendingTraps(env, c2);
  };

  const wget = defineCommand("wget", async (args, cc) => {
    let output: string | undefined;
    let quiet = false;
    let spider = false;
    let showHeaders = false;
    let timeoutMs = KERNEL_CONNECT_TIMEOUT_MS;
    const headers: Record<string, string> = { "user-agent": "Wget" };
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const long = (name: string) => (a === name ? args[++i] ?? "" : a.startsWith(`${name}=`) ? a.slice(name.length + 1) : undefined);
      let v: string | undefined;
      if ((v = long("--output-document")) !== undefined) output = v;
      else if (a === "--quiet") quiet = true;
      else if (a === "--spider") spider = true;
      else if (a === "--server-response") showHeaders = true;
      else if ((v = long("--timeout")) !== undefined) timeoutMs = Number(v) * 1000;
      else if ((v = long("--user-agent")) !== undefined) headers["user-agent"] = v;
      else if ((v = long("--header")) !== undefined) headers[v.slice(0, v.indexOf(":")).trim().toLowerCase()] = v.slice(v.indexOf(":") + 1).trim();
      else if (a.startsWith("--")) continue;
      else if (a.startsWith("-") && a.length > 1) {
        // busybox getopt: flags combine ("-qO-"), and O, T, U take the rest of the word or the next one.
        for (let j = 1; j < a.length; j++) {
          const ch = a[j];
          if ("OTUoPY".includes(ch)) {
            const val = a.slice(j + 1) || args[++i] || "";
            if (ch === "O") output = val;
            else if (ch === "T") timeoutMs = Number(val) * 1000;
            else if (ch === "U") headers["user-agent"] = val;
            break;
          }
          if (ch === "q") quiet = true;
          else if (ch === "S") showHeaders = true;
        }
      } else urls.push(a);
    }
    if (urls.length === 0) return fail("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...");
    let stderr = "";
    let stdout = "";
    let elapsed = 0;
    for (const url of urls) {
      const hops = fetch(url, spider ? "HEAD" : "GET", headers, timeoutMs, 20);
      for (const hop of hops) {
        const u = parseUrl(hop.url)!;
        const o = hop.outcome;
        elapsed += o.elapsedMs;
        if (!o.ok) {
          if (o.error !== "nxdomain" && o.error !== "dns-timeout" && !quiet) stderr += `Connecting to ${u.host}${u.host === o.ip ? `:${u.port}` : ""} (${o.ip ?? u.host}:${u.port})\n`;
          stderr += o.error === "timeout" && timeoutMs !== KERNEL_CONNECT_TIMEOUT_MS ? "wget: download timed out\n" : `${wgetError(o.error, u.host, o.ip)}\n`;
          await wait(elapsed, cc);
          return { stdout, stderr, exitCode: 1 };
        }
        if (!quiet) stderr += `Connecting to ${u.host}${u.host === o.ip ? `:${u.port}` : ""} (${o.ip}:${u.port})\n`;
        if (showHeaders) stderr += `  HTTP/1.1 ${o.response.status} ${statusText(o.response.status)}\n${Object.entries(o.response.headers ?? {}).map(([k, v]) => `  ${canonicalHeader(k)}: ${v}\n`).join("")}`;
      }
      const last = hops[hops.length - 1].outcome;
      if (!last.ok) continue;
      const res = last.response;
      if (res.status >= 400 || (res.status >= 300 && res.status < 400)) {
        stderr += `wget: server returned error: HTTP/1.1 ${res.status} ${statusText(res.status)}\n`;
        await wait(elapsed, cc);
        return { stdout, stderr, exitCode: 1 };
      }
      if (spider) {
        if (!quiet) stderr += "remote file exists\n";
        continue;
      }
      const target = output ?? (basename(parseUrl(url)!.path.split("?")[0]) || "index.html");
      const size = res.body.length;
      const bar = (name: string) => `${name.slice(0, 20).padEnd(20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
      if (target === "-") {
        if (!quiet) stderr += "writing to stdout\n";
        stdout += res.body;
        if (!quiet) stderr += `${bar("-")}written to stdout\n`;
      } else {
        const p = absPath(cc, target);
        if (output === undefined && c.fs.lookup(p)) {
          stderr += `wget: can't open '${target}': File exists\n`;
          await wait(elapsed, cc);
          return { stdout, stderr, exitCode: 1 };
        }
        try {
          await c.fs.writeFile(p, res.body);
        } catch (e) {
          stderr += `wget: can't open '${target}': ${/EACCES/.test(String(e)) ? "Permission denied" : /EROFS/.test(String(e)) ? "Read-only file system" : "No such file or directory"}\n`;
          await wait(elapsed, cc);
          return { stdout, stderr, exitCode: 1 };
        }
        if (!quiet) stderr += `saving to '${target}'\n${bar(basename(target))}'${target}' saved\n`;
      }
    }
    await wait(elapsed, cc);
    return { stdout, stderr, exitCode: 0 };
  });

  const curl = defineCommand("curl", async (args, cc) => {
    let silent = false;
    let showError = false;
    let failOnError = false;
    let include = false;
    let head = false;
    let follow = false;
    let verbose = false;
    let output: string | undefined;
    let remoteName = false;
    let method: string | undefined;
    let data: string | undefined;
    let maxTimeMs: number | undefined;
    let connectTimeoutMs: number | undefined;
    let writeOut: string | undefined;
    const headers: Record<string, string> = { "user-agent": "curl/8.11.1", accept: "*/*" };
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const next = () => args[++i] ?? "";
      if (a === "-s" || a === "--silent") silent = true;
      else if (a === "-S" || a === "--show-error") showError = true;
      else if (a === "-f" || a === "--fail") failOnError = true;
      else if (a === "-i" || a === "--include") include = true;
      else if (a === "-I" || a === "--head") head = true;
      else if (a === "-L" || a === "--location") follow = true;
      else if (a === "-v" || a === "--verbose") verbose = true;
      else if (a === "-o" || a === "--output") output = next();
      else if (a === "-O" || a === "--remote-name") remoteName = true;
      else if (a === "-X" || a === "--request") method = next();
      else if (a === "-d" || a === "--data" || a === "--data-raw") data = next();
      else if (a === "-H" || a === "--header") {
        const h = next();
        headers[h.slice(0, h.indexOf(":")).trim().toLowerCase()] = h.slice(h.indexOf(":") + 1).trim();
      } else if (a === "-m" || a === "--max-time") maxTimeMs = Number(next()) * 1000;
      else if (a === "--connect-timeout") connectTimeoutMs = Number(next()) * 1000;
      else if (a === "-w" || a === "--write-out") writeOut = next();
      else if (a === "-A" || a === "--user-agent") headers["user-agent"] = next();
      else if (/^-[sSfiILvkO]+$/.test(a)) {
        silent ||= a.includes("s");
        showError ||= a.includes("S");
        failOnError ||= a.includes("f");
        include ||= a.includes("i");
        head ||= a.includes("I");
        follow ||= a.includes("L");
        verbose ||= a.includes("v");
        remoteName ||= a.includes("O");
      } else if (a.startsWith("-")) continue;
      else urls.push(a);
    }
    if (urls.length === 0) return fail("curl: try 'curl --help' or 'curl --manual' for more information", 2);
    const m = method ?? (head ? "HEAD" : data !== undefined ? "POST" : "GET");
    let stdout = "";
    let stderr = "";
    let elapsed = 0;
    for (const url of urls) {
      const u = parseUrl(url.includes("://") ? url : `http://${url}`);
      if (!u) return fail(`curl: (3) URL rejected: Bad hostname`, 3);
      const hops = fetch(url.includes("://") ? url : `http://${url}`, m, headers, maxTimeMs ?? connectTimeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS, follow ? 50 : 0, data);
      const last = hops[hops.length - 1];
      elapsed += hops.reduce((s, h) => s + h.outcome.elapsedMs, 0);
      const o = last.outcome;
      if (verbose) stderr += `*   Trying ${o.ip ?? u.host}:${u.port}...\n`;
      if (!o.ok) {
        const e = curlError(o.error, parseUrl(last.url)!.host, u.port, o.elapsedMs, maxTimeMs ?? connectTimeoutMs);
        if (!silent || showError) stderr += `${e.message}\n`;
        await wait(elapsed, cc, "curl");
        return { stdout, stderr, exitCode: e.exitCode };
      }
      const res = o.response;
      if (failOnError && res.status >= 400) {
        if (!silent || showError) stderr += `curl: (22) The requested URL returned error: ${res.status}\n`;
        await wait(elapsed, cc, "curl");
        return { stdout, stderr, exitCode: 22 };
      }
      const text = (include || head ? serializeResponse({ ...res, body: "" }).replace(/\r\n\r\n$/, "\r\n\r\n") : "") + (head ? "" : res.body);
      if (output || remoteName) {
        const target = output ?? (basename(u.path.split("?")[0]) || "index.html");
        try {
          await c.fs.writeFile(absPath(cc, target), text);
        } catch {
          stderr += `curl: (23) Failure writing output to destination\n`;
          await wait(elapsed, cc, "curl");
          return { stdout, stderr, exitCode: 23 };
        }
      } else stdout += text;
      if (!silent && (output || remoteName)) {
        stderr += `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${String(res.body.length).padStart(5)}  100 ${String(res.body.length).padStart(5)}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`;
      }
      if (writeOut) stdout += writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/%\{time_total\}/g, (o.elapsedMs / 1000).toFixed(6)).replace(/\\n/g, "\n");
    }
    await wait(elapsed, cc, "curl");
    return { stdout, stderr, exitCode: 0 };
  });

  const nslookup = defineCommand("nslookup", async (args, cc) => {
    const name = args.filter((a) => !a.startsWith("-"))[0];
    if (!name) return fail("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]");
    const conf = c.fs.readText("/etc/resolv.conf") ?? "";
    const r = c.net.resolve(name, c.netns, { hostsFile: "", resolvConf: conf });
    const server = ("nameserver" in r && r.nameserver) || /nameserver\s+(\S+)/.exec(conf)?.[1] || "127.0.0.11";
    const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    if ("error" in r) {
      if (r.error === "dns-timeout") {
        await wait(r.elapsedMs * 2, cc, "nslookup");
        return { stdout: ";; connection timed out; no servers could be reached\n\n", stderr: "", exitCode: 1 };
      }
      await wait(2, cc, "nslookup");
      return { stdout: head + r.tried.map((t) => `** server can't find ${t}: NXDOMAIN\n\n`).join(""), stderr: "", exitCode: 1 };
    }
    await wait(2, cc, "nslookup");
    // A headless Service answers with every ready endpoint; an ExternalName one with a CNAME first.
    const cname = r.alias ? `${r.alias}\tcanonical name = ${r.name}\n` : "";
    const answers = (r.addresses ?? [r.ip]).map((a) => `Name:\t${r.name}\nAddress: ${a}\n`).join("");
    if (flavour.tools === "busybox") return ok(`${head}${cname}${answers}\n`);
    return ok(`${head}${cname}${answers}`);
  });

  const ping = defineCommand("ping", async (args, cc) => {
    const countIdx = args.indexOf("-c");
    const count = countIdx >= 0 ? Number(args[countIdx + 1]) : Infinity;
    const host = args.filter((a, i) => !a.startsWith("-") && args[i - 1] !== "-c" && args[i - 1] !== "-W" && args[i - 1] !== "-i")[0];
    if (!host) return fail("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST");
    const r = c.net.resolve(host, c.netns, dialOpts());
    if ("error" in r) return fail(`ping: bad address '${host}'`);
    // ICMP reaches any address a namespace or a site holds; Service ClusterIPs are not hosts and never answer.
    const alive = !!c.net.namespaceOf(r.ip) || r.ip === c.pod.ip || r.ip.startsWith("127.") || c.net.dial(c.netns, r.ip, 80, { timeoutMs: 1 }).ok || c.net.dial(c.netns, r.ip, 443, { timeoutMs: 1 }).ok;
    const rtt = c.net.namespaceOf(r.ip)?.nodeName === c.node.name || r.ip === c.pod.ip ? NETWORK_TIMINGS.sameNodeRttMs : NETWORK_TIMINGS.crossNodeRttMs;
    ctx.out(`PING ${host} (${r.ip}): 56 data bytes\n`);
    let sent = 0;
    let received = 0;
    const code = await runChildBlocking(env, ["ping", ...args], async (child) => {
      while (sent < count) {
        if (alive) {
          ctx.out(`64 bytes from ${r.ip}: seq=${sent} ttl=${r.ip === c.pod.ip ? 64 : 63} time=${rtt.toFixed(3)} ms\n`);
          received++;
        }
        sent++;
        if (sent < count) await child.sleep(1000);
      }
    });
    const loss = sent ? Math.round((100 * (sent - received)) / sent) : 0;
    let summary = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
    if (received) summary += `round-trip min/avg/max = ${rtt.toFixed(3)}/${rtt.toFixed(3)}/${rtt.toFixed(3)} ms\n`;
    if (code !== 0 && code !== 130 && code !== 143) return { stdout: summary, stderr: "", exitCode: code };
    await runPendingTraps(env, cc);
    return { stdout: summary, stderr: "", exitCode: received ? 0 : 1 };
  });

  const netstat = defineCommand("netstat", async () => {
    const lines = ["Active Internet connections (only servers)", "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name"];
    for (const l of c.netns.list()) {
      const local = `${l.address === "0.0.0.0" ? (l.protocol === "TCP" ? ":::" : "0.0.0.0:") : `${l.address}:`}${l.port}`;
      lines.push(`${l.protocol.toLowerCase().padEnd(5)}       0      0 ${local.padEnd(23)} ${(l.address === "0.0.0.0" ? ":::*" : "0.0.0.0:*").padEnd(23)} LISTEN      ${`${l.owner.pid}/${l.owner.command.split("/").pop()}`.slice(0, 20)}`);
    }
    return ok(lines.join("\n") + "\n");
  });

  const mac = () => `0a:58:${c.pod.ip.split(".").map((n) => Number(n).toString(16).padStart(2, "0")).join(":")}`;
  const ip = defineCommand("ip", async (args) => {
    if (args[0] === "route" || args[0] === "r") return ok(`default via ${c.pod.ip.replace(/\.\d+$/, ".1")} dev eth0 \n${c.pod.ip.replace(/\.\d+$/, ".0")}/24 dev eth0 scope link  src ${c.pod.ip} \n`);
    return ok(
      `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n` +
        `2: eth0@if${(Number(c.pod.ip.split(".")[3]) || 0) + 4}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n    link/ether ${mac()} brd ff:ff:ff:ff:ff:ff\n    inet ${c.pod.ip}/24 brd ${c.pod.ip.replace(/\.\d+$/, ".255")} scope global eth0\n       valid_lft forever preferred_lft forever\n`,
    );
  });
  const ifconfig = defineCommand("ifconfig", async () =>
    ok(
      `eth0      Link encap:Ethernet  HWaddr ${mac().toUpperCase()}  \n          inet addr:${c.pod.ip}  Bcast:${c.pod.ip.replace(/\.\d+$/, ".255")}  Mask:255.255.255.0\n          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n\n` +
        "lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n\n",
    ),
  );

  return [wget, curl, nslookup, ping, netstat, ip, ifconfig, ncCommand(env)];
}
