/**
 * nginx: reads /etc/nginx/nginx.conf (and conf.d), logs its start-up notices, runs a master and
 * worker processes, serves static files (index, 301 for directories, 403, 404 with its error pages),
 * `return`, `try_files` and `proxy_pass` (the nginx + flask pod reaches flask on localhost), writes
 * the access log in its "main" format to stdout, and handles its signals: QUIT (graceful, the
 * image's stop signal), TERM/INT (fast), HUP (reload). `nginx -s quit` signals the master from an
 * exec, as a preStop hook does.
 */
import type { HttpRequest, HttpResponse } from "../../network/types";
import { statusText } from "../../network/http";
import { NGINX_DEFAULT_CONF } from "../images/content/nginx";
import { joinPath, normalizePath } from "../vfs/paths";
import type { ProcessEntry } from "../process/process-table";
import { signalName, signalNumber } from "../process/signals";
import { loadConfig, NginxConfigError, selectLocation, type NginxConfig, type NginxServer } from "./nginx-conf";
import type { Program, ProgramContext } from "./program";
import { clfTime, goLogTime, httpDate, pathOf } from "./support";

const MIME: Record<string, string> = { html: "text/html", htm: "text/html", css: "text/css", js: "application/javascript", json: "application/json", txt: "text/plain", png: "image/png", jpg: "image/jpeg", svg: "image/svg+xml", xml: "text/xml", war: "application/java-archive" };

/** nginx's error log line: "2025/01/01 00:00:00 [notice] 1#1: msg". */
function elog(ctx: ProgramContext, level: string, pid: number, msg: string): void {
  ctx.err(`${goLogTime(ctx.date())} [${level}] ${pid}#${pid}: ${msg}\n`);
}

