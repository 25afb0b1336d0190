/**
 * The diff Kubernetes appends to a forbidden pod update: go-cmp's cmp.Diff(oldPod.Spec, newSpec) of
 * the internal core.PodSpec. This reproduces its report: Go field names in declaration order, two
 * records of context around each difference and "... // N identical fields" for the rest, "-"/"+"
 * lines for replaced values, aligned keys, tab indentation. go-cmp randomly swaps spaces for
 * no-break spaces to stop anyone parsing it; this always uses plain spaces.
 */
import type { PodSpec } from "kubernetes-types/core/v1";
import { deepEqual } from "../../util/object";
import { goFields, POD_SECURITY_FIELDS_IN_SPEC, type GoField } from "./go-types";
import { formatQuantity, mustParse } from "./quantity";

type Mark = " " | "-" | "+";

/** A rendered value: one line, or a braced list of records that may expand over lines. */
type Text = { line: string } | { prefix: string; recs: Rec[]; suffix: string };

interface Rec {
  mark: Mark;
  key: string;
  value: Text;
  /** An ellipsis record: "... // N identical fields". */
  comment?: string;
}

/** Go's cmp.Diff of two v1 pod specs, as the internal types print. */
export function podSpecDiff(oldSpec: PodSpec, newSpec: PodSpec): string {
  const text = diffNode(internalSpec(oldSpec), internalSpec(newSpec), "PodSpec", "auto");
  const lines = render(text, " ", 0);
  lines[0] = `  ${lines[0]}`;
  return `${lines.join("\n")}\n`;
}

/** Go's cmp.Diff of two values of an internal core struct type ("PersistentVolumeClaimSpec"). */
export function goDiff(oldValue: unknown, newValue: unknown, struct: string): string {
  const lines = render(diffNode(oldValue, newValue, struct, "auto"), " ", 0);
  lines[0] = `  ${lines[0]}`;
  return `${lines.join("\n")}\n`;
}

/** v1 keeps hostNetwork & co. in the PodSpec; the internal type keeps them in its security context. */
function internalSpec(spec: PodSpec): Record<string, unknown> {
  const out: Record<string, any> = { ...spec };
  const sc: Record<string, unknown> = { ...(spec.securityContext ?? {}) };
  let moved = false;
  for (const f of POD_SECURITY_FIELDS_IN_SPEC) {
    if (out[f] !== undefined) {
      sc[f] = out[f];
      moved = true;
    }
    delete out[f];
  }
  delete out.serviceAccount;
  if (spec.securityContext || moved) out.securityContext = sc;
  return out;
}

// ---- types -----------------------------------------------------------------------------------

function isPointer(t: string): boolean {
  return t.startsWith("*");
}

function goTypeName(t: string): string {
  if (t === "ResourceList") return "core.ResourceList";
  if (t.startsWith("[]")) return `[]${goTypeName(t.slice(2))}`;
  if (t.startsWith("*")) return `*${goTypeName(t.slice(1))}`;
  if (t.startsWith("~")) return goTypeName(t.slice(1));
  if (["string", "bool", "map[string]string"].includes(t)) return t;
  if (t === "int") return "int32";
  if (t === "Quantity") return "resource.Quantity";
  if (t === "IntOrString") return "intstr.IntOrString";
  return `core.${t}`;
}

function fieldsOf(t: string, value: unknown): GoField[] {
  const listed = goFields(t);
  if (listed) return listed;
  const keys = isObject(value) ? Object.keys(value).sort() : [];
  return keys.map((k) => ({ go: k.charAt(0).toUpperCase() + k.slice(1), json: k, type: "any" }));
}

