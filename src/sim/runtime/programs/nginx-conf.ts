/**
 * nginx's configuration language, as far as serving pages needs: directives and blocks with
 * includes (globs), parsed into servers (listen ports, root, index, locations with root/alias/
 * index/try_files/return/proxy_pass). Syntax errors carry nginx's own `[emerg]` text.
 */
import type { ContainerFs } from "../vfs/container-fs";
import { LruMap } from "../../util/lru";
import { dirname, joinPath, normalizePath } from "../vfs/paths";

export interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
  file: string;
  line: number;
}

export interface NginxLocation {
  modifier: "" | "=" | "~" | "~*" | "^~";
  path: string;
  root?: string;
  alias?: string;
  index?: string[];
  tryFiles?: string[];
  ret?: { code: number; text?: string };
  proxyPass?: string;
}

export interface NginxServer {
  ports: number[];
  serverName: string;
  root: string;
  index: string[];
  locations: NginxLocation[];
  ret?: { code: number; text?: string };
  accessLog: string;
  errorPages: Map<number, string>;
}

export interface NginxConfig {
  servers: NginxServer[];
  daemon: boolean;
  workerProcesses: string;
  pidFile: string;
  errorLog: string;
  user: string;
}

export class NginxConfigError extends Error {}

type Token = { readonly t: string; readonly line: number };

/**
 * A file's directives as its text alone gives them, its includes not yet read: an `include` to
 * expand, a directive whose block includes files (made anew at each expansion), or the syntax error
 * where parsing stopped. Directives are never changed once made, so every expansion shares the rest.
 */
type Part = Directive | { include: string } | { directive: Directive; parts: Part[] } | { error: string };

/**
 * Compiled files by text, with the path they were compiled for: every nginx container of a
 * Deployment reads the same files, the very same strings, whose hashes V8 keeps.
 */
const compiled = new LruMap<string, { path: string; parts: Part[] }>(64);

function compile(text: string, path: string): Part[] {
  const hit = compiled.get(text);
  if (hit && hit.path === path) return hit.parts;
  const parts = compileTokens(tokenize(text, path), path);
  compiled.set(text, { path, parts });
  return parts;
}

function tokenize(text: string, file: string): { t: string; line: number }[] {
  const out: { t: string; line: number }[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\n") {
      line++;
      i++;
    } else if (/\s/.test(ch)) i++;
    else if (ch === "#") while (i < text.length && text[i] !== "\n") i++;
    else if (ch === ";" || ch === "{" || ch === "}") {
      out.push({ t: ch, line });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let s = "";
      while (j < text.length && text[j] !== ch) {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        if (text[j] === "\n") line++;
        s += text[j++];
      }
      if (j >= text.length) throw new NginxConfigError(`nginx: [emerg] unexpected end of file, expecting ";" or "}" in ${file}:${line}`);
      out.push({ t: `\u0000${s}`, line });
      i = j + 1;
    } else {
      let s = "";
      while (i < text.length && !/[\s;{}]/.test(text[i])) s += text[i++];
      out.push({ t: s, line });
    }
  }
  return out;
}

/**
 * Parses a file's tokens into parts. A syntax error ends the parts where nginx stops, so expanding
 * them reads the includes before it, as nginx does, and then fails with its message.
 */
function compileTokens(toks: readonly Token[], path: string): Part[] {
  let pos = 0;
  const parseBlock = (inBlock: boolean): { parts: Part[]; failed: boolean } => {
    const parts: Part[] = [];
    const fail = (error: string) => {
      parts.push({ error });
      return { parts, failed: true };
    };
    let words: Token[] = [];
    while (pos < toks.length) {
      const tok = toks[pos++];
      if (tok.t === ";") {
        if (words.length === 0) continue;
        const d = toDirective(words, path);
        parts.push(d.name === "include" ? { include: d.args[0] ?? "" } : d);
        words = [];
      } else if (tok.t === "{") {
        if (words.length === 0) return fail(`nginx: [emerg] unexpected "{" in ${path}:${tok.line}`);
        const d = toDirective(words, path);
        words = [];
        const inner = parseBlock(true);
        if (inner.parts.every(isDirective)) {
          d.block = inner.parts as Directive[];
          parts.push(d);
        } else parts.push({ directive: d, parts: inner.parts });
        if (inner.failed) return { parts, failed: true };
      } else if (tok.t === "}") {
        if (!inBlock) return fail(`nginx: [emerg] unexpected "}" in ${path}:${tok.line}`);
        if (words.length > 0) return fail(`nginx: [emerg] unexpected "}" in ${path}:${tok.line}`);
        return { parts, failed: false };
      } else words.push(tok);
    }
    if (inBlock || words.length > 0) return fail(`nginx: [emerg] unexpected end of file, expecting "${words.length ? ";" : "}"}" in ${path}:${toks[toks.length - 1]?.line ?? 1}`);
    return { parts, failed: false };
  };
  return parseBlock(false).parts;
}

