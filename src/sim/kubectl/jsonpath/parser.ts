/**
 * The parser of client-go's JSONPath (k8s.io/client-go/util/jsonpath), the dialect kubectl speaks in
 * `-o jsonpath`, `--sort-by` and custom columns: text outside `{}` is printed as is; inside, fields
 * (`.a.b`), `[n]`, slices `[a:b:c]`, `[*]`, unions `[a,b]`, `['key']`, filters `[?(@.x=="y")]`,
 * recursive descent `..`, quoted text, numbers, booleans and the `range`/`end` keywords. Error
 * messages are client-go's.
 */

export type Node =
  | ListNode
  | { type: "text"; text: string }
  | { type: "field"; value: string }
  | { type: "identifier"; name: string }
  | { type: "array"; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: "filter"; left: ListNode; right: ListNode; operator: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; nodes: ListNode[] };

export interface ListNode {
  type: "list";
  nodes: Node[];
}

export interface ParamsEntry {
  value: number;
  known: boolean;
  /** The end of `[n]`, derived as n+1. */
  derived: boolean;
}

/** A JSONPath syntax error, with client-go's message. */
export class JSONPathParseError extends Error {}

const LEFT = "{";
const RIGHT = "}";
const EOF = "";

/** Parses a template into its root list of nodes. */
export function parseJSONPath(text: string): ListNode {
  return new Parser(text).parse();
}

/** Parses `{text}` and returns the action's own list (client-go's parseAction). */
function parseAction(text: string): ListNode {
  const root = parseJSONPath(`${LEFT}${text}${RIGHT}`);
  return root.nodes[0] as ListNode;
}

