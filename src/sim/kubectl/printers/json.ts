/**
 * JSON as Go's encoding/json writes kubectl's unstructured objects: map keys sorted, HTML-safe
 * escapes (<, >, & as \u003c, \u003e, \u0026), U+2028/U+2029 escaped, and `-o json`'s four-space
 * indentation (json.MarshalIndent(obj, "", "    ")).
 */

/** The data with object keys sorted at every level, undefined members dropped. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sortKeys(x)));
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort(compareGoStrings)) {
      if (o[k] !== undefined) out[k] = sortKeys(o[k]);
    }
    return out;
  }
  return v;
}

/** Go compares strings byte-wise (UTF-8), which for code points is code point order. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < ca.length && i < cb.length; i++) {
    const x = ca[i].codePointAt(0)!;
    const y = cb[i].codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

/** Go's HTML-safe escaping applied to JSON text. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** json.Marshal: compact, sorted keys. */
export function marshalJSON(v: unknown): string {
  return goEscape(JSON.stringify(sortKeys(v)) ?? "null");
}

/** `kubectl -o json`: four-space indentation and a trailing newline. */
export function printJSON(v: unknown): string {
  return goEscape(JSON.stringify(sortKeys(v), null, 4) ?? "null") + "\n";
}
