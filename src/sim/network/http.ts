/**
 * HTTP/1.1 as text: status phrases, URLs as clients parse them, and the wire form of responses (what
 * `nc` servers write and what `curl -i` prints).
 */
import type { HttpResponse } from "./types";

export const STATUS_TEXT: Record<number, string> = {
  100: "Continue",
  101: "Switching Protocols",
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  413: "Request Entity Too Large",
  417: "Expectation Failed",
  418: "I'm a teapot",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function statusText(code: number): string {
  return STATUS_TEXT[code] ?? "";
}

/** A URL as wget and curl take it ("example.com", "http://10.244.1.5:8080/healthz?x=1"). */
export interface ParsedUrl {
  scheme: "http" | "https";
  host: string;
  port: number;
  path: string;
}

export function parseUrl(text: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?([^#]*)/.exec(text.trim());
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? "http").toLowerCase();
  if (scheme !== "http" && scheme !== "https") return undefined;
  const port = m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80;
  let path = m[4] || "/";
  if (!path.startsWith("/")) path = "/" + path;
  return { scheme, host: m[2].replace(/^\[|\]$/g, ""), port, path };
}

/** Header name in the canonical form servers print it ("Content-Type"). */
export function canonicalHeader(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** A response in wire format. */
export function serializeResponse(res: HttpResponse, proto = "HTTP/1.1"): string {
  const lines = [`${proto} ${res.status} ${statusText(res.status)}`];
  for (const [k, v] of Object.entries(res.headers ?? {})) lines.push(`${canonicalHeader(k)}: ${v}`);
  return lines.join("\r\n") + "\r\n\r\n" + res.body;
}

/** Parses what a raw server wrote as an HTTP response; undefined when it is not one. */
export function parseRawHttpResponse(text: string): HttpResponse | undefined {
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})[^\r\n]*\r?\n/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  const split = /\r?\n\r?\n/.exec(rest);
  const headerText = split ? rest.slice(0, split.index) : rest;
  const body = split ? rest.slice(split.index + split[0].length) : "";
  const headers: Record<string, string> = {};
  for (const line of headerText.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body };
}
