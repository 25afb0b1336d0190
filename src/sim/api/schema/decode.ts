/**
 * The API server's JSON decoding of a request body, over the known-fields table: unknown fields are
 * collected (for strict field validation) and dropped, nulls are dropped, quantities are parsed and
 * rewritten in canonical form, and the first value of the wrong JSON type is reported with the
 * decoder's own words ("json: cannot unmarshal string into Go struct field PodSpec.spec.containers
 * of type []v1.Container"). The object is changed in place: pass a copy.
 */
import { formatQuantity, parseQuantity, roundUp } from "../validation/quantity";
import type { StructNode, TypeNode } from "./known-fields";

/** What decoding found. */
export interface DecodeResult {
  /** Unknown field paths in document order ("spec.containers[0].imagee"). */
  unknownFields: string[];
  /** The decoder's error (a type error or a malformed quantity); the request fails with it. */
  error?: string;
}

interface Ctx {
  unknown: string[];
  error?: string;
}

/** A strict-path segment chain, turned into text only when a field is unknown. */
interface Path {
  parent: Path | undefined;
  seg: string;
  index: boolean;
}

function pathText(p: Path | undefined): string {
  const segs: string[] = [];
  for (let n = p; n; n = n.parent) segs.push(n.index ? n.seg : n.parent ? `.${n.seg}` : n.seg);
  return segs.reverse().join("");
}

/** Decodes an object of the given struct type in place. */
export function decodeObject(obj: Record<string, unknown>, type: StructNode): DecodeResult {
  const ctx: Ctx = { unknown: [] };
  const out = decodeStruct(obj, type, undefined, "", ctx);
  if (out !== obj) {
    // Top-level fields dropped (rare): the caller holds this very object.
    for (const key of Object.keys(obj)) if (!(key in out)) delete obj[key];
    Object.assign(obj, out);
  }
  return { unknownFields: ctx.unknown, error: ctx.error };
}

/**
 * Decodes a struct's fields in place; when fields are dropped (nulls, unknown fields), returns a new
 * object of the fields kept instead. Deleting them would turn the object into a slow dictionary
 * with a hidden class of its own, stored for every pod made from a template with a null in it.
 */
function decodeStruct(obj: Record<string, unknown>, type: StructNode, path: Path | undefined, goPath: string, ctx: Ctx): Record<string, unknown> {
  const fields = type.fields;
  const keys = Object.keys(obj);
  let kept: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = obj[key];
    let drop = value === null || value === undefined;
    const ft = drop ? undefined : fields.get(key);
    const child: Path = { parent: path, seg: key, index: false };
    if (!drop && !ft) {
      ctx.unknown.push(pathText(child));
      drop = true;
    }
    if (drop) {
      if (!kept) {
        kept = {};
        for (let j = 0; j < i; j++) kept[keys[j]] = obj[keys[j]];
      }
      continue;
    }
    const decoded = decodeValue(value, ft!, child, goPath ? `${goPath}.${key}` : key, type.name, ctx);
    if (kept) kept[key] = decoded;
    else obj[key] = decoded;
  }
  return kept ?? obj;
}

