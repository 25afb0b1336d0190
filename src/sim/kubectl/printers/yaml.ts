/**
 * YAML exactly as `kubectl -o yaml` writes it. kubectl marshals through sigs.k8s.io/yaml, which turns
 * the object into JSON and re-encodes it with go-yaml v2 — a port of libyaml's emitter. This file ports
 * the parts that JSON data reaches: key order (go-yaml's "natural" keyList order), indentless block
 * sequences under mapping keys, `{}`/`[]` for empty collections, the choice between plain, 'single',
 * "double" and |literal styles, and line folding of long scalars past column 80.
 */
import { runeLength } from "./tabwriter";
import {
  analyzeScalar,
  escapeFor,
  hasBreak,
  isBase60Float,
  isBreak,
  isPrintable,
  resolvesToString,
  utf8Length,
  yamlKeyCompare,
  yamlNumber,
  type ScalarAnalysis,
} from "./yaml-scalars";

export { yamlKeyCompare };

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = "plain" | "single" | "double" | "literal";

/** Marshals JSON data as kubectl's YAML printer does (one document, ending with a newline). */
export function toYAML(value: unknown): string {
  const e = new Emitter();
  e.node(value, { root: true, sequence: false, mapping: false, simpleKey: false });
  e.writeIndent();
  return e.out;
}

interface NodeContext {
  root: boolean;
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

class Emitter {
  out = "";
  private column = 0;
  private indent = -1;
  private indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;

  node(v: unknown, ctx: NodeContext): void {
    this.mappingContext = ctx.mapping;
    this.simpleKeyContext = ctx.simpleKey;
    if (Array.isArray(v)) return v.length === 0 ? this.emptyFlow("[", "]") : this.blockSequence(v);
    if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined);
      return keys.length === 0 ? this.emptyFlow("{", "}") : this.blockMapping(o, keys.sort(yamlKeyCompare));
    }
    this.scalar(v);
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.indent = this.indents.pop()!;
    this.writeIndicator(close, false, false, false);
  }

  private blockSequence(items: unknown[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.node(item === undefined ? null : item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.indent = this.indents.pop()!;
  }

  private blockMapping(o: Record<string, unknown>, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      // libyaml's check_simple_key: at most 128 bytes and on one line.
      const simple = utf8Length(key) <= 128 && !hasBreak(key);
      if (simple) {
        this.node(key, { root: false, sequence: false, mapping: true, simpleKey: true });
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.node(key, { root: false, sequence: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.node(o[key], { root: false, sequence: false, mapping: true, simpleKey: false });
    }
    this.indent = this.indents.pop()!;
  }

  private scalar(v: unknown): void {
    let text: string;
    let requested: Style;
    if (typeof v === "string") {
      text = v;
      if (v.includes("\n")) requested = "literal";
      else requested = resolvesToString(v) && !isBase60Float(v) ? "plain" : "double";
    } else {
      text = v === null || v === undefined ? "null" : typeof v === "number" ? yamlNumber(v) : String(v);
      requested = "plain";
    }
    const a = analyzeScalar(text);
    const style = this.selectStyle(requested, a, text);
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case "plain":
        this.writePlain(text, allowBreaks);
        break;
      case "single":
        this.writeSingleQuoted(text, allowBreaks);
        break;
      case "double":
        this.writeDoubleQuoted(text, allowBreaks);
        break;
      case "literal":
        this.writeLiteral(text);
        break;
    }
    this.indent = this.indents.pop()!;
  }

  private selectStyle(requested: Style, a: ScalarAnalysis, text: string): Style {
    let style = requested;
    if (this.simpleKeyContext && a.multiline) style = "double";
    if (style === "plain") {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) style = "single";
      if (text.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = "single";
    }
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) style = "double";
    return style;
  }

  // ---- low-level writing, as libyaml's emitter does it ------------------------------------------

  private put(s: string): void {
    this.out += s;
    this.column += runeLength(s);
  }

  private putBreak(): void {
    this.out += "\n";
    this.column = 0;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== " ") this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== " ") this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(cp) || c === '"' || c === "\\") {
        this.put("\\" + escapeFor(cp));
        spaces = false;
      } else if (c === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === " ") this.put("\\");
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.writeIndicator("|", true, false, false);
    const chars = [...value];
    if (chars.length > 0 && (chars[0] === " " || isBreak(chars[0].codePointAt(0)!))) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    const last = chars.length - 1;
    if (chars.length === 0 || !isBreak(chars[last].codePointAt(0)!)) this.writeIndicator("-", false, false, false);
    else if (last === 0 || isBreak(chars[last - 1].codePointAt(0)!)) this.writeIndicator("+", false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c.codePointAt(0)!)) {
        if (c === "\n") this.putBreak();
        else {
          this.out += c;
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          breaks = false;
        }
        this.put(c);
        this.indention = false;
      }
    }
  }
}