function isDirective(p: Part): p is Directive {
  return "name" in p;
}

/** Parses a file (following includes) into directives. */
export function parseFile(fs: ContainerFs, path: string, depth = 0): Directive[] {
  const text = fs.readText(path);
  if (text === undefined) throw new NginxConfigError(`nginx: [emerg] open() "${path}" failed (2: No such file or directory)`);
  return expand(compile(text, path), fs, path, depth);
}

/** The directives of compiled parts, with the included files read now. */
function expand(parts: Part[], fs: ContainerFs, path: string, depth: number): Directive[] {
  const list: Directive[] = [];
  for (const p of parts) {
    if ("name" in p) list.push(p);
    else if ("include" in p) list.push(...includeFiles(fs, path, p.include, depth));
    else if ("directive" in p) list.push({ ...p.directive, block: expand(p.parts, fs, path, depth) });
    else throw new NginxConfigError(p.error);
  }
  return list;
}

function toDirective(words: Token[], file: string): Directive {
  const clean = words.map((w) => (w.t.startsWith("\u0000") ? w.t.slice(1) : w.t));
  return { name: clean[0], args: clean.slice(1), file, line: words[0].line };
}

function includeFiles(fs: ContainerFs, from: string, pattern: string, depth: number): Directive[] {
  if (depth > 10) return [];
  const abs = pattern.startsWith("/") ? pattern : joinPath("/etc/nginx", pattern);
  if (!abs.includes("*")) return parseFile(fs, normalizePath(abs), depth + 1);
  const dir = dirname(abs);
  const re = globPattern(abs.slice(dir.length + 1));
  let names: string[] = [];
  try {
    names = fs.listDir(dir).filter((n) => re.test(n));
  } catch {
    names = [];
  }
  void from;
  return names.flatMap((n) => parseFile(fs, joinPath(dir, n), depth + 1));
}

/** Compiled include globs ("*.conf"): the same few, included by every nginx start. */
const globs = new LruMap<string, RegExp>(64);

