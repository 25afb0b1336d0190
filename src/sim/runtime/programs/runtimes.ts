/**
 * Language runtimes, far enough for the lessons' commands: perl one-liners (print, sleep, and the
 * Job example's `bpi(2000)`), python (`-m http.server`, print one-liners, Flask apps that call
 * app.run), node (an http.createServer script), pip.
 */
import type { HttpRequest, HttpResponse } from "../../network/types";
import { joinPath, resolveAgainst } from "../vfs/paths";
import { piDigits } from "./pi";
import type { Program, ProgramContext } from "./program";
import { pathOf } from "./support";

/** CPU seconds perl's bignum takes for bpi(n) (it is slow: the Job example runs ~10 s). */
const BPI_MS_PER_DIGIT = 4.5;

/** The string literals of print-like calls in a line of code. */
function printed(code: string, fn: RegExp): string[] {
  const out: string[] = [];
  const re = new RegExp(`${fn.source}\\s*\\(?\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|'((?:[^'\\\\]|\\\\.)*)')`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) out.push(m[1] !== undefined ? m[1].replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\"/g, '"') : m[2]);
  return out;
}

export const perl: Program = {
  name: "perl",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes("-v") || args.includes("--version")) {
      ctx.out(`\nThis is perl 5, version 40, subversion 0 (v${ctx.container.image.version}) built for x86_64-linux-gnu-thread-multi\n\nCopyright 1987-2024, Larry Wall\n`);
      return 0;
    }
    let code: string | undefined;
    let newline = false;
    let debugger_ = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-e" || a === "-E") code = args[++i];
      else if (/^-[wlsMd]/.test(a) || a.startsWith("-M")) {
        if (a.includes("l") && !a.startsWith("-M")) newline = true;
        if (a.startsWith("-d")) debugger_ = true;
        if (/^-[a-zA-Z]*e$/.test(a) && !a.startsWith("-M")) code = args[++i];
      } else if (!a.startsWith("-") && code === undefined) code = ctx.container.fs.readText(resolveAgainst(ctx.cwd, a)) ?? "";
    }
    if (debugger_ && (code === undefined || code === "0")) {
      ctx.out("\nLoading DB routines from perl5db.pl version 1.77\nEditor support available.\n\nEnter h or 'h h' for help, or 'man perldebug' for more help.\n\nmain::(-e:1):\t0\n");
      return 0;
    }
    if (code === undefined) return 0;
    const bpi = /bpi\((\d+)\)/.exec(code);
    if (bpi) {
      const n = Number(bpi[1]);
      ctx.setResources(12_000_000, 1000);
      await ctx.sleep(Math.max(200, n * BPI_MS_PER_DIGIT));
      ctx.out(piDigits(n) + (newline ? "\n" : ""));
      return 0;
    }
    for (const stmt of code.split(";")) {
      const sleep = /^\s*sleep\s*\(?\s*(\d+)/.exec(stmt);
      if (sleep) await ctx.sleep(Number(sleep[1]) * 1000);
      for (const s of printed(stmt, /\b(?:print|say)/)) ctx.out(s + (newline || /\bsay\b/.test(stmt) ? "\n" : ""));
    }
    return 0;
  },
};

