/** Helpers the modelled programs share: log timestamp formats, Go-style flags, query strings. */
import type { ProgramContext } from "./program";

const p2 = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Go's log package: "2025/01/01 00:00:05". */
export function goLogTime(d: Date): string {
  // Servers log every request, mostly within the same second as the last: format each second once.
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastLogSecond) {
    lastLogSecond = second;
    lastLogTime = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  }
  return lastLogTime;
}

let lastLogSecond = Number.NaN;
let lastLogTime = "";

/** A Go log.Printf line. */
export function goLog(ctx: ProgramContext, msg: string, stream: "stdout" | "stderr" = "stderr"): void {
  const line = `${goLogTime(ctx.date())} ${msg}\n`;
  if (stream === "stderr") ctx.err(line);
  else ctx.out(line);
}

/** klog/glog: "I0101 00:00:05.123456       1 main.go:42] msg". */
export function klog(ctx: ProgramContext, level: "I" | "W" | "E", file: string, msg: string): void {
  const d = ctx.date();
  const us = String(d.getUTCMilliseconds() * 1000).padStart(6, "0");
  ctx.err(`${level}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us}       ${ctx.process.pid} ${file}] ${msg}\n`);
}

/** nginx/Apache common log time: "01/Jan/2025:00:00:05 +0000". */
export function clfTime(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastClfSecond) {
    lastClfSecond = second;
    lastClfTime = `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
  }
  return lastClfTime;
}

let lastClfSecond = Number.NaN;
let lastClfTime = "";

/**
 * An HTTP date ("Mon, 01 Jan 2024 00:00:00 GMT") of Unix ms, formatted once per second. The last
 * two are kept: a static file's response carries its own Date and the file's Last-Modified.
 */
export function httpDate(unixMs: number): string {
  const second = Math.floor(unixMs / 1000);
  if (second === httpSeconds[0]) return httpDates[0];
  if (second === httpSeconds[1]) return httpDates[1];
  httpSeconds[1] = httpSeconds[0];
  httpDates[1] = httpDates[0];
  httpSeconds[0] = second;
  httpDates[0] = new Date(second * 1000).toUTCString();
  return httpDates[0];
}

const httpSeconds = [Number.NaN, Number.NaN];
const httpDates = ["", ""];

/** Go's flag package: `-name=value`, `-name value`, `--name value`; bools without a value. */
export function goFlags(args: string[], bools: string[] = []): { flags: Map<string, string>; rest: string[] } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      rest.push(...args.slice(i + 1));
      break;
    }
    const m = /^--?([A-Za-z0-9][\w.-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    if (m[2] !== undefined) flags.set(m[1], m[2]);
    else if (bools.includes(m[1])) flags.set(m[1], "true");
    else flags.set(m[1], args[++i] ?? "");
  }
  return { flags, rest };
}

/** The query parameters of a request path. */
export function queryOf(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const q = path.indexOf("?");
  if (q < 0) return out;
  for (const part of path.slice(q + 1).split("&")) {
    if (!part) continue;
    const [k, v = ""] = part.split("=");
    try {
      out.set(decodeURIComponent(k), decodeURIComponent(v.replace(/\+/g, " ")));
    } catch {
      out.set(k, v);
    }
  }
  return out;
}

/** The path without its query string. */
export function pathOf(path: string): string {
  const q = path.indexOf("?");
  return q < 0 ? path : path.slice(0, q);
}

/** A port from "8080", ":8080" or "0.0.0.0:8080". */
export function portOf(listen: string): number | undefined {
  const m = /(?:^|:)(\d+)$/.exec(listen);
  return m ? Number(m[1]) : undefined;
}

/** Go's fmt %v of a float64 (shortest representation). */
export function goFloat(n: number): string {
  return String(n);
}

/** Go's time.Duration String(). */
export function goDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1) return `${+(ms * 1000).toFixed(3)}µs`;
  if (ms < 1000) return `${+ms.toFixed(6)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = +((ms % 60_000) / 1000).toFixed(9);
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
}