/** A file name glob as a regular expression matching whole names. */
function globPattern(glob: string): RegExp {
  let re = globs.get(glob);
  if (!re) globs.set(glob, (re = new RegExp("^" + glob.replace(/[.+^$()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$")));
  return re;
}

/** Reads the whole configuration into servers. */
export function loadConfig(fs: ContainerFs, path: string, globalDirectives: string): NginxConfig {
  const top = parseFile(fs, path);
  const extra = globalDirectives ? parseGlobal(globalDirectives) : [];
  const all = [...top, ...extra];
  const cfg: NginxConfig = { servers: [], daemon: true, workerProcesses: "1", pidFile: "/var/run/nginx.pid", errorLog: "/var/log/nginx/error.log", user: "nobody" };
  for (const d of all) {
    if (d.name === "daemon") cfg.daemon = d.args[0] !== "off";
    else if (d.name === "worker_processes") cfg.workerProcesses = d.args[0] ?? "1";
    else if (d.name === "pid") cfg.pidFile = d.args[0];
    else if (d.name === "error_log") cfg.errorLog = d.args[0];
    else if (d.name === "user") cfg.user = d.args[0];
  }
  const http = all.find((d) => d.name === "http");
  if (!http?.block) return cfg;
  const httpRoot = http.block.find((d) => d.name === "root")?.args[0] ?? "html";
  const httpIndex = http.block.find((d) => d.name === "index")?.args ?? ["index.html"];
  const httpLog = http.block.find((d) => d.name === "access_log")?.args[0] ?? "/var/log/nginx/access.log";
  for (const s of http.block.filter((d) => d.name === "server")) cfg.servers.push(serverOf(s, httpRoot, httpIndex, httpLog));
  return cfg;
}

/** What a server block says by itself; root, index and access_log fall back to the http block's. */
interface ServerBlock {
  ports: number[];
  serverName: string;
  root: string | undefined;
  index: string[] | undefined;
  accessLog: string | undefined;
  errorPages: Map<number, string>;
  locations: NginxLocation[];
  ret: { code: number; text?: string } | undefined;
}

/**
 * Server blocks by directive: directives are never changed, and every container of a Deployment
 * reads the same files (the same directives), so each block is read once.
 */
const serverBlocks = new WeakMap<Directive, ServerBlock>();

/** A server of the configuration: a new object for each load (nginx opens its logs per server it loads). */
function serverOf(s: Directive, httpRoot: string, httpIndex: string[], httpLog: string): NginxServer {
  let block = serverBlocks.get(s);
  if (!block) serverBlocks.set(s, (block = serverBlock(s)));
  const server: NginxServer = {
    ports: block.ports,
    serverName: block.serverName,
    root: block.root ?? httpRoot,
    index: block.index ?? httpIndex,
    locations: block.locations,
    accessLog: block.accessLog ?? httpLog,
    errorPages: block.errorPages,
  };
  if (block.ret) server.ret = block.ret;
  return server;
}

function serverBlock(s: Directive): ServerBlock {
  const b = s.block ?? [];
  const ports = b.filter((d) => d.name === "listen").map((d) => Number(/(\d+)(?!.*\d)/.exec(d.args[0] ?? "80")?.[1] ?? 80));
  const ret = b.find((d) => d.name === "return");
  const block: ServerBlock = {
    ports: [...new Set(ports.length ? ports : [80])],
    serverName: b.find((d) => d.name === "server_name")?.args[0] ?? "",
    root: b.find((d) => d.name === "root")?.args[0],
    index: b.find((d) => d.name === "index")?.args,
    accessLog: b.find((d) => d.name === "access_log")?.args[0],
    errorPages: new Map(),
    locations: [],
    ret: ret ? parseReturn(ret.args) : undefined,
  };
  for (const ep of b.filter((d) => d.name === "error_page")) for (const code of ep.args.slice(0, -1)) block.errorPages.set(Number(code), ep.args[ep.args.length - 1]);
  for (const l of b.filter((d) => d.name === "location")) {
    const [a, p] = l.args;
    const modifier = (["=", "~", "~*", "^~"].includes(a) ? a : "") as NginxLocation["modifier"];
    const lb = l.block ?? [];
    const get = (n: string) => lb.find((d) => d.name === n)?.args;
    const r = get("return");
    block.locations.push({
      modifier,
      path: modifier ? (p ?? "/") : a,
      root: get("root")?.[0],
      alias: get("alias")?.[0],
      index: get("index"),
      tryFiles: get("try_files"),
      ret: r ? parseReturn(r) : undefined,
      proxyPass: get("proxy_pass")?.[0],
    });
  }
  return block;
}

function parseReturn(args: string[]): { code: number; text?: string } {
  if (/^\d+$/.test(args[0] ?? "")) return { code: Number(args[0]), text: args[1] };
  return { code: 302, text: args[0] };
}

/** `-g` directives by text: the same for every container of a Deployment, and never changed. */
const globals = new LruMap<string, Directive[]>(64);

function parseGlobal(text: string): Directive[] {
  let directives = globals.get(text);
  if (!directives) globals.set(text, (directives = parseGlobalText(text)));
  return directives;
}

function parseGlobalText(text: string): Directive[] {
  return text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, ...args] = s.split(/\s+/);
      return { name, args, file: "command line", line: 1 };
    });
}

/** The location a request path selects, by nginx's rules. */
export function selectLocation(server: NginxServer, path: string): NginxLocation | undefined {
  const exact = server.locations.find((l) => l.modifier === "=" && l.path === path);
  if (exact) return exact;
  let best: NginxLocation | undefined;
  for (const l of server.locations) {
    if ((l.modifier === "" || l.modifier === "^~") && path.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  if (best?.modifier === "^~") return best;
  for (const l of server.locations) {
    if (l.modifier !== "~" && l.modifier !== "~*") continue;
    try {
      if (new RegExp(l.path, l.modifier === "~*" ? "i" : "").test(path)) return l;
    } catch {
      continue;
    }
  }
  return best;
}
