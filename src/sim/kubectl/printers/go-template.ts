/**
 * `-o go-template=...`: the part of Go's text/template that kubectl templates use — field chains
 * (`.metadata.name`, `$.kind`, `$x.name`), variables (`$x := ...`), `range` (with `$i, $e :=`),
 * `if`/`else if`/`else`, `with`, pipes, `{{-`/`-}}` trimming, string/number/bool literals, and the
 * functions index, len, eq, ne, lt, le, gt, ge, and, or, not, print, printf, println plus kubectl's
 * exists and base64decode. Values print as Go's fmt does; a missing map key prints "<no value>"
 * (or fails with --allow-missing-template-keys=false).
 */
import { decodeBase64Bytes, utf8Decode } from "../../util/base64";
import { goV } from "./gofmt";

export class GoTemplateError extends Error {}

type Expr =
  | { t: "field"; base: "dot" | "root" | string; path: string[] }
  | { t: "lit"; v: unknown }
  | { t: "call"; fn: string; args: Expr[] }
  | { t: "pipe"; cmds: Expr[] };

type TNode =
  | { t: "text"; s: string }
  | { t: "action"; e: Expr; decl?: string[] }
  | { t: "range"; e: Expr; decl: string[]; body: TNode[]; else: TNode[] }
  | { t: "if" | "with"; e: Expr; body: TNode[]; else: TNode[] };

export interface GoTemplate {
  nodes: TNode[];
}