function fieldValue(obj: unknown, f: GoField): unknown {
  if (f.type.startsWith("~")) return obj;
  return isObject(obj) ? obj[f.json] : undefined;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isZero(v: unknown, t: string): boolean {
  if (v === undefined || v === null) return true;
  if (t === "string") return v === "";
  if (t === "int") return v === 0;
  if (t === "bool") return v === false;
  if (t.startsWith("~") || (!isPointer(t) && goFields(t))) return fieldsOf(t.replace("~", ""), v).every((f) => isZero(fieldValue(v, f), f.type));
  return false;
}

// ---- values ----------------------------------------------------------------------------------

type TypeMode = "auto" | "elide" | "emit";

/** FormatValue: a value on its own, zero struct fields elided. */
function formatValue(v: unknown, t: string, mode: TypeMode, identical: boolean): Text {
  if (t.startsWith("*")) {
    if (v === undefined || v === null) return { line: "nil" };
    return wrapPrefix("&", formatValue(v, t.slice(1), "auto", identical));
  }
  if (t === "string") return { line: JSON.stringify(v ?? "") };
  if (t === "int" || t === "bool") return { line: String(v ?? (t === "int" ? 0 : false)) };
  if (t === "any") return { line: goLiteral(v) };
  if (t === "Quantity") return { line: formatGoQuantity(v, identical) };
  if (t === "IntOrString") return { line: typeof v === "string" ? `{Type: 1, StrVal: ${JSON.stringify(v)}}` : `{IntVal: ${v ?? 0}}` };
  if (t.startsWith("[]")) {
    if (!Array.isArray(v)) return { line: "nil" };
    const recs = v.map((item) => ({ mark: " " as Mark, key: "", value: formatValue(item, t.slice(2), "elide", identical) }));
    return typed({ prefix: "{", recs, suffix: "}" }, t, mode, identical);
  }
  if (t === "map[string]string" || t === "ResourceList") {
    if (!isObject(v)) return { line: "nil" };
    const recs = Object.keys(v)
      .sort()
      .map((k) => ({ mark: " " as Mark, key: mapKey(k, t), value: formatValue(v[k], t === "ResourceList" ? "Quantity" : "string", "elide", identical) }));
    return typed({ prefix: "{", recs, suffix: "}" }, t, mode, identical);
  }
  const struct = t.replace("~", "");
  const recs: Rec[] = [];
  for (const f of fieldsOf(struct, v)) {
    const fv = fieldValue(v, f);
    if (isZero(fv, f.type)) continue;
    recs.push({ mark: " ", key: f.go, value: formatValue(fv, f.type, "auto", identical) });
  }
  return typed({ prefix: "{", recs, suffix: "}" }, struct, mode, identical);
}

function typed(text: Text, t: string, mode: TypeMode, identical: boolean): Text {
  if (mode === "elide" || (mode === "auto" && identical) || !("prefix" in text)) return text;
  return { ...text, prefix: `${goTypeName(t)}${text.prefix}` };
}

function wrapPrefix(prefix: string, text: Text): Text {
  return "line" in text ? { line: `${prefix}${text.line}` } : { ...text, prefix: `${prefix}${text.prefix}` };
}

function mapKey(k: string, t: string): string {
  return t === "ResourceList" ? `s${JSON.stringify(k)}` : JSON.stringify(k);
}

/** A resource.Quantity as go-cmp prints its struct (the cached string, format and int64 amount). */
function formatGoQuantity(v: unknown, identical: boolean): string {
  const s = formatQuantity(mustParse(v));
  const q = mustParse(s);
  const format = q.format;
  const amount = q.exponent === 0 ? `{value: ${q.mantissa}}` : `{value: ${q.mantissa}, scale: ${q.exponent}}`;
  return `{i: ${identical ? "{...}" : `resource.int64Amount${amount}`}, s: ${JSON.stringify(s)}, Format: ${JSON.stringify(format)}}`;
}

function goLiteral(v: unknown): string {
  if (v === undefined || v === null) return "nil";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `{${v.map(goLiteral).join(", ")}}`;
  return `{${Object.keys(v as object)
    .sort()
    .map((k) => `${k.charAt(0).toUpperCase() + k.slice(1)}: ${goLiteral((v as Record<string, unknown>)[k])}`)
    .join(", ")}}`;
}

// ---- differences -----------------------------------------------------------------------------

interface DiffRecord {
  key: string;
  x: unknown;
  y: unknown;
  hasX: boolean;
  hasY: boolean;
  type: string;
}

/** go-cmp prints a difference as a "-"/"+" pair when it has no deeper structure to descend into. */
function isLeaf(x: unknown, y: unknown, t: string): boolean {
  if (t.startsWith("*")) return x === undefined || y === undefined || isLeaf(x, y, t.slice(1));
  if (t === "string" || t === "int" || t === "bool" || t === "Quantity" || t === "any" || t === "IntOrString") return true;
  if (t.startsWith("[]") || t === "map[string]string" || t === "ResourceList") {
    if (x === undefined || y === undefined) {
      const present = (x ?? y) as unknown[] | Record<string, unknown>;
      return (Array.isArray(present) ? present.length : Object.keys(present).length) <= 1;
    }
    return false;
  }
  // A struct with a single scalar field has as many children as it is deep.
  const fields = fieldsOf(t.replace("~", ""), x ?? y);
  return fields.length === 1 && ["string", "int", "bool"].includes(fields[0].type);
}

/** FormatDiff of two values of type t known to differ. */
function diffNode(x: unknown, y: unknown, t: string, mode: TypeMode): Text {
  if (t.startsWith("*")) return wrapPrefix("&", diffNode(x, y, t.slice(1), "auto"));
  const records = recordsOf(x, y, t);
  const kind = t.startsWith("[]") ? "elements" : t === "map[string]string" || t === "ResourceList" ? "entries" : "fields";
  const text: Text = { prefix: "{", recs: diffList(records, kind), suffix: "}" };
  return mode === "elide" ? text : { ...text, prefix: `${goTypeName(t.replace("~", ""))}{` };
}

function recordsOf(x: unknown, y: unknown, t: string): DiffRecord[] {
  if (t.startsWith("[]")) return sliceRecords(Array.isArray(x) ? x : [], Array.isArray(y) ? y : [], t.slice(2));
  if (t === "map[string]string" || t === "ResourceList") {
    const xm = isObject(x) ? x : {};
    const ym = isObject(y) ? y : {};
    const keys = [...new Set([...Object.keys(xm), ...Object.keys(ym)])].sort();
    const vt = t === "ResourceList" ? "Quantity" : "string";
    return keys.map((k) => ({ key: mapKey(k, t), x: xm[k], y: ym[k], hasX: k in xm, hasY: k in ym, type: vt }));
  }
  return fieldsOf(t.replace("~", ""), x ?? y).map((f) => ({ key: f.go, x: fieldValue(x, f), y: fieldValue(y, f), hasX: true, hasY: true, type: f.type }));
}

/** Aligns two slices: equal elements by longest common subsequence, the gaps as modified, removed or inserted. */
function sliceRecords(xs: unknown[], ys: unknown[], t: string): DiffRecord[] {
  const n = xs.length;
  const m = ys.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = deepEqual(xs[i], ys[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffRecord[] = [];
  let i = 0;
  let j = 0;
  const flush = (xi: number, yj: number) => {
    const gx = xs.slice(i, xi);
    const gy = ys.slice(j, yj);
    const paired = Math.min(gx.length, gy.length);
    for (let k = 0; k < paired; k++) out.push({ key: "", x: gx[k], y: gy[k], hasX: true, hasY: true, type: t });
    for (let k = paired; k < gx.length; k++) out.push({ key: "", x: gx[k], y: undefined, hasX: true, hasY: false, type: t });
    for (let k = paired; k < gy.length; k++) out.push({ key: "", x: undefined, y: gy[k], hasX: false, hasY: true, type: t });
  };
  let xi = 0;
  let yj = 0;
  while (xi < n && yj < m) {
    if (deepEqual(xs[xi], ys[yj])) {
      flush(xi, yj);
      out.push({ key: "", x: xs[xi], y: ys[yj], hasX: true, hasY: true, type: t });
      i = ++xi;
      j = ++yj;
    } else if (lcs[xi + 1][yj] >= lcs[xi][yj + 1]) xi++;
    else yj++;
  }
  xi = n;
  yj = m;
  flush(xi, yj);
  return out;
}

const CONTEXT = 2;

/** formatDiffList: equal runs shown as up to two records of context each side, the rest elided. */
function diffList(records: DiffRecord[], kind: string): Rec[] {
  const same = (r: DiffRecord) => r.hasX && r.hasY && deepEqual(r.x ?? null, r.y ?? null);
  const groups: { equal: boolean; recs: DiffRecord[] }[] = [];
  for (const r of records) {
    const equal = same(r);
    const last = groups[groups.length - 1];
    if (last && last.equal === equal) last.recs.push(r);
    else groups.push({ equal, recs: [r] });
  }
  const out: Rec[] = [];
  const elementMode: TypeMode = kind === "fields" ? "auto" : "elide";
  groups.forEach((g, gi) => {
    if (g.equal) {
      const total = g.recs.length;
      let lo = gi !== 0 ? Math.min(CONTEXT, total) : 0;
      let hi = gi !== groups.length - 1 ? Math.min(CONTEXT, total - lo) : 0;
      if (total - (lo + hi) === 1) hi++;
      if (lo + hi > total) lo = total - hi;
      for (const r of g.recs.slice(0, lo)) out.push({ mark: " ", key: r.key, value: formatValue(r.y, r.type, elementMode, true) });
      if (total > lo + hi) out.push({ mark: " ", key: "", value: { line: "..." }, comment: `${total - lo - hi} identical ${kind}` });
      for (const r of g.recs.slice(total - hi)) out.push({ mark: " ", key: r.key, value: formatValue(r.y, r.type, elementMode, true) });
      return;
    }
    for (const r of g.recs) {
      if (r.hasX && r.hasY && !isLeaf(r.x, r.y, r.type)) {
        out.push({ mark: " ", key: r.key, value: diffNode(r.x, r.y, r.type, elementMode) });
        continue;
      }
      if (r.hasX) out.push({ mark: "-", key: r.key, value: formatValue(r.x, r.type, elementMode, false) });
      if (r.hasY) out.push({ mark: "+", key: r.key, value: formatValue(r.y, r.type, elementMode, false) });
    }
  });
  return out;
}

// ---- rendering -------------------------------------------------------------------------------

/** A value on one line, when it holds no differences. */
function compact(t: Text): string | undefined {
  if ("line" in t) return t.line;
  const parts: string[] = [];
  for (const r of t.recs) {
    if (r.mark !== " " || r.comment) return undefined;
    const v = compact(r.value);
    if (v === undefined) return undefined;
    parts.push(r.key ? `${r.key}: ${v}` : v);
  }
  return `${t.prefix}${parts.join(", ")}${t.suffix}`;
}

/** formatExpandedTo: one record per line, keys of adjacent one-line records aligned. */
function render(t: Text, mark: Mark, depth: number): string[] {
  const single = compact(t);
  if (single !== undefined || "line" in t) return [single ?? (t as { line: string }).line];
  const values = t.recs.map((r) => (r.comment ? undefined : render(r.value, r.mark === " " ? mark : r.mark, depth + 1)));
  const pad = alignKeys(t.recs, values);
  const lines = [t.prefix];
  const indent = "\t".repeat(depth + 1);
  t.recs.forEach((r, i) => {
    const m = r.mark === " " ? mark : r.mark;
    if (r.comment) {
      lines.push(`${m} ${indent}... // ${r.comment}`);
      return;
    }
    const body = values[i]!;
    const key = r.key ? `${r.key}: ${" ".repeat(pad[i])}` : "";
    lines.push(`${m} ${indent}${key}${body[0]}${body.length === 1 ? "," : ""}`);
    for (let k = 1; k < body.length; k++) lines.push(k === body.length - 1 ? `${body[k]},` : body[k]);
  });
  lines.push(`${mark} ${"\t".repeat(depth)}${t.suffix}`);
  return lines;
}

/** alignLens: within runs of keyed one-line records, pad keys to the longest. */
function alignKeys(recs: Rec[], values: (string[] | undefined)[]): number[] {
  const pad = new Array<number>(recs.length).fill(0);
  let start = 0;
  let max = 0;
  const flush = (end: number) => {
    for (let j = start; j < end; j++) pad[j] = max - recs[j].key.length;
  };
  recs.forEach((r, i) => {
    if (!r.key || r.comment || (values[i]?.length ?? 0) !== 1) {
      flush(i);
      start = i + 1;
      max = 0;
      return;
    }
    max = Math.max(max, r.key.length);
  });
  flush(recs.length);
  return pad;
}