function pyLogTime(ctx: ProgramContext): string {
  const d = ctx.date();
  const M = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${M[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export const python: Program = {
  name: "python",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const version = ctx.container.image.version;
    if (args[0] === "-V" || args[0] === "--version") {
      ctx.out(`Python ${version}\n`);
      return 0;
    }
    // Python buffers stdout when it is not a terminal; stderr is unbuffered.
    const unbuffered = !!ctx.env.PYTHONUNBUFFERED || args.includes("-u") || ctx.container.config.tty;
    const pending: string[] = [];
    const out = (t: string) => (unbuffered ? ctx.out(t) : pending.push(t));
    const rest = args.filter((a) => a !== "-u");
    try {
      if (rest[0] === "-m" && rest[1] === "http.server") return await httpServer(ctx, rest.slice(2), out);
      if (rest[0] === "-c") {
        for (const line of (rest[1] ?? "").split(/[;\n]/)) {
          const sleep = /time\.sleep\(\s*([\d.]+)\s*\)/.exec(line);
          if (sleep) await ctx.sleep(Number(sleep[1]) * 1000);
          for (const s of printed(line, /\bprint/)) out(`${s}\n`);
        }
        return 0;
      }
      if (rest.length === 0 || rest[0] === "-") return 0;
      const file = resolveAgainst(ctx.cwd, rest[0]);
      const src = ctx.container.fs.readText(file);
      if (src === undefined) {
        ctx.err(`python: can't open file '${file}': [Errno 2] No such file or directory\n`);
        return 2;
      }
      if (/Flask\(__name__\)/.test(src) && /\.run\(/.test(src)) return await flask(ctx, src, rest[0]);
      for (const s of printed(src, /\bprint/)) out(`${s}\n`);
      return 0;
    } finally {
      if (pending.length) ctx.out(pending.join(""));
    }
  },
};

async function httpServer(ctx: ProgramContext, args: string[], out: (t: string) => void): Promise<number> {
  let port = 8000;
  let bind = "0.0.0.0";
  let dir = ctx.cwd;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--bind" || args[i] === "-b") bind = args[++i];
    else if (args[i] === "--directory" || args[i] === "-d") dir = resolveAgainst(ctx.cwd, args[++i]);
    else if (/^\d+$/.test(args[i])) port = Number(args[i]);
  }
  ctx.setResources(14_000_000, 1);
  const fs = ctx.container.fs;
  ctx.listen(port, {
    address: bind,
    http: (req: HttpRequest) => {
      const path = decodeURIComponent(pathOf(req.path));
      const full = joinPath(dir, path);
      const node = fs.lookup(full);
      let res: HttpResponse;
      if (node?.kind === "dir") {
        if (!path.endsWith("/")) res = { status: 301, headers: { location: `${path}/` }, body: "" };
        else {
          const index = fs.readText(joinPath(full, "index.html"));
          if (index !== undefined) res = { status: 200, headers: { "content-type": "text/html" }, body: index };
          else {
            const items = fs.listDir(full).map((n) => (fs.lookup(joinPath(full, n))?.kind === "dir" ? `${n}/` : n));
            res = { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n${items.map((n) => `<li><a href="${n}">${n}</a></li>\n`).join("")}</ul>\n<hr>\n</body>\n</html>\n` };
          }
        }
      } else if (node?.kind === "file") res = { status: 200, headers: { "content-type": "application/octet-stream" }, body: fs.readText(full) ?? "" };
      else res = { status: 404, headers: { "content-type": "text/html;charset=utf-8" }, body: `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n` };
      if (res.status === 404) ctx.err(`${req.from.ip} - - [${pyLogTime(ctx)}] code 404, message File not found\n`);
      ctx.err(`${req.from.ip} - - [${pyLogTime(ctx)}] "${req.method} ${req.path} ${req.proto}" ${res.status} -\n`);
      return res;
    },
  });
  out(`Serving HTTP on ${bind} port ${port} (http://${bind}:${port}/) ...\n`);
  // Python as PID 1 has no SIGTERM handler: the kernel drops it. Ctrl-C (SIGINT) stops it.
  return ctx.untilSignal({ INT: 0 }, () => out("\nKeyboard interrupt received, exiting.\n"));
}

async function flask(ctx: ProgramContext, src: string, file: string): Promise<number> {
  const port = Number(/port\s*=\s*(\d+)/.exec(src)?.[1] ?? "5000");
  const host = /host\s*=\s*["']([^"']+)["']/.exec(src)?.[1] ?? "127.0.0.1";
  const routes = new Map<string, string>();
  const re = /@app\.route\(\s*["']([^"']+)["'][^)]*\)\s*\ndef\s+\w+\([^)]*\):\s*\n\s*return\s+(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) routes.set(m[1], m[2] ?? m[3] ?? "");
  const legacy = ctx.container.image.version.startsWith("3.6") || ctx.container.image.version.startsWith("2.");
  ctx.setResources(28_000_000, 1);
  if (legacy) ctx.err(` * Running on http://${host}:${port}/ (Press CTRL+C to quit)\n`);
  else {
    ctx.err(` * Serving Flask app '${file.replace(/\.py$/, "").split("/").pop()}'\n * Debug mode: off\nWARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.\n`);
    if (host === "0.0.0.0") ctx.err(` * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:${port}\n * Running on http://${ctx.container.pod.ip}:${port}\n`);
    else ctx.err(` * Running on http://${host}:${port}\n`);
    ctx.err("Press CTRL+C to quit\n");
  }
  ctx.listen(port, {
    address: host,
    http: (req) => {
      const body = routes.get(pathOf(req.path));
      const res = body === undefined
        ? { status: 404, headers: { "content-type": "text/html; charset=utf-8" }, body: '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n' }
        : { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body };
      ctx.err(`${req.from.ip} - - [${pyLogTime(ctx)}] "${req.method} ${req.path} ${req.proto}" ${res.status} -\n`);
      return res;
    },
  });
  return ctx.untilSignal({ INT: 0 });
}

export const pip: Program = {
  name: "pip",
  async run(ctx) {
    ctx.out(`pip 24.3.1 from /usr/local/lib/python3.13/site-packages/pip (python 3.13)\n`);
    return 0;
  },
};

export const node: Program = {
  name: "node",
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === "-v" || args[0] === "--version") {
      ctx.out(`${ctx.container.image.version}\n`);
      return 0;
    }
    if (args[0] === "-e") {
      for (const s of printed(args[1] ?? "", /console\.log/)) ctx.out(`${s}\n`);
      return 0;
    }
    if (!args[0]) return 0;
    const file = resolveAgainst(ctx.cwd, args[0]);
    const src = ctx.container.fs.readText(file);
    if (src === undefined) {
      ctx.err(`module.js:471\n    throw err;\n    ^\n\nError: Cannot find module '${file}'\n`);
      return 1;
    }
    const listen = /\.listen\(\s*(\d+)/.exec(src);
    if (!listen) {
      for (const s of printed(src, /console\.log/)) ctx.out(`${s}\n`);
      return 0;
    }
    const reply = /\.end\(\s*["']([^"']*)["']/.exec(src)?.[1] ?? "";
    const logsUrl = /console\.log\(\s*["']([^"']*)["']\s*\+\s*request\.url\)/.exec(src)?.[1];
    ctx.setResources(22_700_000, 1);
    ctx.listen(Number(listen[1]), {
      http: (req) => {
        if (logsUrl !== undefined) ctx.out(`${logsUrl}${req.path}\n`);
        return { status: 200, body: reply };
      },
    });
    // Node as PID 1 installs no SIGTERM handler (the kernel drops the signal); under a shell it dies.
    return ctx.untilSignal({});
  },
};
