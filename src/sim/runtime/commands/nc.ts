/**
 * busybox nc: as a client it dials, sends its stdin and prints the answer (`-z` only checks the
 * port); with `-l` it listens, answers the first connection with its stdin, prints what the client
 * sent and exits (`-k` keeps listening). An HTTP server built from `while true; do ... | nc -l -p
 * 8080; done` works, and a tcpSocket probe against a plain `nc -l` ends it, as on a real node.
 */
import { defineCommand, type Command } from "just-bash";
import { ncError } from "../../network/client-errors";
import { AddressInUseError } from "../../network/netns";
import { serializeResponse } from "../../network/http";
import type { HttpRequest } from "../../network/types";
import { runChildBlocking } from "./children";
import { runPendingTraps } from "./exec-bridge";
import { type CommandEnv, fail, stdinText } from "./util";

export function ncCommand(env: CommandEnv): Command {
  const { ctx } = env;
  const c = ctx.container;
  return defineCommand("nc", async (args, cc) => {
    let listen = false;
    let keep = false;
    let zero = false;
    let verbose = false;
    let port: number | undefined;
    let timeoutMs: number | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-p") port = Number(args[++i]);
      else if (a === "-w") timeoutMs = Number(args[++i]) * 1000;
      else if (a === "-e") i++;
      else if (/^-[lkzvnp]+$/.test(a)) {
        listen ||= a.includes("l");
        keep ||= a.includes("k");
        zero ||= a.includes("z");
        verbose ||= a.includes("v");
        if (a.endsWith("p")) port = Number(args[++i]);
      } else if (a.startsWith("-")) continue;
      else positional.push(a);
    }
    const input = stdinText(cc);
    if (listen) {
      const p = port ?? Number(positional[positional.length - 1]);
      if (!Number.isInteger(p) || p <= 0) return fail("nc: bad port");
      let received = "";
      let wake: (() => void) | undefined;
      let close: (() => void) | undefined;
      try {
        close = ctx.listen(p, {
          raw: (data) => {
            received += data;
            return { reply: input, close: true };
          },
          onConnect: () => wake?.(),
        });
      } catch (e) {
        if (e instanceof AddressInUseError) return fail("nc: bind: Address in use");
        throw e;
      }
      if (verbose) ctx.err(`listening on [::]:${p} ...\n`);
      const code = await runChildBlocking(env, ["nc", ...args], async (child) => {
        do {
          const s = child.suspend<void>();
          wake = () => void s.resume(undefined);
          await s.promise;
          // The client's data arrives with the connection; print it as nc reads it.
          if (received) ctx.out(received);
          received = "";
        } while (keep);
      }).finally(() => close?.());
      await runPendingTraps(env, cc);
      return { stdout: "", stderr: "", exitCode: code };
    }
    const [host, portText] = positional;
    const dport = Number(portText ?? port);
    if (!host || !Number.isInteger(dport)) return fail("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen");
    const dial = c.net.dial(c.netns, host, dport, { timeoutMs: timeoutMs ?? 130_000, hostsFile: c.fs.readText("/etc/hosts"), resolvConf: c.fs.readText("/etc/resolv.conf") });
    const sleepFor = async (ms: number) => {
      if (ms > 0) await runChildBlocking(env, ["nc", ...args], (child) => child.sleep(ms));
    };
    if (!dial.ok) {
      await sleepFor(dial.elapsedMs);
      return fail(ncError(dial.error, host, dial.ip));
    }
    if (zero) {
      await sleepFor(dial.elapsedMs);
      return { stdout: "", stderr: verbose ? `${host} (${dial.ip}:${dport}) open\n` : "", exitCode: 0 };
    }
    const l = dial.listener;
    let reply = "";
    let hang = false;
    if (l.raw) {
      const r = l.raw(input, dial.source);
      reply = r.reply;
      hang = !!r.hang || !r.close;
    } else if (l.http && /^[A-Z]+ \S+ HTTP\/1\.[01]\r?\n/.test(input)) {
      const req = parseRequest(input, dial.source, { ip: dial.ip, port: dport });
      const res = l.http(req);
      reply = res.hang ? "" : serializeResponse(res);
      hang = !!res.hang;
    } else hang = true;
    await sleepFor(dial.elapsedMs * 2);
    if (hang && timeoutMs === undefined) {
      if (reply) ctx.out(reply);
      const code = await runChildBlocking(env, ["nc", ...args], (child) => child.forever());
      return { stdout: "", stderr: "", exitCode: code };
    }
    if (hang && timeoutMs !== undefined) await sleepFor(timeoutMs);
    return { stdout: reply, stderr: "", exitCode: 0 };
  });
}

function parseRequest(text: string, from: HttpRequest["from"], to: HttpRequest["to"]): HttpRequest {
  const [head, ...bodyParts] = text.split(/\r?\n\r?\n/);
  const [requestLine, ...headerLines] = head.split(/\r?\n/);
  const [method, path, proto] = requestLine.split(" ");
  const headers: Record<string, string> = {};
  for (const h of headerLines) if (h.includes(":")) headers[h.slice(0, h.indexOf(":")).trim().toLowerCase()] = h.slice(h.indexOf(":") + 1).trim();
  return { method, path, proto: proto ?? "HTTP/1.0", headers, body: bodyParts.join("\n\n"), scheme: "http", from, to };
}
