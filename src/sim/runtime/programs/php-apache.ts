/**
 * php-apache, the HorizontalPodAutoscaler walkthrough's server (registry.k8s.io/hpa-example): Apache
 * with mod_php serving an index.php that runs a million square roots and answers `OK!`. Every request
 * burns a fixed amount of CPU, so the container's CPU use follows the request rate it serves (averaged
 * over the last few seconds, as a rate between two scrapes would be), up to its CPU limit; a request
 * takes longer when the limit throttles it and longer still when requests queue up.
 */
import type { HttpResponse } from "../../network/types";
import type { Program, ProgramContext } from "./program";
import { clfTime, pathOf } from "./support";

/** The server's cost model, as data. */
export const PHP_APACHE = {
  /** CPU time one request to index.php takes on a full core (the square-root loop). */
  cpuMsPerRequest: 100,
  /** The CPU use reported is the average over this window. */
  windowMs: 15_000,
  /** Idle Apache: a millicore and about 11 MiB in its prefork workers. */
  idleCpuMilli: 1,
  baseMemoryBytes: 11_800_000,
  /** Each busy worker adds a little memory. */
  busyWorkerBytes: 600_000,
  /** How often the reported CPU use is recomputed while traffic fades. */
  refreshMs: 1_000,
} as const;

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

function errorLogTime(ctx: ProgramContext): string {
  const d = ctx.date();
  const us = String(d.getUTCMilliseconds() * 1000 + 421).padStart(6, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${d.getUTCFullYear()}`;
}

const NOT_FOUND = (path: string) =>
  `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${path} was not found on this server.</p>\n<hr>\n<address>Apache/2.4.10 (Debian) Server at localhost Port 80</address>\n</body></html>\n`;

export const phpApache: Program = {
  name: "php-apache",
  async run(ctx) {
    const ip = ctx.container.pod.ip;
    const warn = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
    ctx.err(warn);
    ctx.err(warn);
    const c = ctx.container;
    const limitMilli = Math.min(c.config.cpuLimitMilli ?? c.node.cpus * 1000, c.node.cpus * 1000);
    // CPU-ms of requests per second bucket, for the moving average.
    const buckets = new Map<number, number>();
    let refresh: { cancel(): void } | undefined;
    const demandMilli = (now: number): number => {
      const from = Math.floor((now - PHP_APACHE.windowMs) / 1000);
      let sum = 0;
      for (const [sec, ms] of buckets) {
        if (sec <= from) buckets.delete(sec);
        else sum += ms;
      }
      return (sum * 1000) / PHP_APACHE.windowMs;
    };
    const report = (): number => {
      const demand = demandMilli(ctx.now());
      const busy = Math.ceil(demand / 1000);
      ctx.setResources(PHP_APACHE.baseMemoryBytes + busy * PHP_APACHE.busyWorkerBytes, Math.max(PHP_APACHE.idleCpuMilli, Math.min(demand, limitMilli)));
      return demand;
    };
    // While requests are in the window the average keeps moving: recompute it until the window is empty.
    const keepReporting = () => {
      refresh = undefined;
      if (ctx.process.exited) return;
      report();
      if (buckets.size > 0) refresh = c.clock.after(PHP_APACHE.refreshMs, keepReporting, `${c.name}: php-apache load`);
    };
    ctx.setResources(PHP_APACHE.baseMemoryBytes, PHP_APACHE.idleCpuMilli);
    ctx.listen(80, {
      http: (req): HttpResponse => {
        const path = pathOf(req.path);
        if (path !== "/" && path !== "/index.php") {
          const body = NOT_FOUND(path);
          ctx.out(`${req.from.ip} - - [${clfTime(ctx.date())}] "${req.method} ${req.path} ${req.proto}" 404 ${body.length + 180} "-" "${req.headers["user-agent"] ?? "-"}"\n`);
          return { status: 404, body, headers: { server: "Apache/2.4.10 (Debian)", "content-type": "text/html; charset=iso-8859-1" } };
        }
        const sec = Math.floor(ctx.now() / 1000);
        buckets.set(sec, (buckets.get(sec) ?? 0) + PHP_APACHE.cpuMsPerRequest);
        const demand = report();
        refresh ??= c.clock.after(PHP_APACHE.refreshMs, keepReporting, `${c.name}: php-apache load`);
        // One request runs in one worker: at most a core, less under a lower limit, queued when demand exceeds it.
        const perRequestMilli = Math.min(1000, limitMilli);
        const queueing = Math.max(1, demand / limitMilli);
        const delayMs = (PHP_APACHE.cpuMsPerRequest * 1000 * queueing) / perRequestMilli;
        ctx.out(`${req.from.ip} - - [${clfTime(ctx.date())}] "${req.method} ${req.path} ${req.proto}" 200 190 "-" "${req.headers["user-agent"] ?? "-"}"\n`);
        return { status: 200, body: "OK!", delayMs, headers: { server: "Apache/2.4.10 (Debian)", "x-powered-by": "PHP/5.6.14", "content-type": "text/html" } };
      },
    });
    ctx.err(`[${errorLogTime(ctx)}] [mpm_prefork:notice] [pid ${ctx.process.pid}] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations\n`);
    ctx.err(`[${errorLogTime(ctx)}] [core:notice] [pid ${ctx.process.pid}] AH00094: Command line: 'apache2 -D FOREGROUND'\n`);
    const status = await ctx.untilSignal({ TERM: 0, WINCH: 0, INT: 0 }, (sig) => {
      ctx.err(`[${errorLogTime(ctx)}] [mpm_prefork:notice] [pid ${ctx.process.pid}] ${sig === 28 ? "AH00170: caught SIGWINCH, shutting down gracefully" : "AH00169: caught SIGTERM, shutting down"}\n`);
    });
    refresh?.cancel();
    return status;
  },
};