function decodeValue(value: unknown, type: TypeNode, path: Path, goPath: string, structName: string, ctx: Ctx): unknown {
  switch (type.kind) {
    case "string":
      if (typeof value !== "string") typeError(ctx, jsonKind(value), structName, goPath, type.go);
      return value;
    case "bool":
      if (typeof value !== "boolean") typeError(ctx, jsonKind(value), structName, goPath, type.go);
      return value;
    case "int32":
    case "int64":
      if (typeof value !== "number") typeError(ctx, jsonKind(value), structName, goPath, type.go);
      else if (!fitsInteger(value, type.kind)) typeError(ctx, `number ${String(value)}`, structName, goPath, type.go);
      return value;
    case "quantity":
      return decodeQuantity(value, false, ctx);
    case "intOrString":
      if (typeof value === "string") return value;
      if (typeof value !== "number") setError(ctx, `json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`);
      else if (!fitsInteger(value, "int32")) setError(ctx, `json: cannot unmarshal number ${String(value)} into Go value of type int32`);
      return value;
    case "time":
      if (typeof value !== "string") setError(ctx, `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
      return value;
    case "bytes":
      if (typeof value !== "string") typeError(ctx, jsonKind(value), structName, goPath, type.go);
      else {
        const bad = invalidBase64At(value);
        if (bad !== undefined) setError(ctx, `illegal base64 data at input byte ${bad}`);
      }
      return value;
    case "any":
      return value;
    case "array":
      if (!Array.isArray(value)) {
        typeError(ctx, jsonKind(value), structName, goPath, type.go);
        return value;
      }
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        value[i] = item === null ? zeroOf(type.elem) : decodeValue(item, type.elem, { parent: path, seg: `[${i}]`, index: true }, goPath, structName, ctx);
      }
      return value;
    case "map":
      if (!isObject(value)) {
        typeError(ctx, jsonKind(value), structName, goPath, type.go);
        return value;
      }
      for (const k of Object.keys(value)) {
        const item = value[k];
        if (type.elem.kind === "quantity" && item !== null) value[k] = decodeQuantity(item, type.go === "v1.ResourceList", ctx);
        else value[k] = item === null ? zeroOf(type.elem) : decodeValue(item, type.elem, { parent: path, seg: `[${k}]`, index: true }, goPath, structName, ctx);
      }
      return value;
    case "struct":
      if (!isObject(value)) {
        typeError(ctx, jsonKind(value), structName, goPath, type.go);
        return value;
      }
      return decodeStruct(value, type, path, goPath, ctx);
  }
}

/**
 * A quantity in canonical form. Resource lists are also rounded up to milli precision, as the core
 * v1 defaulting (SetDefaults_ResourceList) does for every ResourceList.
 */
function decodeQuantity(value: unknown, resourceList: boolean, ctx: Ctx): unknown {
  const parsed = parseQuantity(value);
  if (parsed.error !== undefined) {
    setError(ctx, parsed.error);
    return value;
  }
  return formatQuantity(resourceList ? roundUp(parsed.quantity, -3) : parsed.quantity);
}

function typeError(ctx: Ctx, what: string, structName: string, goPath: string, goType: string): void {
  setError(ctx, `json: cannot unmarshal ${what} into Go struct field ${structName}.${goPath} of type ${goType}`);
}

function setError(ctx: Ctx, message: string): void {
  if (ctx.error === undefined) ctx.error = message;
}

function jsonKind(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  return "object";
}

function fitsInteger(v: number, kind: "int32" | "int64"): boolean {
  if (!Number.isInteger(v)) return false;
  return kind === "int32" ? v >= -2147483648 && v <= 2147483647 : Number.isSafeInteger(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The zero value Go leaves for a null array element or map value. */
function zeroOf(t: TypeNode): unknown {
  switch (t.kind) {
    case "string":
    case "bytes":
      return "";
    case "bool":
      return false;
    case "int32":
    case "int64":
      return 0;
    case "quantity":
      return "0";
    case "struct":
    case "map":
      return {};
    case "array":
      return [];
    default:
      return null;
  }
}

const BASE64 = /[A-Za-z0-9+/]/;

/** The index of the first byte Go's strict base64 decoder rejects, or undefined when it is valid. */
export function invalidBase64At(s: string): number | undefined {
  let j = 0;
  let quantumStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\n" || c === "\r") continue;
    if (j === 0) quantumStart = i;
    if (c === "=") {
      if (j < 2) return i;
      // Padding ends the data: "xx==" or "xxx=", then only newlines.
      let need = 4 - j - 1;
      let k = i + 1;
      for (; need > 0 && k < s.length; k++) {
        if (s[k] === "\n" || s[k] === "\r") continue;
        if (s[k] !== "=") return k;
        need--;
      }
      if (need > 0) return s.length;
      for (; k < s.length; k++) if (s[k] !== "\n" && s[k] !== "\r") return k;
      return undefined;
    }
    if (!BASE64.test(c)) return i;
    j = (j + 1) % 4;
  }
  return j === 0 ? undefined : quantumStart;
}
