/**
 * JSON as Go's encoding/json writes it, which is what kubectl shows and stores: the
 * last-applied-configuration annotation, patches in error messages, `-o json`. Differences from
 * JSON.stringify that a learner can see: map keys sorted (Go marshals maps in key order), `<`, `>`
 * and `&` escaped as \u003c \u003e \u0026, and MarshalIndent's layout.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface GoJsonOptions {
  /**
   * Sort object keys, as Go does for maps (unstructured objects, patches). Typed objects built by
   * kubectl's generators keep their struct field order instead.
   */
  sortKeys?: boolean;
  /** MarshalIndent's indent ("    " for kubectl's -o json); compact when absent. */
  indent?: string;
}

/** Encodes a value as Go's json.Marshal / json.MarshalIndent would. `undefined` members are dropped. */
export function goJson(value: unknown, opts: GoJsonOptions = {}): string {
  const sortKeys = opts.sortKeys ?? true;
  const indent = opts.indent;
  const out: string[] = [];
  const write = (v: unknown, depth: number): void => {
    if (v === null || v === undefined) {
      out.push("null");
      return;
    }
    switch (typeof v) {
      case "boolean":
        out.push(v ? "true" : "false");
        return;
      case "number":
        out.push(Number.isFinite(v) ? formatNumber(v) : "null");
        return;
      case "string":
        out.push(quoteGoString(v));
        return;
      case "object":
        break;
      default:
        out.push("null");
        return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) {
        out.push("[]");
        return;
      }
      out.push("[");
      v.forEach((item, i) => {
        if (i > 0) out.push(",");
        newline(depth + 1);
        write(item === undefined ? null : item, depth + 1);
      });
      newline(depth);
      out.push("]");
      return;
    }
    const obj = v as Record<string, unknown>;
    let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (sortKeys) keys = keys.sort(compareGoStrings);
    if (keys.length === 0) {
      out.push("{}");
      return;
    }
    out.push("{");
    keys.forEach((k, i) => {
      if (i > 0) out.push(",");
      newline(depth + 1);
      out.push(quoteGoString(k), indent === undefined ? ":" : ": ");
      write(obj[k], depth + 1);
    });
    newline(depth);
    out.push("}");
  };
  const newline = (depth: number) => {
    if (indent !== undefined) out.push("\n", indent.repeat(depth));
  };
  write(value, 0);
  return out.join("");
}

/** Go orders map keys by their bytes; for the ASCII keys of API objects that is code-unit order. */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // Go prints floats in the shortest form that round-trips, with exponents like 1e+21 / 1e-07.
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** Quotes a string as encoding/json does with HTML escaping on (the default). */
export function quoteGoString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += "\\\\";
        continue;
      case 0x0a:
        out += "\\n";
        continue;
      case 0x0d:
        out += "\\r";
        continue;
      case 0x09:
        out += "\\t";
        continue;
      case 0x08:
        out += "\\b";
        continue;
      case 0x0c:
        out += "\\f";
        continue;
      case 0x3c:
      case 0x3e:
      case 0x26:
      case 0x2028:
      case 0x2029:
        out += `\\u${c.toString(16).padStart(4, "0")}`;
        continue;
    }
    if (c < 0x20) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else {
        out += "\\ufffd";
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += "\\ufffd";
      continue;
    }
    out += s[i];
  }
  return out + '"';
}
