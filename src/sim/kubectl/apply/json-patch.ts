/**
 * The two plain patch formats the API server accepts besides strategic merge: JSON merge patch
 * (RFC 7386, `kubectl patch --type merge`, also what label and annotate send) and JSON patch
 * (RFC 6902, `kubectl patch --type json`), with the errors evanphx/json-patch reports.
 */
import { deepClone, deepEqual, isPlainObject } from "../../util/object";

/** Applies an RFC 7386 merge patch: objects merge, null deletes, anything else replaces. */
export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return deepClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? deepClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}

/** The RFC 7386 patch from `from` to `to` (jsonpatch.CreateMergePatch). */
export function createJsonMergePatch(from: unknown, to: unknown): unknown {
  if (!isPlainObject(from) || !isPlainObject(to)) return deepClone(to);
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (!(k in from)) patch[k] = deepClone(v);
    else if (!deepEqual(from[k], v)) {
      patch[k] = isPlainObject(from[k]) && isPlainObject(v) ? createJsonMergePatch(from[k], v) : deepClone(v);
    }
  }
  return patch;
}

/** A JSON patch that cannot be decoded or applied. */
export class JsonPatchError extends Error {
  constructor(
    message: string,
    /** True when the document is malformed (BadRequest) rather than failing to apply (422). */
    readonly decode = false,
  ) {
    super(message);
  }
}

interface Operation {
  op: string;
  path?: string;
  from?: string;
  value?: unknown;
}

/** Applies an RFC 6902 JSON patch to a copy of `doc`. */
export function applyJsonPatch(doc: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new JsonPatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch", true);
  let out = deepClone(doc);
  for (const raw of patch) {
    if (!isPlainObject(raw)) throw new JsonPatchError("json: cannot unmarshal non-object into Go value of type jsonpatch.Operation", true);
    const op = raw as unknown as Operation;
    switch (op.op) {
      case "add":
        out = add(out, requirePath(op), deepClone(op.value));
        break;
      case "remove":
        out = remove(out, requirePath(op));
        break;
      case "replace": {
        const path = requirePath(op);
        getAt(out, path, "replace");
        out = remove(out, path);
        out = add(out, path, deepClone(op.value));
        break;
      }
      case "move": {
        const from = requireFrom(op);
        const value = getAt(out, from, "move");
        out = remove(out, from);
        out = add(out, requirePath(op), value);
        break;
      }
      case "copy": {
        const value = getAt(out, requireFrom(op), "copy");
        out = add(out, requirePath(op), deepClone(value));
        break;
      }
      case "test": {
        const path = requirePath(op);
        let actual: unknown;
        try {
          actual = getAt(out, path, "test");
        } catch {
          actual = undefined;
        }
        if (!deepEqual(actual, op.value)) throw new JsonPatchError(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return out;
}

function requirePath(op: Operation): string {
  if (typeof op.path !== "string") throw new JsonPatchError(`operation missing path field: missing value`, true);
  return op.path;
}

function requireFrom(op: Operation): string {
  if (typeof op.from !== "string") throw new JsonPatchError(`operation missing from field: missing value`, true);
  return op.from;
}

function parsePointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new JsonPatchError(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function getAt(doc: unknown, path: string, op: string): unknown {
  let cur = doc;
  for (const part of parsePointer(path)) {
    if (Array.isArray(cur)) {
      const i = Number(part);
      if (!/^\d+$/.test(part) || i >= cur.length) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      cur = cur[i];
    } else if (isPlainObject(cur) && part in cur) {
      cur = cur[part];
    } else {
      throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    }
  }
  return cur;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const parts = parsePointer(path);
  if (parts.length === 0) return value;
  const parent = getAt(doc, pointerOf(parts.slice(0, -1)), "add");
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const i = last === "-" ? parent.length : Number(last);
    if (!(last === "-" || /^\d+$/.test(last)) || i > parent.length) throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, 0, value);
  } else if (isPlainObject(parent)) {
    parent[last] = value;
  } else {
    throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const parts = parsePointer(path);
  if (parts.length === 0) return null;
  const parent = getAt(doc, pointerOf(parts.slice(0, -1)), "remove");
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!/^\d+$/.test(last) || i >= parent.length) throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, 1);
  } else if (isPlainObject(parent) && last in parent) {
    delete parent[last];
  } else {
    throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return doc;
}

function pointerOf(parts: string[]): string {
  return parts.map((s) => "/" + s.replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