function errorPage(code: number, version: string): string {
  const title = `${code} ${statusText(code) || "Error"}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

export const nginx: Program = {
  name: "nginx",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const version = ctx.container.image.version;
    let confPath = "/etc/nginx/nginx.conf";
    let global = "";
    let signal: string | undefined;
    let test = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-g") global = args[++i] ?? "";
      else if (a === "-c") confPath = args[++i] ?? confPath;
      else if (a === "-s") signal = args[++i];
      else if (a === "-t" || a === "-T") test = true;
      else if (a === "-v" || a === "-V") {
        ctx.err(`nginx version: nginx/${version}\n`);
        if (a === "-V") ctx.err("built by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.11 19 Sep 2023\nTLS SNI support enabled\n");
        return 0;
      } else if (a === "-h" || a === "-?") {
        ctx.err(`nginx version: nginx/${version}\nUsage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n             [-e filename] [-c filename] [-g directives]\n`);
        return 0;
      }
    }
    let cfg: NginxConfig;
    try {
      cfg = loadConfig(ctx.container.fs, confPath, global);
    } catch (e) {
      if (!(e instanceof NginxConfigError)) throw e;
      ctx.err(`${e.message}\n`);
      if (test) ctx.err(`nginx: configuration file ${confPath} test failed\n`);
      return 1;
    }
    if (test) {
      ctx.err(`nginx: the configuration file ${confPath} syntax is ok\nnginx: configuration file ${confPath} test is successful\n`);
      return 0;
    }
    if (signal) return sendSignal(ctx, cfg, signal);
    // Without `daemon off;` nginx forks into the background and the foreground process exits 0.
    if (cfg.daemon) return 0;
    return master(ctx, cfg, confPath, global);
  },
};

function sendSignal(ctx: ProgramContext, cfg: NginxConfig, signal: string): number {
  const sig = { stop: "TERM", quit: "QUIT", reopen: "USR1", reload: "HUP" }[signal];
  if (!sig) {
    ctx.err(`nginx: invalid option: "-s ${signal}"\n`);
    return 1;
  }
  elog(ctx, "notice", ctx.process.pid, "signal process started");
  const text = ctx.container.fs.readText(cfg.pidFile);
  if (text === undefined) {
    elog(ctx, "error", ctx.process.pid, `open() "${cfg.pidFile.replace("/var/run", "/run")}" failed (2: No such file or directory)`);
    return 1;
  }
  const pid = Number(text.trim());
  if (ctx.container.kill(pid, signalNumber(sig)!, ctx.process) !== "ok") {
    elog(ctx, "error", ctx.process.pid, `kill(${pid}, ${signalNumber(sig)}) failed (3: No such process)`);
    return 1;
  }
  return 0;
}

async function master(ctx: ProgramContext, initial: NginxConfig, confPath: string, global: string): Promise<number> {
  let cfg = initial;
  const c = ctx.container;
  const pid = ctx.process.pid;
  const version = c.image.version;
  ctx.process.argv = [`nginx: master process ${ctx.argv.join(" ")}`];
  elog(ctx, "notice", pid, 'using the "epoll" event method');
  elog(ctx, "notice", pid, `nginx/${version}`);
  elog(ctx, "notice", pid, "built by gcc 12.2.0 (Debian 12.2.0-14) ");
  elog(ctx, "notice", pid, "OS: Linux 6.1.0-28-amd64");
  elog(ctx, "notice", pid, "getrlimit(RLIMIT_NOFILE): 1048576:1048576");
  // Bind the ports (a port already taken is retried, as nginx does, then given up).
  const closers: (() => void)[] = [];
  let connection = 0;
  const handler = (server: NginxServer) => (req: HttpRequest) => serve(ctx, cfg, server, req, ++connection, workers[0]?.pid ?? pid);
  const bind = (): boolean => {
    for (const close of closers.splice(0)) close();
    for (const s of cfg.servers) {
      for (const port of s.ports) {
        try {
          closers.push(ctx.listen(port, { http: handler(s) }));
        } catch {
          if (cfg.servers.some((o) => o !== s && o.ports.includes(port) && cfg.servers.indexOf(o) < cfg.servers.indexOf(s))) continue;
          ctx.err(`${goLogTime(ctx.date())} [emerg] ${pid}#${pid}: bind() to 0.0.0.0:${port} failed (98: Address already in use)\n`);
          return false;
        }
      }
    }
    return true;
  };
  let bound = bind();
  for (let attempt = 0; !bound && attempt < 4; attempt++) {
    await ctx.sleep(500);
    bound = bind();
  }
  if (!bound) {
    ctx.err(`${goLogTime(ctx.date())} [emerg] ${pid}#${pid}: still could not bind()\n`);
    return 1;
  }
  try {
    c.fs.mkdirp(normalizePath(cfg.pidFile.replace(/\/[^/]+$/, "") || "/"), true);
    c.fs.writeText(cfg.pidFile, `${pid}\n`);
  } catch {
    // A read-only root filesystem: nginx would fail here; the page still serves in the simulation.
  }
  const workers: ProcessEntry[] = [];
  // A worker per CPU on a big node, and never changed: the workers share their argv and groups.
  // WARNING: and their signal handler table, which stays empty: workers run no program of their
  // own, so nothing installs a handler in it.
  const workerArgv = ["nginx: worker process"];
  const workerGroups = [101];
  const workerHandlers = new Map<number, (sig: number) => void>();
  const startWorkers = () => {
    const n = cfg.workerProcesses === "auto" ? c.node.cpus : Math.max(1, Number(cfg.workerProcesses) || 1);
    elog(ctx, "notice", pid, "start worker processes");
    for (let i = 0; i < n; i++) {
      const w: ProcessEntry = { ...ctx.process, pid: c.pidns.allocate(), ppid: pid, argv: workerArgv, uid: 101, gid: 101, groups: workerGroups, startedAt: c.clock.now, handlers: workerHandlers, memoryBytes: 1_400_000, cpuMilli: 0, terminate: workerExited };
      c.pidns.add(w);
      workers.push(w);
      elog(ctx, "notice", pid, `start worker process ${w.pid}`);
    }
    ctx.setResources(2_300_000 + n * 1_400_000, 0);
  };
  const stopWorkers = (graceful: boolean) => {
    for (const w of workers.splice(0)) {
      if (graceful) elog(ctx, "notice", w.pid, "gracefully shutting down");
      elog(ctx, "notice", w.pid, "exiting");
      elog(ctx, "notice", w.pid, "exit");
      w.exited = true;
      c.pidns.remove(w.pid);
      elog(ctx, "notice", pid, `signal 17 (SIGCHLD) received from ${w.pid}`);
      elog(ctx, "notice", pid, `worker process ${w.pid} exited with code 0`);
    }
  };
  startWorkers();
  for (;;) {
    const s = ctx.suspend<number>();
    for (const name of ["QUIT", "TERM", "INT", "HUP", "USR1"]) ctx.onSignal(name, (sig) => void s.resume(sig));
    const sig = await s.promise;
    const from = "";
    if (sig === 1) {
      elog(ctx, "notice", pid, `signal 1 (SIGHUP) received${from}, reconfiguring`);
      elog(ctx, "notice", pid, "reconfiguring");
      try {
        cfg = loadConfig(c.fs, confPath, global);
        bind();
      } catch (e) {
        elog(ctx, "emerg", pid, (e as Error).message.replace(/^nginx: \[emerg\] /, ""));
      }
      const old = workers.splice(0);
      startWorkers();
      workers.unshift(...[]);
      for (const w of old) {
        elog(ctx, "notice", w.pid, "gracefully shutting down");
        elog(ctx, "notice", w.pid, "exiting");
        elog(ctx, "notice", w.pid, "exit");
        c.pidns.remove(w.pid);
        elog(ctx, "notice", pid, `signal 17 (SIGCHLD) received from ${w.pid}`);
        elog(ctx, "notice", pid, `worker process ${w.pid} exited with code 0`);
      }
      continue;
    }
    if (sig === 10) {
      elog(ctx, "notice", pid, "signal 10 (SIGUSR1) received, reopening logs");
      elog(ctx, "notice", pid, "reopening logs");
      continue;
    }
    const graceful = sig === 3;
    elog(ctx, "notice", pid, `signal ${sig} (SIG${signalName(sig)}) received${from}, ${graceful ? "shutting down" : "exiting"}`);
    for (const close of closers.splice(0)) close();
    stopWorkers(graceful);
    elog(ctx, "notice", pid, "exit");
    return 0;
  }
}