/** Parses a template; throws GoTemplateError with text/template's wording where it can. */
export function parseGoTemplate(src: string): GoTemplate {
  const tokens: ({ t: "text"; s: string } | { t: "act"; s: string })[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    if (open < 0) {
      tokens.push({ t: "text", s: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let body = open + 2;
    if (src.startsWith("- ", body)) {
      text = text.replace(/\s+$/, "");
      body += 2;
    }
    const close = src.indexOf("}}", body);
    if (close < 0) throw new GoTemplateError(`template: output:1: unclosed action`);
    let inner = src.slice(body, close);
    let next = close + 2;
    if (inner.endsWith(" -")) {
      inner = inner.slice(0, -2);
      const m = /^\s*/.exec(src.slice(next))!;
      next += m[0].length;
    }
    if (text) tokens.push({ t: "text", s: text });
    tokens.push({ t: "act", s: inner.trim() });
    i = next;
  }
  let pos = 0;
  const parseList = (stop: string[]): { nodes: TNode[]; end: string } => {
    const nodes: TNode[] = [];
    while (pos < tokens.length) {
      const tok = tokens[pos++];
      if (tok.t === "text") {
        nodes.push({ t: "text", s: tok.s });
        continue;
      }
      const s = tok.s;
      if (s.startsWith("/*")) continue;
      const word = s.split(/\s+/)[0];
      if (stop.includes(word) || (word === "else" && stop.includes("else"))) return { nodes, end: s };
      if (word === "range" || word === "if" || word === "with") {
        nodes.push(parseBranch(word, s.slice(word.length).trim()));
        continue;
      }
      if (word === "end" || word === "else") throw new GoTemplateError(`template: output:1: unexpected {{${word}}}`);
      const d = /^(\$\w*)\s*:=\s*/.exec(s);
      if (d) nodes.push({ t: "action", e: parseExpr(s.slice(d[0].length)), decl: [d[1]] });
      else nodes.push({ t: "action", e: parseExpr(s) });
    }
    if (stop.length > 0) throw new GoTemplateError("template: output:1: unexpected EOF");
    return { nodes, end: "" };
  };
  // A range/if/with block up to its {{end}}; "else if" nests an if that shares the same {{end}}.
  const parseBranch = (word: string, rest: string): TNode => {
    let decl: string[] = [];
    const d = /^(\$\w*)(?:\s*,\s*(\$\w*))?\s*:=\s*/.exec(rest);
    if (d && word !== "if") {
      decl = d[2] ? [d[1], d[2]] : [d[1]];
      rest = rest.slice(d[0].length);
    }
    const e = parseExpr(rest);
    const body = parseList(["end", "else"]);
    let elseNodes: TNode[] = [];
    if (body.end.startsWith("else")) {
      const elseRest = body.end.slice(4).trim();
      if (elseRest.startsWith("if ")) elseNodes = [parseBranch("if", elseRest.slice(3).trim())];
      else elseNodes = parseList(["end"]).nodes;
    }
    if (word === "range") return { t: "range", e, decl, body: body.nodes, else: elseNodes };
    return { t: word as "if" | "with", e, body: body.nodes, else: elseNodes };
  };
  return { nodes: parseList([]).nodes };
}

function tokenizeExpr(s: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|\||[^\s()|]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out.push(m[1]);
    if (re.lastIndex >= s.length) break;
  }
  return out;
}

function parseExpr(s: string): Expr {
  const toks = tokenizeExpr(s);
  let p = 0;
  const pipeline = (): Expr => {
    const cmds: Expr[] = [command()];
    while (toks[p] === "|") {
      p++;
      cmds.push(command());
    }
    return cmds.length === 1 ? cmds[0] : { t: "pipe", cmds };
  };
  const command = (): Expr => {
    const args: Expr[] = [];
    while (p < toks.length && toks[p] !== "|" && toks[p] !== ")") args.push(operand());
    if (args.length === 0) throw new GoTemplateError("template: output:1: missing value for command");
    const head = args[0];
    if (head.t === "call" && head.args.length === 0) return { t: "call", fn: head.fn, args: args.slice(1) };
    if (args.length > 1) throw new GoTemplateError(`template: output:1: can't give argument to non-function`);
    return head;
  };
  const operand = (): Expr => {
    const tok = toks[p++];
    if (tok === "(") {
      const e = pipeline();
      if (toks[p++] !== ")") throw new GoTemplateError("template: output:1: unclosed left paren");
      return e;
    }
    if (tok.startsWith('"')) return { t: "lit", v: JSON.parse(tok) };
    if (tok.startsWith("`")) return { t: "lit", v: tok.slice(1, -1) };
    if (/^-?\d+(\.\d+)?$/.test(tok)) return { t: "lit", v: Number(tok) };
    if (tok === "true" || tok === "false") return { t: "lit", v: tok === "true" };
    if (tok === "nil") return { t: "lit", v: null };
    if (tok.startsWith(".")) return { t: "field", base: "dot", path: tok === "." ? [] : tok.slice(1).split(".") };
    if (tok.startsWith("$")) {
      const [v, ...path] = tok.split(".");
      return { t: "field", base: v === "$" ? "root" : v, path };
    }
    if (/^[A-Za-z_]\w*$/.test(tok)) return { t: "call", fn: tok, args: [] };
    throw new GoTemplateError(`template: output:1: unexpected "${tok}" in command`);
  };
  const e = pipeline();
  if (p < toks.length) throw new GoTemplateError(`template: output:1: unexpected "${toks[p]}" in operand`);
  return e;
}

const NO_VALUE = Symbol("no value");

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
}

/** Runs a template on an object. */
export function executeGoTemplate(tmpl: GoTemplate, data: unknown, opts: { missingKeyError: boolean }): string {
  const vars = new Map<string, unknown>([["$", data]]);
  let out = "";
  const run = (nodes: TNode[], scope: Scope) => {
    for (const n of nodes) {
      switch (n.t) {
        case "text":
          out += n.s;
          break;
        case "action": {
          const v = evaluate(n.e, scope, opts, undefined);
          if (n.decl) scope.vars.set(n.decl[0], v);
          else out += v === NO_VALUE ? "<no value>" : goV(v);
          break;
        }
        case "if":
        case "with": {
          const v = evaluate(n.e, scope, opts, undefined);
          if (truth(v)) run(n.body, n.t === "with" ? { dot: v, vars: new Map(scope.vars) } : scope);
          else run(n.else, scope);
          break;
        }
        case "range": {
          const v = evaluate(n.e, scope, opts, undefined);
          const entries: [unknown, unknown][] = Array.isArray(v)
            ? v.map((x, i) => [i, x])
            : v !== null && typeof v === "object"
              ? Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]])
              : typeof v === "number"
                ? Array.from({ length: v }, (_, i) => [i, i])
                : [];
          if (entries.length === 0) {
            run(n.else, scope);
            break;
          }
          for (const [k, x] of entries) {
            const inner = new Map(scope.vars);
            if (n.decl.length === 1) inner.set(n.decl[0], x);
            if (n.decl.length === 2) {
              inner.set(n.decl[0], k);
              inner.set(n.decl[1], x);
            }
            run(n.body, { dot: x, vars: inner });
          }
          break;
        }
      }
    }
  };
  run(tmpl.nodes, { dot: data, vars });
  return out;
}

