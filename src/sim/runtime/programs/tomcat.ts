/**
 * Tomcat (catalina.sh): the JVM starts, Catalina logs its start-up (to the console and to
 * logs/catalina.<date>.log, in Tomcat 7's two-line or Tomcat 8+'s one-line format), deploys the WARs
 * and directories in webapps (a WAR is expanded next to itself), opens 8080 when the connector
 * starts, serves the applications' files with an access log, and runs its shutdown hook on SIGTERM
 * (the JVM then exits 143).
 */
import type { HttpRequest, HttpResponse } from "../../network/types";
import { readWar } from "../images/content/tomcat";
import { joinPath } from "../vfs/paths";
import type { Program, ProgramContext } from "./program";
import { clfTime, pathOf } from "./support";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** Tomcat's start-up pace (virtual ms): JVM start, init, per-application deploy. */
const TIMING = { jvmStartMs: 450, initMs: 380, engineStartMs: 60, deployWarMs: 420, deployDirMs: 45, connectorStartMs: 20 };

interface Logger {
  info(cls: string, method: string, msg: string, thread?: string): void;
}

function catalinaLogFile(ctx: ProgramContext, home: string): string {
  const d = ctx.date();
  return `${home}/logs/catalina.${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}.log`;
}

function makeLogger(ctx: ProgramContext, version: string, home: string, console: boolean): Logger {
  const legacy = version.startsWith("7.");
  // JULI's FileHandler opens today's catalina log as logging starts, before the first record.
  try {
    ctx.container.fs.writeText(catalinaLogFile(ctx, home), "", true);
  } catch {
    // logs/ not writable
  }
  return {
    info(cls, method, msg, thread = "main") {
      const d = ctx.date();
      let line: string;
      if (legacy) {
        const h = d.getUTCHours() % 12 || 12;
        line = `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())}, ${d.getUTCFullYear()} ${h}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? "AM" : "PM"} ${cls} ${method}\nINFO: ${msg}\n`;
      } else {
        line = `${p2(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, "0")} INFO [${thread}] ${cls}.${method} ${msg}\n`;
      }
      if (console) ctx.out(line);
      try {
        ctx.container.fs.writeText(catalinaLogFile(ctx, home), line, true);
      } catch {
        // logs/ not writable (read-only root filesystem): the console still has it.
      }
    },
  };
}

function notFound(version: string): HttpResponse {
  return {
    status: 404,
    headers: { "content-type": "text/html;charset=utf-8", "content-language": "en" },
    body: `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title><style type="text/css">body {font-family:Tahoma,Arial,sans-serif;} h1, h2, h3, b {color:white;background-color:#525D76;} h1 {font-size:22px;} h2 {font-size:16px;} h3 {font-size:14px;} p {font-size:12px;} a {color:black;} .line {height:1px;background-color:#525D76;border:none;}</style></head><body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><p><b>Type</b> Status Report</p><p><b>Description</b> The origin server did not find a current representation for the target resource or is not willing to disclose that one exists.</p><hr class="line" /><h3>Apache Tomcat/${version}</h3></body></html>`,
  };
}