class Parser {
  private readonly root: ListNode = { type: "list", nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.width = ch.length;
    this.pos += this.width;
    return ch;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith(LEFT, this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += LEFT.length;
    this.consumeText();
    const node: ListNode = { type: "list", nodes: [] };
    cur.nodes.push(node);
    return this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    const rest = this.input.slice(this.pos);
    if (rest.startsWith(RIGHT)) return this.parseRightDelim();
    if (rest.startsWith("[?(")) return this.parseFilter(cur);
    if (rest.startsWith("..")) return this.parseRecursive(cur);
    const r = this.next();
    if (r === EOF || r === "\r" || r === "\n") throw new JSONPathParseError("unclosed action");
    if (r === " " || r === "@" || r === "$") {
      this.consumeText();
    } else if (r === "[") {
      return this.parseArray(cur);
    } else if (r === '"' || r === "'") {
      return this.parseQuote(cur, r);
    } else if (r === ".") {
      return this.parseField(cur);
    } else if (r === "+" || r === "-" || isDigit(r)) {
      this.backup();
      return this.parseNumber(cur);
    } else if (isAlphaNumeric(r)) {
      this.backup();
      return this.parseIdentifier(cur);
    } else {
      throw new JSONPathParseError(`unrecognized character in action: ${goRuneU(r)}`);
    }
    return this.parseInsideAction(cur);
  }

  private parseRightDelim(): void {
    this.pos += RIGHT.length;
    this.consumeText();
    return this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ type: "bool", value: value === "true" });
    else cur.nodes.push({ type: "identifier", name: value });
    return this.parseInsideAction(cur);
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === "recursive") throw new JSONPathParseError("invalid multiple recursive descent");
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: "recursive" });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    return this.parseInsideAction(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === "+" || r === "-") this.next();
    for (;;) {
      const c = this.next();
      if (c !== "." && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ type: "int", value: Number(value) });
      return this.parseInsideAction(cur);
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: "float", value: Number(value) });
      return this.parseInsideAction(cur);
    }
    throw new JSONPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const c = this.next();
      if (c === EOF || c === "\n") throw new JSONPathParseError("unterminated array");
      if (c === "]") break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === "*") text = ":";

    const parts = text.split(",");
    if (parts.length > 1) {
      const union = parts.map((p) => parseAction(`[${p.replace(/^ +| +$/g, "")}]`));
      cur.nodes.push({ type: "union", nodes: union });
      return this.parseInsideAction(cur);
    }

    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      for (const n of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(n);
      return this.parseInsideAction(cur);
    }

    const m = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!m) throw new JSONPathParseError(`invalid array index ${text}`);
    const groups = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    const params: ParamsEntry[] = [];
    for (let i = 0; i < 3; i++) {
      let v = groups[i];
      const p: ParamsEntry = { value: 0, known: false, derived: false };
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") {
          p.known = false;
        } else {
          p.known = true;
          if (!/^[+-]?\d+$/.test(v)) throw new JSONPathParseError(`array index ${v} is not a number`);
          p.value = Number(v);
        }
      } else if (i === 1) {
        p.known = true;
        p.value = params[0].value + 1;
        p.derived = true;
      }
      params.push(p);
    }
    cur.nodes.push({ type: "array", params: params as [ParamsEntry, ParamsEntry, ParamsEntry] });
    return this.parseInsideAction(cur);
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new JSONPathParseError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")") {
        if (begin === end) break;
      }
    }
    if (this.next() !== "]") throw new JSONPathParseError("unclosed array expect ]");
    let text = this.consumeText();
    text = text.slice(0, -2);
    const value = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!value) {
      cur.nodes.push({ type: "filter", left: parseAction(text), right: { type: "list", nodes: [] }, operator: "exists" });
    } else {
      cur.nodes.push({ type: "filter", left: parseAction(value[1]), right: parseAction(value[3]), operator: value[2] });
    }
    return this.parseInsideAction(cur);
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const c = this.next();
      if (c === EOF || c === "\n") throw new JSONPathParseError("unterminated quoted string");
      if (c === end && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch {
      throw new JSONPathParseError(`unquote string ${value} error invalid syntax`);
    }
    cur.nodes.push({ type: "text", text: s });
    return this.parseInsideAction(cur);
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      // scan to the next unescaped terminator
    }
    const value = this.consumeText();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    else cur.nodes.push({ type: "field", value: value.replace(/\\/g, "") });
    return this.parseInsideAction(cur);
  }

  private advance(): boolean {
    const r = this.next();
    if (r === "\\") {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function isTerminator(r: string): boolean {
  return r === EOF || r === " " || r === "\t" || r === "\r" || r === "\n" || ".,[]$@{}".includes(r);
}

function isDigit(r: string): boolean {
  return /^\p{Nd}$/u.test(r);
}

function isAlphaNumeric(r: string): boolean {
  return r === "_" || /^[\p{L}\p{Nd}]$/u.test(r);
}

/** Go's %#U: "U+0023 '#'". */
function goRuneU(r: string): string {
  const cp = r.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${r}'`;
}

/** strconv.Unquote that also accepts single-quoted strings (client-go's UnquoteExtend). */
export function unquoteExtend(s: string): string {
  if (s.length < 2) throw new Error("invalid syntax");
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw new Error("invalid syntax");
  const body = s.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === quote) throw new Error("invalid syntax");
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case "a": out += "\x07"; break;
      case "b": out += "\b"; break;
      case "f": out += "\f"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "t": out += "\t"; break;
      case "v": out += "\v"; break;
      case "\\": out += "\\"; break;
      case "'":
      case '"':
        if (e !== quote) throw new Error("invalid syntax");
        out += e;
        break;
      case "x":
      case "u":
      case "U": {
        const n = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error("invalid syntax");
        out += String.fromCodePoint(parseInt(hex, 16));
        i += n;
        break;
      }
      default: {
        const oct = body.slice(i, i + 3);
        if (!/^[0-7]{3}$/.test(oct)) throw new Error("invalid syntax");
        out += String.fromCharCode(parseInt(oct, 8));
        i += 2;
      }
    }
  }
  return out;
}