/** A worker's terminate (the master reaps it): one function for all workers, `this` is the worker. */
function workerExited(this: ProcessEntry): void {
  this.exited = true;
}

function serve(ctx: ProgramContext, _cfg: NginxConfig, server: NginxServer, req: HttpRequest, conn: number, workerPid: number): HttpResponse {
  const version = ctx.container.image.version;
  const path = pathOf(req.path);
  const fs = ctx.container.fs;
  const respond = (res: HttpResponse): HttpResponse => {
    const date = ctx.date();
    const headers = { server: `nginx/${version}`, date: httpDate(date.getTime()), "content-type": "text/html", "content-length": String(res.body.length), connection: "keep-alive", ...res.headers };
    const log = server.accessLog;
    if (log !== "off") {
      const line = `${req.from.ip} - - [${clfTime(date)}] "${req.method} ${req.path} ${req.proto}" ${res.status} ${req.method === "HEAD" ? 0 : res.body.length} "${req.headers.referer ?? "-"}" "${req.headers["user-agent"] ?? "-"}" "${req.headers["x-forwarded-for"] ?? "-"}"\n`;
      writeLog(ctx, server, log, line);
    }
    return { ...res, headers, body: req.method === "HEAD" ? "" : res.body };
  };
  const errorResponse = (code: number): HttpResponse => {
    const page = server.errorPages.get(code);
    if (page) {
      const text = ctx.container.fs.readText(joinPath(server.root, page));
      if (text !== undefined) return { status: code, body: text };
    }
    return { status: code, body: errorPage(code, version) };
  };
  const errLog = (msg: string) => ctx.err(`${goLogTime(ctx.date())} [error] ${workerPid}#${workerPid}: *${conn} ${msg}, client: ${req.from.ip}, server: ${server.serverName}, request: "${req.method} ${req.path} ${req.proto}", host: "${req.headers.host ?? ""}"\n`);
  if (server.ret) return respond(returned(server.ret));
  const loc = selectLocation(server, path);
  if (loc?.ret) return respond(returned(loc.ret));
  if (loc?.proxyPass) {
    const target = /^https?:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(loc.proxyPass);
    if (!target) return respond(errorResponse(502));
    const upstreamPath = target[3] !== undefined ? target[3] + path.slice(loc.path.length) + (req.path.includes("?") ? req.path.slice(req.path.indexOf("?")) : "") : req.path;
    const port = Number(target[2] ?? "80");
    const o = ctx.http({ host: target[1], port, path: upstreamPath, method: req.method, headers: { host: target[1], connection: "close", "user-agent": req.headers["user-agent"] ?? "", accept: req.headers.accept ?? "*/*" }, timeoutMs: 60_000, proto: "HTTP/1.0" });
    if (!o.ok) {
      const ip = o.ip ?? target[1];
      if (o.error === "timeout") {
        errLog(`upstream timed out (110: Connection timed out) while connecting to upstream, upstream: "http://${ip}:${port}${upstreamPath}"`);
        return respond(errorResponse(504));
      }
      errLog(`connect() failed (111: Connection refused) while connecting to upstream, upstream: "http://${ip === "localhost" ? "127.0.0.1" : ip}:${port}${upstreamPath}"`);
      return respond(errorResponse(502));
    }
    return respond({ status: o.response.status, headers: { "content-type": o.response.headers?.["content-type"] ?? "text/html" }, body: o.response.body, delayMs: o.elapsedMs });
  }
  if (req.method !== "GET" && req.method !== "HEAD") return respond(errorResponse(405));
  const root = loc?.root ?? server.root;
  const index = loc?.index ?? server.index;
  const fileFor = (uri: string) => (loc?.alias ? joinPath(loc.alias, uri.slice(loc.path.length)) : joinPath(root, uri));
  const tryServe = (uri: string): HttpResponse | "missing" => {
    const file = normalizePath(fileFor(uri));
    const st = fs.lookup(file);
    if (!st) return "missing";
    if (st.kind === "dir") {
      if (!uri.endsWith("/")) return { status: 301, headers: { location: `http://${req.headers.host ?? ""}${uri}/` }, body: errorPage(301, version) };
      for (const i of index) {
        const r = tryServe(uri + i);
        if (r !== "missing") return r;
      }
      errLog(`directory index of "${file}/" is forbidden`);
      return errorResponse(403);
    }
    if (!(st.mode & 0o004) && !(st.uid === 101 && st.mode & 0o400)) {
      errLog(`open() "${file}" failed (13: Permission denied)`);
      return errorResponse(403);
    }
    const body = fs.textOf(st) ?? "";
    const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? "";
    return { status: 200, headers: { "content-type": MIME[ext] ?? "application/octet-stream", "last-modified": httpDate(fs.epochOf(st.mtime)), "accept-ranges": "bytes" }, body };
  };
  if (loc?.tryFiles) {
    for (const t of loc.tryFiles.slice(0, -1)) {
      const r = tryServe(t.replace(/\$uri/g, path));
      if (r !== "missing") return respond(r);
    }
    const last = loc.tryFiles[loc.tryFiles.length - 1];
    if (/^=\d+$/.test(last)) return respond(errorResponse(Number(last.slice(1))));
    const r = tryServe(last.replace(/\$uri/g, path));
    return respond(r === "missing" ? errorResponse(404) : r);
  }
  const r = tryServe(path);
  if (r === "missing") {
    errLog(`open() "${normalizePath(fileFor(path))}" failed (2: No such file or directory)`);
    return respond(errorResponse(404));
  }
  return respond(r);
}

