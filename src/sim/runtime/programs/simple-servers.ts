/**
 * Small servers of the test and sample images: pause, the generic server of unknown images,
 * hashicorp/http-echo, the liveness probe server, goproxy, Google's hello-app, echoserver.
 */
import type { HttpRequest } from "../../network/types";
import { RUNTIME_DATA } from "../data";
import type { Program, ProgramContext } from "./program";
import { clfTime, goDuration, goFlags, goLog, goLogTime, pathOf, portOf } from "./support";

export const pause: Program = {
  name: "pause",
  // Not async: every pod runs one of these for life, and an async frame would stay with each.
  run(ctx) {
    if (ctx.argv.includes("-v")) {
      ctx.out("pause.c v3.10\n");
      return Promise.resolve(0);
    }
    ctx.setResources(180_000);
    return ctx.untilSignal({ TERM: 0, INT: 0 }, (sig) => ctx.err(`Shutting down, got signal: ${sig === 15 ? "Terminated" : "Interrupt"}\n`));
  },
};

/** An image the catalogue does not know: it listens on the container's ports and answers 200. */
export const genericServer: Program = {
  name: "generic-server",
  async run(ctx) {
    const ports = ctx.container.config.ports?.filter((p) => (p.protocol ?? "TCP") === "TCP").map((p) => p.containerPort) ?? [];
    const declared = ports.length ? ports : (ctx.container.image.def.exposedPorts ?? []);
    ctx.setResources(RUNTIME_DATA.baseMemory.native * 10, RUNTIME_DATA.idleCpuMilli);
    for (const port of declared) {
      try {
        ctx.listen(port, { http: () => ({ status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "OK\n" }) });
      } catch {
        // A port two containers both declare: the second one just does not get it.
      }
    }
    return ctx.untilSignal({ TERM: 0, INT: 0, QUIT: 0 });
  },
};

export const httpEcho: Program = {
  name: "http-echo",
  signalStyle: "go",
  async run(ctx) {
    const { flags, rest } = goFlags(ctx.argv.slice(1), ["version"]);
    if (flags.has("version")) {
      ctx.err("http-echo v1.0.0\n");
      return 0;
    }
    const text = flags.get("text") || ctx.env.ECHO_TEXT || "";
    if (!text) {
      ctx.err("Missing -text option OR ENV var TEXT is empty!\n");
      return 127;
    }
    if (rest.length > 0) {
      ctx.err("Too many arguments!\n");
      return 127;
    }
    const listen = flags.get("listen") ?? ":5678";
    const status = Number(flags.get("status-code") ?? "200");
    ctx.setResources(3_500_000, RUNTIME_DATA.idleCpuMilli);
    goLog(ctx, `[INFO] server is listening on ${listen}`);
    ctx.listen(portOf(listen) ?? 5678, {
      http: (req) => {
        const health = pathOf(req.path) === "/health";
        const body = health ? '{"status":"ok"}\n' : `${text}\n`;
        if (!health) {
          ctx.out(`${goLogTime(ctx.date())} ${req.headers.host ?? ""} ${req.from.ip}:${req.from.port} "${req.method} ${pathOf(req.path)} ${req.proto}" ${status} ${body.length} "${req.headers["user-agent"] ?? ""}" ${HTTP_ECHO_LATENCY}\n`);
        }
        return { status: health ? 200 : status, headers: { "x-app-name": "http-echo", "x-app-version": "1.0.0", "content-type": "text/plain; charset=utf-8" }, body };
      },
    });
    return ctx.untilSignal({ INT: 2 }, () => goLog(ctx, "[INFO] received interrupt, shutting down..."));
  },
};

/** The handling time http-echo logs for each request (a fixed, typical figure). */
const HTTP_ECHO_LATENCY = goDuration(0.0142);

/** The liveness server of the probe docs: /healthz is 200 for 10 seconds, then 500. */
export function livenessHandler(ctx: ProgramContext, started: number) {
  return (req: HttpRequest) => {
    const path = pathOf(req.path);
    const secs = (ctx.now() - started) / 1000;
    if (path === "/healthz") {
      return secs > 10 ? { status: 500, body: `error: ${secs}` } : { status: 200, body: "ok" };
    }
    if (path === "/started") return { status: 200, body: goDuration(ctx.now() - started) };
    return { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "404 page not found\n" };
  };
}

export const livenessServer: Program = {
  name: "liveness-server",
  signalStyle: "go",
  async run(ctx) {
    ctx.setResources(2_800_000, RUNTIME_DATA.idleCpuMilli);
    ctx.listen(8080, { http: livenessHandler(ctx, ctx.now()) });
    return ctx.untilSignal({});
  },
};

export const goproxy: Program = {
  name: "goproxy",
  signalStyle: "go",
  async run(ctx) {
    ctx.setResources(3_000_000, RUNTIME_DATA.idleCpuMilli);
    ctx.listen(8080, { http: () => ({ status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: "This is a proxy server. Does not respond to non-proxy requests.\n" }) });
    return ctx.untilSignal({});
  },
};

export const helloApp: Program = {
  name: "hello-app",
  signalStyle: "go",
  async run(ctx) {
    const port = Number(ctx.env.PORT || "8080");
    ctx.setResources(4_200_000, RUNTIME_DATA.idleCpuMilli);
    goLog(ctx, `Server listening on port ${port}`);
    ctx.listen(port, {
      http: (req) => {
        goLog(ctx, `Serving request: ${pathOf(req.path)}`);
        return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: `Hello, world!\nVersion: ${ctx.container.image.version}\nHostname: ${ctx.container.pod.hostname}\n` };
      },
    });
    return ctx.untilSignal({});
  },
};

export const echoserver: Program = {
  name: "echoserver",
  async run(ctx) {
    ctx.setResources(6_000_000, RUNTIME_DATA.idleCpuMilli);
    ctx.out("Generating self-signed cert\nGenerating a 2048 bit RSA private key\n..+++\n.....+++\nwriting new private key to '/certs/privateKey.key'\n-----\nStarting nginx\n");
    ctx.listen(8080, {
      http: (req) => {
        const q = req.path.indexOf("?");
        const body =
          `\n\nHostname: ${ctx.container.pod.hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n` +
          `Request Information:\n\tclient_address=${req.from.ip}\n\tmethod=${req.method}\n\treal path=${pathOf(req.path)}\n\tquery=${q >= 0 ? req.path.slice(q + 1) : ""}\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${req.headers.host ?? ""}${req.path}\n\n` +
          `Request Headers:\n${Object.entries(req.headers).sort().map(([k, v]) => `\t${k}=${v}\n`).join("")}\nRequest Body:\n\t${req.body || "-no body in request-"}\n\n`;
        ctx.out(`${req.from.ip} - - [${clfTime(ctx.date())}] "${req.method} ${req.path} ${req.proto}" 200 ${body.length} "-" "${req.headers["user-agent"] ?? ""}"\n`);
        return { status: 200, headers: { "content-type": "text/plain" }, body };
      },
    });
    return ctx.untilSignal({ TERM: 0, QUIT: 0 });
  },
};