function truth(v: unknown): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v as object).length > 0;
  return true;
}

function evaluate(e: Expr, scope: Scope, opts: { missingKeyError: boolean }, piped: unknown): unknown {
  switch (e.t) {
    case "lit":
      return e.v;
    case "field": {
      let v: unknown = e.base === "dot" ? scope.dot : e.base === "root" ? scope.vars.get("$") : scope.vars.get(e.base);
      if (e.base !== "dot" && e.base !== "root" && !scope.vars.has(e.base)) throw new GoTemplateError(`template: output:1: undefined variable "${e.base}"`);
      for (const key of e.path) {
        if (v === NO_VALUE || v === null || v === undefined) return NO_VALUE;
        if (typeof v !== "object" || Array.isArray(v)) throw new GoTemplateError(`template: output:1:${key}: can't evaluate field ${key} in type ${Array.isArray(v) ? "[]interface {}" : typeof v}`);
        const o = v as Record<string, unknown>;
        if (!(key in o)) {
          if (opts.missingKeyError) throw new GoTemplateError(`template: output:1: map has no entry for key "${key}"`);
          return NO_VALUE;
        }
        v = o[key];
      }
      return v;
    }
    case "pipe": {
      let v: unknown = undefined;
      e.cmds.forEach((c, i) => {
        v = evaluate(c, scope, opts, i === 0 ? undefined : v);
      });
      return v;
    }
    case "call": {
      const args = e.args.map((a) => evaluate(a, scope, opts, undefined));
      if (piped !== undefined) args.push(piped);
      return call(e.fn, args);
    }
  }
}

function call(fn: string, args: unknown[]): unknown {
  const val = (v: unknown) => (v === NO_VALUE ? undefined : v);
  switch (fn) {
    case "index": {
      let v = val(args[0]);
      for (const k of args.slice(1)) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[String(k)];
      return v === undefined ? NO_VALUE : v;
    }
    case "len": {
      const v = val(args[0]);
      if (typeof v === "string" || Array.isArray(v)) return v.length;
      if (v && typeof v === "object") return Object.keys(v).length;
      throw new GoTemplateError(`template: output:1: error calling len: len of type ${typeof v}`);
    }
    case "eq":
      return args.slice(1).some((b) => val(args[0]) === val(b));
    case "ne":
      return val(args[0]) !== val(args[1]);
    case "lt":
      return (val(args[0]) as number) < (val(args[1]) as number);
    case "le":
      return (val(args[0]) as number) <= (val(args[1]) as number);
    case "gt":
      return (val(args[0]) as number) > (val(args[1]) as number);
    case "ge":
      return (val(args[0]) as number) >= (val(args[1]) as number);
    case "and":
      return args.find((a) => !truth(a)) ?? args[args.length - 1];
    case "or":
      return args.find((a) => truth(a)) ?? args[args.length - 1];
    case "not":
      return !truth(args[0]);
    case "print":
      return args.map((a) => (a === NO_VALUE ? "<no value>" : goV(a))).join("");
    case "println":
      return args.map((a) => (a === NO_VALUE ? "<no value>" : goV(a))).join(" ") + "\n";
    case "printf": {
      let i = 1;
      return String(args[0]).replace(/%[-+# 0]*\d*(?:\.\d+)?([vsdqtfx%])/g, (_m, verb: string) => {
        if (verb === "%") return "%";
        const a = val(args[i++]);
        if (verb === "q") return JSON.stringify(String(a));
        return goV(a);
      });
    }
    case "exists": {
      let v = val(args[0]);
      for (const k of args.slice(1)) {
        if (v === null || typeof v !== "object" || !(String(k) in (v as object))) return false;
        v = (v as Record<string, unknown>)[String(k)];
      }
      return true;
    }
    case "base64decode":
      return decodeBase64(String(val(args[0]) ?? ""));
  }
  throw new GoTemplateError(`template: output:1: function "${fn}" not defined`);
}

function decodeBase64(s: string): string {
  const bytes = decodeBase64Bytes(s.replace(/=+$/, ""));
  if (bytes === undefined) throw new GoTemplateError(`base64 decode failed: illegal base64 data at input byte ${illegalAt(s)}`);
  return utf8Decode(bytes);
}

function illegalAt(s: string): number {
  const i = [...s].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  return i < 0 ? 0 : i;
}