function returned(ret: { code: number; text?: string }): HttpResponse {
  if (ret.code >= 300 && ret.code < 400) return { status: ret.code, headers: { location: ret.text ?? "/" }, body: "" };
  return { status: ret.code, headers: { "content-type": "text/plain" }, body: ret.text ?? "" };
}

/**
 * Where each server's access log goes, found when first written: nginx opens its log files once, at
 * start-up or reload (which loads new server objects), not for every request.
 */
const logSinks = new WeakMap<NginxServer, "stdout" | "stderr" | "file">();

/** Access log: to stdout/stderr through the image's symlinks, or appended to a file. */
function writeLog(ctx: ProgramContext, server: NginxServer, path: string, line: string): void {
  const fs = ctx.container.fs;
  let sink = logSinks.get(server);
  if (!sink) {
    const target = fs.lookup(path, false);
    const link = target?.kind === "symlink" ? target.target : path;
    sink = link === "/dev/stdout" || link === "/proc/self/fd/1" ? "stdout" : link === "/dev/stderr" || link === "/proc/self/fd/2" ? "stderr" : "file";
    logSinks.set(server, sink);
  }
  if (sink === "stdout") ctx.out(line);
  else if (sink === "stderr") ctx.err(line);
  else {
    try {
      fs.writeText(path, line, true);
    } catch {
      // nginx keeps serving when it cannot write its log.
    }
  }
}

