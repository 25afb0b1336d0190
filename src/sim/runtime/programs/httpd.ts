/**
 * Apache httpd (httpd-foreground): the AH00558 warning about the server name, the AH00489/AH00094
 * notices, `It works!` from htdocs on port 80 with a common-format access log on stdout, and its
 * signals: SIGWINCH (the image's stop signal) stops gracefully, SIGTERM at once.
 */
import { joinPath } from "../vfs/paths";
import type { Program, ProgramContext } from "./program";
import { clfTime, pathOf } from "./support";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

function errTime(ctx: ProgramContext): string {
  const d = ctx.date();
  const us = String(d.getUTCMilliseconds() * 1000 + 123).padStart(6, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${d.getUTCFullYear()}`;
}

export const httpd: Program = {
  name: "httpd",
  async run(ctx) {
    const version = ctx.container.image.version;
    if (ctx.argv.includes("-v")) {
      ctx.out(`Server version: Apache/${version} (Unix)\nServer built:   Oct  1 2024 00:00:00\n`);
      return 0;
    }
    const ip = ctx.container.pod.ip;
    const note = (mod: string, msg: string) => ctx.err(`[${errTime(ctx)}] [${mod}] [pid ${ctx.process.pid}:tid ${ctx.process.pid}] ${msg}\n`);
    const warn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
    ctx.err(warn);
    ctx.err(warn);
    ctx.setResources(9_500_000, 1);
    const docroot = "/usr/local/apache2/htdocs";
    ctx.listen(80, {
      http: (req) => {
        const path = pathOf(req.path);
        let file = joinPath(docroot, path);
        if (ctx.container.fs.lookup(file)?.kind === "dir") file = joinPath(file, "index.html");
        const body = ctx.container.fs.readText(file);
        const res = body === undefined
          ? { status: 404, body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n` }
          : { status: 200, body };
        ctx.out(`${req.from.ip} - - [${clfTime(ctx.date())}] "${req.method} ${req.path} ${req.proto}" ${res.status} ${res.body.length}\n`);
        return { ...res, headers: { server: `Apache/${version} (Unix)`, "content-type": "text/html" } };
      },
    });
    note("mpm_event:notice", `AH00489: Apache/${version} (Unix) configured -- resuming normal operations`);
    note("core:notice", "AH00094: Command line: 'httpd -D FOREGROUND'");
    return ctx.untilSignal({ WINCH: 0, TERM: 0, INT: 0, HUP: 0 }, (sig) => {
      if (sig === 28) note("mpm_event:notice", "AH00492: caught SIGWINCH, shutting down gracefully");
      else note("mpm_event:notice", "AH00491: caught SIGTERM, shutting down");
    });
  },
};

export const httpdForeground: Program = {
  name: "httpd-foreground",
  run: (ctx) => {
    // The script removes a stale pid file, then execs httpd -DFOREGROUND.
    try {
      void ctx.container.fs.rm("/usr/local/apache2/logs/httpd.pid", { force: true });
    } catch {
      // read-only
    }
    return ctx.container.launcher.execIn(ctx, ["httpd", "-DFOREGROUND", ...ctx.argv.slice(1)], { ...ctx.env, PATH: `/usr/local/apache2/bin:${ctx.env.PATH ?? ""}` });
  },
};