/** Runs Catalina in the foreground: resolves with the JVM's exit status. */
export async function runCatalina(ctx: ProgramContext, console: boolean): Promise<number> {
  const version = ctx.container.image.version;
  const home = ctx.env.CATALINA_HOME || ctx.argv[0].replace(/\/bin\/[^/]+$/, "") || "/usr/local/tomcat";
  const fs = ctx.container.fs;
  const legacy = version.startsWith("7.");
  const log = makeLogger(ctx, version, home, console);
  const proto = legacy ? "http-bio-8080" : "http-nio-8080";
  ctx.process.argv = [`${ctx.env.JAVA_HOME || "/opt/java/openjdk"}/bin/java`, `-Djava.util.logging.config.file=${home}/conf/logging.properties`, "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager", `-Dcatalina.base=${home}`, `-Dcatalina.home=${home}`, `-Djava.io.tmpdir=${home}/temp`, "org.apache.catalina.startup.Bootstrap", "start"];
  ctx.setResources(96_000_000, 1000);
  await ctx.sleep(TIMING.jvmStartMs);
  if (legacy) {
    log.info("org.apache.catalina.core.AprLifecycleListener", "init", "The APR based Apache Tomcat Native library which allows optimal performance in production environments was not found on the java.library.path: /usr/java/packages/lib/amd64:/usr/lib64:/lib64:/lib:/usr/lib");
    log.info("org.apache.coyote.AbstractProtocol", "init", `Initializing ProtocolHandler ["${proto}"]`);
  } else {
    const vl = "org.apache.catalina.startup.VersionLoggerListener";
    log.info(vl, "log", `Server version name:   Apache Tomcat/${version}`);
    log.info(vl, "log", `Server version number: ${version}.0`);
    log.info(vl, "log", "OS Name:               Linux");
    log.info(vl, "log", "OS Version:            6.1.0-28-amd64");
    log.info(vl, "log", "Architecture:          amd64");
    log.info(vl, "log", `Java Home:             ${ctx.env.JAVA_HOME || "/opt/java/openjdk"}`);
    log.info(vl, "log", `CATALINA_BASE:         ${home}`);
    log.info(vl, "log", `CATALINA_HOME:         ${home}`);
    log.info("org.apache.coyote.AbstractProtocol", "init", `Initializing ProtocolHandler ["${proto}"]`);
  }
  await ctx.sleep(TIMING.initMs);
  log.info("org.apache.catalina.startup.Catalina", "load", legacy ? `Initialization processed in ${TIMING.jvmStartMs + TIMING.initMs} ms` : `Server initialization in [${TIMING.initMs}] milliseconds`);
  log.info("org.apache.catalina.core.StandardService", "startInternal", legacy ? "Starting service Catalina" : "Starting service [Catalina]");
  log.info("org.apache.catalina.core.StandardEngine", "startInternal", legacy ? `Starting Servlet Engine: Apache Tomcat/${version}` : `Starting Servlet engine: [Apache Tomcat/${version}]`);
  await ctx.sleep(TIMING.engineStartMs);
  const webapps = `${home}/webapps`;
  const apps = new Map<string, string>();
  let names: string[] = [];
  try {
    names = fs.listDir(webapps);
  } catch {
    names = [];
  }
  for (const name of names.filter((n) => n.endsWith(".war"))) {
    const war = joinPath(webapps, name);
    const ctxName = name.slice(0, -4);
    log.info("org.apache.catalina.startup.HostConfig", "deployWAR", legacy ? `Deploying web application archive ${war}` : `Deploying web application archive [${war}]`);
    const entries = readWar(fs.readText(war) ?? "");
    const dir = joinPath(webapps, ctxName);
    if (entries && !fs.lookup(dir)) {
      try {
        for (const [p, content] of Object.entries(entries)) {
          fs.mkdirp(joinPath(dir, p).replace(/\/[^/]+$/, ""), true);
          fs.writeText(joinPath(dir, p), content);
        }
      } catch {
        // A read-only webapps: Tomcat serves the archive without expanding it.
      }
    }
    await ctx.sleep(TIMING.deployWarMs);
    if (!legacy) log.info("org.apache.catalina.startup.HostConfig", "deployWAR", `Deployment of web application archive [${war}] has finished in [${TIMING.deployWarMs}] ms`);
    apps.set(ctxName === "ROOT" ? "" : ctxName, dir);
  }
  for (const name of names.filter((n) => !n.endsWith(".war") && fs.lookup(joinPath(webapps, n))?.kind === "dir" && !apps.has(n === "ROOT" ? "" : n))) {
    const dir = joinPath(webapps, name);
    log.info("org.apache.catalina.startup.HostConfig", "deployDirectory", legacy ? `Deploying web application directory ${dir}` : `Deploying web application directory [${dir}]`);
    await ctx.sleep(TIMING.deployDirMs);
    if (!legacy) log.info("org.apache.catalina.startup.HostConfig", "deployDirectory", `Deployment of web application directory [${dir}] has finished in [${TIMING.deployDirMs}] ms`);
    apps.set(name === "ROOT" ? "" : name, dir);
  }
  log.info("org.apache.coyote.AbstractProtocol", "start", `Starting ProtocolHandler ["${proto}"]`);
  ctx.listen(8080, { http: (req) => serveApp(ctx, home, version, apps, req) });
  await ctx.sleep(TIMING.connectorStartMs);
  const total = TIMING.initMs + TIMING.engineStartMs + TIMING.connectorStartMs + apps.size * TIMING.deployWarMs;
  log.info("org.apache.catalina.startup.Catalina", "start", legacy ? `Server startup in ${total} ms` : `Server startup in [${total}] milliseconds`);
  ctx.setResources(142_000_000, 3);
  // The JVM's shutdown hook stops Catalina on SIGTERM/SIGINT; the JVM then exits 128+signal.
  return ctx.untilSignal({ TERM: 143, INT: 130 }, () => {
    if (!legacy) log.info("org.apache.coyote.AbstractProtocol", "pause", `Pausing ProtocolHandler ["${proto}"]`, "Thread-1");
    log.info("org.apache.catalina.core.StandardService", "stopInternal", legacy ? "Stopping service Catalina" : "Stopping service [Catalina]", "Thread-1");
    log.info("org.apache.coyote.AbstractProtocol", "stop", `Stopping ProtocolHandler ["${proto}"]`, "Thread-1");
    log.info("org.apache.coyote.AbstractProtocol", "destroy", `Destroying ProtocolHandler ["${proto}"]`, "Thread-1");
  });
}

