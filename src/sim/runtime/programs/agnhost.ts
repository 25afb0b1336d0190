/**
 * agnhost, Kubernetes' e2e test binary: one executable with subcommands (pause, netexec,
 * serve-hostname, liveness, test-webserver, grpc-health-checking, logs-generator, dns-suffix,
 * dns-server-list, etc-hosts, entrypoint-tester), each with its real ports, endpoints and log lines.
 */
import type { HttpRequest, HttpResponse } from "../../network/types";
import { RUNTIME_DATA } from "../data";
import { parseResolvConf } from "../../network/fabric";
import type { Program, ProgramContext } from "./program";
import { goDuration, goFlags, goLog, klog, pathOf, queryOf } from "./support";
import { livenessHandler } from "./simple-servers";

const SUBCOMMANDS = ["pause", "netexec", "serve-hostname", "liveness", "test-webserver", "grpc-health-checking", "logs-generator", "dns-suffix", "dns-server-list", "etc-hosts", "entrypoint-tester"];

export const agnhost: Program = {
  name: "agnhost",
  signalStyle: "go",
  async run(ctx) {
    const [sub, ...args] = ctx.argv.slice(1);
    ctx.setResources(8_500_000, RUNTIME_DATA.idleCpuMilli);
    switch (sub) {
      case undefined:
      case "--help":
        ctx.out(`Usage:\n  agnhost [command]\n\nAvailable Commands:\n${SUBCOMMANDS.map((s) => `  ${s}`).join("\n")}\n`);
        return 0;
      case "pause":
        ctx.out("Paused\n");
        return ctx.untilSignal({ INT: 1, TERM: 2 });
      case "netexec":
        return netexec(ctx, args);
      case "serve-hostname":
        return serveHostname(ctx, args);
      case "liveness":
        ctx.listen(8080, { http: livenessHandler(ctx, ctx.now()) });
        return ctx.untilSignal({});
      case "test-webserver":
        return testWebserver(ctx, args);
      case "grpc-health-checking":
        return grpcHealth(ctx, args);
      case "logs-generator":
        return logsGenerator(ctx, args);
      case "dns-suffix":
        ctx.out(parseResolvConf(ctx.container.fs.readText("/etc/resolv.conf") ?? "").search.join(",") + "\n");
        return 0;
      case "dns-server-list":
        ctx.out(parseResolvConf(ctx.container.fs.readText("/etc/resolv.conf") ?? "").nameservers.join(",") + "\n");
        return 0;
      case "etc-hosts":
        ctx.out(ctx.container.fs.readText("/etc/hosts") ?? "");
        return 0;
      case "entrypoint-tester":
        ctx.out(`${JSON.stringify(ctx.argv)}\n`);
        return 0;
      default:
        ctx.err(`Error: unknown command "${sub}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
        return 1;
    }
  },
};

/**
 * The standalone serve_hostname image (registry.k8s.io/serve_hostname), the Debug Services page's
 * backend: agnhost's serve-hostname on 9376 as its own binary.
 */
export const serveHostnameBinary: Program = {
  name: "serve_hostname",
  signalStyle: "go",
  run(ctx) {
    ctx.setResources(4_200_000, RUNTIME_DATA.idleCpuMilli);
    return serveHostname(ctx, ctx.argv.slice(1));
  },
};

function text(status: number, body: string): HttpResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8" }, body };
}

async function netexec(ctx: ProgramContext, args: string[]): Promise<number> {
  const { flags } = goFlags(args);
  const httpPort = Number(flags.get("http-port") ?? "8080");
  const udpPort = Number(flags.get("udp-port") ?? "8081");
  const exit = ctx.suspend<number>();
  const handle = (req: HttpRequest): HttpResponse => {
    const path = pathOf(req.path);
    const q = queryOf(req.path);
    switch (path) {
      case "/":
        goLog(ctx, "GET /");
        return text(200, `NOW: ${nowString(ctx)}`);
      case "/clientip":
        goLog(ctx, "GET /clientip");
        return text(200, `${req.from.ip}:${req.from.port}`);
      case "/hostname":
      case "/hostName":
        goLog(ctx, `GET ${path}`);
        return text(200, ctx.container.pod.hostname);
      case "/healthz":
        goLog(ctx, "GET /healthz");
        return { status: 200, body: "" };
      case "/echo": {
        const msg = q.get("msg") ?? "";
        const code = q.get("code") ?? "";
        goLog(ctx, `GET /echo?msg=${msg}&code=${code}`);
        return text(code ? Number(code) || 200 : 200, msg);
      }
      case "/exit":
      case "/shutdown": {
        const code = path === "/exit" ? Number(q.get("code") ?? "0") : 0;
        goLog(ctx, path === "/exit" ? `GET /exit?code=${q.get("code") ?? ""}&timeout=${q.get("timeout") ?? ""}&wait=${q.get("wait") ?? ""}` : "GET /shutdown");
        void exit.resume(code);
        return { status: 200, body: "", hangUp: path === "/shutdown" };
      }
      case "/redirect": {
        const location = q.get("location") ?? "/";
        return { status: Number(q.get("code") ?? "302"), headers: { location }, body: "" };
      }
      case "/dial": {
        const host = q.get("host") ?? "";
        const port = Number(q.get("port") ?? "0");
        const request = q.get("request") ?? "";
        const tries = Number(q.get("tries") ?? "1");
        goLog(ctx, `GET /dial?host=${host}&protocol=${q.get("protocol") ?? ""}&port=${port}&request=${request}&tries=${tries}`);
        if (!request) return text(400, "request parameter not specified. <nil>\n");
        const responses: string[] = [];
        const errors: string[] = [];
        for (let i = 0; i < tries; i++) {
          const o = ctx.http({ host, port, path: `/${request}`, timeoutMs: 5000 });
          if (o.ok) responses.push(o.response.body);
          else errors.push(`Get "http://${host}:${port}/${request}": ${o.error === "refused" ? `dial tcp ${host}:${port}: connect: connection refused` : "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"}`);
        }
        const out: Record<string, string[]> = {};
        if (responses.length) out.responses = responses;
        if (errors.length) out.errors = errors;
        return text(200, JSON.stringify(out));
      }
      case "/shell":
        goLog(ctx, `GET /shell?cmd=${q.get("cmd") ?? q.get("shellCommand") ?? ""}`);
        return text(200, JSON.stringify({ error: "exec: running commands from /shell is not available in this cluster" }));
      default:
        return text(404, "404 page not found\n");
    }
  };
  ctx.listen(httpPort, { http: handle });
  if (udpPort !== -1) ctx.listen(udpPort, { protocol: "UDP", raw: (d) => ({ reply: d.trim() === "hostname" ? ctx.container.pod.hostname : d.startsWith("echo ") ? d.slice(5) : "", close: true }) });
  goLog(ctx, `Started HTTP server on port ${httpPort}`);
  if (udpPort !== -1) goLog(ctx, `Started UDP server on port  ${udpPort}`);
  return exit.promise;
}

function nowString(ctx: ProgramContext): string {
  const d = ctx.date();
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const ns = p(d.getUTCMilliseconds() * 1_000_000, 9);
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${ns} +0000 UTC m=+${(ctx.now() / 1000 + 0.002).toFixed(9)}`;
}

async function serveHostname(ctx: ProgramContext, args: string[]): Promise<number> {
  const { flags } = goFlags(args, ["tcp", "udp", "http", "close"]);
  const port = Number(flags.get("port") ?? "9376");
  const tcp = flags.get("tcp") === "true";
  const udp = flags.get("udp") === "true";
  const http = flags.get("http") !== "false";
  const hostname = ctx.container.pod.hostname;
  if (http && (tcp || udp)) {
    goLog(ctx, "Can't server TCP/UDP mode and HTTP mode at the same time");
    return 1;
  }
  if (tcp) ctx.listen(port, { raw: (_d, from) => (goLog(ctx, `TCP request from ${from.ip}:${from.port}`), { reply: hostname, close: true }) });
  if (udp) ctx.listen(port, { protocol: "UDP", raw: (_d, from) => (goLog(ctx, `UDP request from ${from.ip}:${from.port}`), { reply: hostname, close: true }) });
  if (http) ctx.listen(port, { http: (req) => (goLog(ctx, `HTTP request from ${req.from.ip}:${req.from.port}`), text(200, hostname)) });
  goLog(ctx, `Serving on port ${port}.`);
  await ctx.untilSignal({ TERM: 0 }, () => {
    goLog(ctx, "Shutting down after receiving signal: terminated.");
    goLog(ctx, "Awaiting pod deletion.");
  });
  await ctx.sleep(60_000);
  return 0;
}

async function testWebserver(ctx: ProgramContext, args: string[]): Promise<number> {
  const { flags } = goFlags(args);
  const port = Number(flags.get("port") ?? "80");
  ctx.listen(port, {
    http: (req) => {
      const path = pathOf(req.path);
      const content = ctx.container.fs.readText(path === "/" ? "/index.html" : path);
      return content === undefined ? text(404, "404 page not found\n") : { status: 200, body: content };
    },
  });
  return ctx.untilSignal({});
}

async function grpcHealth(ctx: ProgramContext, args: string[]): Promise<number> {
  const { flags } = goFlags(args);
  const port = Number(flags.get("port") ?? "5000");
  const httpPort = Number(flags.get("http-port") ?? "8080");
  const service = flags.get("service") ?? "";
  let serving = true;
  ctx.listen(port, { grpcHealth: (s) => (s === "" || s === service ? (serving ? "SERVING" : "NOT_SERVING") : "SERVICE_UNKNOWN") });
  ctx.listen(httpPort, {
    http: (req) => {
      const path = pathOf(req.path);
      if (path === "/make-not-serving") serving = false;
      else if (path === "/make-serving") serving = true;
      else return text(404, "404 page not found\n");
      return text(200, "");
    },
  });
  goLog(ctx, `Serving gRPC on port ${port}`);
  return ctx.untilSignal({});
}

async function logsGenerator(ctx: ProgramContext, args: string[]): Promise<number> {
  const { flags } = goFlags(args);
  const total = Number(flags.get("log-lines-total") ?? flags.get("logs-generator-lines-total") ?? "100");
  const durationMs = parseGoDuration(flags.get("run-duration") ?? flags.get("logs-generator-duration") ?? "10s");
  const verbs = ["GET", "POST", "PUT"];
  const step = total > 0 ? durationMs / total : 0;
  for (let i = 0; i < total; i++) {
    const r = ctx.container.random;
    klog(ctx, "I", "logs_generator.go:67", `${i} ${verbs[r.int(0, 2)]} /api/v1/namespaces/${["default", "kube-system", "ns"][r.int(0, 2)]}/pods/${r.hex(5)} ${r.int(200, 500)}`);
    if (step > 0) await ctx.sleep(step);
  }
  return 0;
}

function parseGoDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(s);
  if (!m) return 10_000;
  return Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as Record<string, number>)[m[2]];
}

export { goDuration };