/** /docker-entrypoint.sh of the nginx image: its configuration steps, then exec of its arguments. */
export const nginxEntrypoint: Program = {
  name: "nginx-entrypoint",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args.length === 0) return 0;
    const quiet = !!ctx.env.NGINX_ENTRYPOINT_QUIET_LOGS;
    const say = (s: string) => !quiet && ctx.out(`${s}\n`);
    if (args[0] === "nginx" || args[0] === "nginx-debug") {
      const fs = ctx.container.fs;
      let scripts: string[] = [];
      try {
        scripts = fs.listDir("/docker-entrypoint.d");
      } catch {
        scripts = [];
      }
      if (scripts.length > 0) {
        say("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
        say("/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/");
        for (const s of scripts) {
          const full = `/docker-entrypoint.d/${s}`;
          if (s.endsWith(".envsh")) {
            say(`/docker-entrypoint.sh: Sourcing ${full}`);
            continue;
          }
          say(`/docker-entrypoint.sh: Launching ${full}`);
          if (s === "10-listen-on-ipv6-by-default.sh") {
            const conf = "/etc/nginx/conf.d/default.conf";
            const text = fs.readText(conf);
            const tag = "10-listen-on-ipv6-by-default.sh: info:";
            if (text === undefined) say(`${tag} ${conf} is not a file or does not exist`);
            else if (fs.resolve(conf, "open").mount?.readOnly) say(`${tag} can not modify ${conf} (read-only file system?)`);
            else if (text !== NGINX_DEFAULT_CONF) say(`${tag} ${conf} differs from the packaged version`);
            else {
              say(`${tag} Getting the checksum of ${conf}`);
              say(`${tag} Enabled listen on IPv6 in ${conf}`);
            }
          }
        }
        say("/docker-entrypoint.sh: Configuration complete; ready for start up");
      } else say("/docker-entrypoint.sh: No files found in /docker-entrypoint.d/, skipping configuration");
    }
    return ctx.container.launcher.execIn(ctx, args);
  },
};