function serveApp(ctx: ProgramContext, home: string, version: string, apps: Map<string, string>, req: HttpRequest): HttpResponse {
  const path = pathOf(req.path);
  const fs = ctx.container.fs;
  const seg = path.split("/")[1] ?? "";
  const name = apps.has(seg) ? seg : "";
  const base = apps.get(name);
  let res: HttpResponse;
  if (base === undefined) res = notFound(version);
  else if (name && path === `/${name}`) res = { status: 302, headers: { location: `/${name}/` }, body: "" };
  else {
    const rel = name ? path.slice(name.length + 1) : path;
    let file = joinPath(base, rel || "/");
    if (fs.lookup(file)?.kind === "dir") {
      const welcome = ["index.html", "index.htm", "index.jsp"].map((w) => joinPath(file, w)).find((w) => fs.lookup(w)?.kind === "file");
      file = welcome ?? "";
    }
    const text = file && !file.includes("/WEB-INF/") ? fs.readText(file) : undefined;
    if (text === undefined) res = notFound(version);
    else {
      const jsp = file.endsWith(".jsp");
      res = { status: 200, headers: { "content-type": jsp || file.endsWith(".html") ? "text/html;charset=ISO-8859-1" : "application/octet-stream" }, body: jsp ? text.replace(/<%[\s\S]*?%>\n?/g, "") : text };
    }
  }
  const d = ctx.date();
  try {
    fs.writeText(`${home}/logs/localhost_access_log.${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}.txt`, `${req.from.ip} - - [${clfTime(d)}] "${req.method} ${req.path} ${req.proto}" ${res.status} ${res.body.length || "-"}\n`, true);
  } catch {
    // As above.
  }
  return res;
}

/** catalina.sh: `run` in the foreground, `start` in the background (logging to catalina.out), `version`. */
export const catalina: Program = {
  name: "catalina",
  async run(ctx) {
    const cmd = ctx.argv[1];
    const home = ctx.env.CATALINA_HOME || ctx.argv[0].replace(/\/bin\/[^/]+$/, "") || "/usr/local/tomcat";
    const using = `Using CATALINA_BASE:   ${home}\nUsing CATALINA_HOME:   ${home}\nUsing CATALINA_TMPDIR: ${home}/temp\nUsing JRE_HOME:        ${ctx.env.JAVA_HOME || "/opt/java/openjdk"}\nUsing CLASSPATH:       ${home}/bin/bootstrap.jar:${home}/bin/tomcat-juli.jar\nUsing CATALINA_OPTS:   \n`;
    if (cmd === "run") return runCatalina(ctx, true);
    if (cmd === "version") {
      ctx.out(`${using}Server version: Apache Tomcat/${ctx.container.image.version}\nServer number:  ${ctx.container.image.version}.0\nOS Name:        Linux\nOS Version:     6.1.0-28-amd64\nArchitecture:   amd64\n`);
      return 0;
    }
    if (cmd === "start") {
      const p = ctx.process;
      const out = `${home}/logs/catalina.out`;
      const child = ctx.container.launcher.spawn(
        { argv: [ctx.argv[0], "run"], env: ctx.env, cwd: ctx.cwd, uid: p.uid, gid: p.gid, groups: p.groups, write: (_s, t) => ctx.container.fs.writeText(out, t, true) },
        p.pid,
      );
      void child.start();
      ctx.out(`${using}Tomcat started.\n`);
      return 0;
    }
    ctx.err(`Usage: catalina.sh ( commands ... )\ncommands:\n  run               Start Catalina in the current window\n  start             Start Catalina in a separate window\n  stop              Stop Catalina, waiting up to 5 seconds for the process to end\n  version           What version of tomcat are you running?\n`);
    return 1;
  },
};

export const catalinaStart: Program = {
  name: "catalina-start",
  run: (ctx) => ctx.container.launcher.execIn(ctx, [ctx.argv[0].replace(/startup\.sh$/, "catalina.sh"), "start"]),
};

export const catalinaVersion: Program = {
  name: "catalina-version",
  run: (ctx) => ctx.container.launcher.execIn(ctx, [ctx.argv[0].replace(/version\.sh$/, "catalina.sh"), "version"]),
};

export const java: Program = {
  name: "java",
  async run(ctx) {
    if (ctx.argv.includes("-version") || ctx.argv.includes("--version")) {
      ctx.err('openjdk version "21.0.5" 2024-10-15 LTS\nOpenJDK Runtime Environment Temurin-21.0.5+11 (build 21.0.5+11-LTS)\nOpenJDK 64-Bit Server VM Temurin-21.0.5+11 (build 21.0.5+11-LTS, mixed mode, sharing)\n');
      return 0;
    }
    if (ctx.argv.includes("org.apache.catalina.startup.Bootstrap")) return runCatalina(ctx, true);
    ctx.err("Usage: java [options] <mainclass> [args...]\n");
    return 1;
  },
};
