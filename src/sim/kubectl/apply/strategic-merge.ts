/**
 * Strategic merge patch, as k8s.io/apimachinery/pkg/util/strategicpatch applies it: maps merge key
 * by key, lists declared `merge` merge element by element on their merge key, other lists are
 * replaced, and the directives `$patch` (replace/delete), `$retainKeys`, `$setElementOrder/<list>`
 * and `$deleteFromPrimitiveList/<list>` do what they say. The API server applies patches this way
 * (kubectl patch, kubectl apply), and kubectl merges the two halves of a three-way patch with the
 * same code in its client mode.
 */
import { deepClone, deepEqual, isPlainObject } from "../../util/object";
import { isMergeList, lookupField, type FieldMeta } from "./patch-meta";

export type JsonMap = Record<string, unknown>;

export const DIRECTIVE_MARKER = "$patch";
export const RETAIN_KEYS_DIRECTIVE = "$retainKeys";
export const SET_ELEMENT_ORDER_PREFIX = "$setElementOrder";
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = "$deleteFromPrimitiveList";

/** A malformed patch; the API server answers it with BadRequest. */
export class PatchError extends Error {}

export interface MergeOptions {
  /** Server mode: apply the parallel lists ($setElementOrder, $deleteFromPrimitiveList) to the object. */
  mergeParallelList: boolean;
  /** Server mode: a null for a key the object lacks is dropped, not kept. */
  ignoreUnmatchedNulls: boolean;
}

const SERVER: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/**
 * Applies a strategic merge patch to an object (neither is modified) and returns the result, as the
 * API server does for PATCH with application/strategic-merge-patch+json.
 */
export function strategicMergePatch(original: JsonMap, patch: JsonMap, schema: string | undefined): JsonMap {
  return mergeMap(deepClone(original), deepClone(patch), schema, SERVER);
}

/**
 * Merges `patch` into `original` (both are consumed). In client mode this merges two patches into
 * one; in server mode it applies a patch to an object.
 */
export function mergeMap(original: JsonMap | null | undefined, patch: JsonMap, schema: string | undefined, opts: MergeOptions): JsonMap {
  if (DIRECTIVE_MARKER in patch) {
    const directive = patch[DIRECTIVE_MARKER];
    if (directive === "replace") {
      delete patch[DIRECTIVE_MARKER];
      return patch;
    }
    if (directive === "delete") return {};
    throw new PatchError(`Unknown patch type: ${String(directive)} in map: ${describe(patch)}`);
  }
  const orig: JsonMap = original ?? {};
  applyRetainKeys(orig, patch, opts);
  mergeSetElementOrder(orig, patch, schema, opts);

  for (const key of Object.keys(patch)) {
    let k = key;
    const patchV = patch[key];
    let isDeleteList = false;
    if (k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/`)) {
      if (!opts.mergeParallelList) {
        orig[k] = patchV;
        continue;
      }
      k = k.slice(DELETE_FROM_PRIMITIVE_LIST_PREFIX.length + 1);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!(k in orig)) {
      if (!isDeleteList) orig[k] = freshValue(patchV, schemaFor(schema, k, patchV), opts);
      continue;
    }
    const origV = orig[k];
    if (kindOf(origV) !== kindOf(patchV)) {
      if (!isDeleteList) orig[k] = freshValue(patchV, schemaFor(schema, k, patchV), opts);
      continue;
    }
    const meta = lookupField(schema, k);
    if (isPlainObject(origV) && isPlainObject(patchV)) {
      orig[k] = meta.strategy === "replace" ? stripDirective(patchV) : mergeMap(origV, patchV, meta.type, opts);
    } else if (Array.isArray(origV) && Array.isArray(patchV)) {
      orig[k] = mergeSliceHandler(origV, patchV, meta, isDeleteList, opts);
    } else {
      orig[k] = patchV;
    }
  }
  return orig;
}

function schemaFor(schema: string | undefined, key: string, value: unknown): string | undefined {
  return isPlainObject(value) || Array.isArray(value) ? lookupField(schema, key).type : undefined;
}

/**
 * A value the object did not have: taken from the patch. In server mode nulls inside it are dropped
 * (discardNullValuesFromPatch) and nested directives are resolved against an empty object.
 */
function freshValue(value: unknown, schema: string | undefined, opts: MergeOptions): unknown {
  if (!opts.ignoreUnmatchedNulls) return value;
  if (isPlainObject(value)) return mergeMap({}, value, schema, opts);
  if (Array.isArray(value)) {
    return value.filter((v) => !(isPlainObject(v) && v[DIRECTIVE_MARKER] === "delete")).map((v) => (isPlainObject(v) ? mergeMap({}, v, schema, opts) : v));
  }
  return value;
}

function stripDirective(m: JsonMap): JsonMap {
  delete m[DIRECTIVE_MARKER];
  return m;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** `$retainKeys`: keys of the original missing from the list are cleared (server mode). */
function applyRetainKeys(original: JsonMap, patch: JsonMap, opts: MergeOptions): void {
  if (!(RETAIN_KEYS_DIRECTIVE in patch)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retain)) throw new PatchError(`invalid patch: ${RETAIN_KEYS_DIRECTIVE} must be a list`);
  if (!opts.mergeParallelList) {
    const existing = original[RETAIN_KEYS_DIRECTIVE];
    if (existing !== undefined && !deepEqual(existing, retain)) throw new PatchError("error merging the retainKeys directive: the lists are different");
    if (existing === undefined) original[RETAIN_KEYS_DIRECTIVE] = retain;
    delete patch[RETAIN_KEYS_DIRECTIVE];
    return;
  }
  const keep = new Set(retain.map(String));
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
  delete patch[RETAIN_KEYS_DIRECTIVE];
}

/** Handles every `$setElementOrder/<list>` with its list, then removes both from the patch. */
function mergeSetElementOrder(original: JsonMap, patch: JsonMap, schema: string | undefined, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(`${SET_ELEMENT_ORDER_PREFIX}/`)) continue;
    const order = patch[key];
    delete patch[key];
    if (!opts.mergeParallelList) {
      if (key in original && !deepEqual(original[key], order)) throw new PatchError("invalid patch: $setElementOrder list does not match");
      original[key] = order;
      continue;
    }
    if (!Array.isArray(order)) throw new PatchError(`invalid patch: ${key} must be a list`);
    const field = key.slice(SET_ELEMENT_ORDER_PREFIX.length + 1);
    const meta = lookupField(schema, field);
    const origList = Array.isArray(original[field]) ? (original[field] as unknown[]) : undefined;
    const patchList = Array.isArray(patch[field]) ? (patch[field] as unknown[]) : undefined;
    let merged: unknown[];
    if (origList && !patchList) merged = origList;
    else if (!origList && patchList) merged = patchList.map((v) => (isPlainObject(v) ? stripDirective(v) : v)).filter((v) => !(isPlainObject(v) && v[DIRECTIVE_MARKER] === "delete"));
    else if (origList && patchList) merged = mergeSliceHandler(origList, patchList, meta, false, opts);
    else continue;
    const mergeKey = meta.mergeKey ?? "";
    const [patchItems, serverOnly] = partitionByPresence(merged, order, mergeKey);
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, origList ?? [], mergeKey);
    delete patch[field];
  }
}

function mergeSliceHandler(original: unknown[], patch: unknown[], meta: FieldMeta, isDeleteList: boolean, opts: MergeOptions): unknown[] {
  if (isMergeList(meta)) return mergeSlice(original, patch, meta, isDeleteList, opts);
  return patch;
}

function mergeSlice(original: unknown[], patch: unknown[], meta: FieldMeta, isDeleteList: boolean, opts: MergeOptions): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const mapsInList = [...original, ...patch].some(isPlainObject);
  const mergeKey = meta.mergeKey ?? "";
  let merged: unknown[];
  if (!mapsInList) {
    if (opts.mergeParallelList && isDeleteList) return original.filter((v) => !patch.some((p) => deepEqual(p, v)));
    merged = dedupe([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${meta.type ?? "list"}`);
    let orig = original;
    let items = patch;
    [orig, items] = mergeSpecialElements(orig, items, mergeKey);
    merged = mergeWithoutSpecialElements(orig, items, mergeKey, meta, opts);
    original = orig;
    patch = items;
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, patch, mapsInList ? mergeKey : "");
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mapsInList ? mergeKey : "");
}

/** Handles `$patch: delete` and `$patch: replace` elements of a patch list. */
function mergeSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let orig = original;
  for (const v of patch) {
    if (!isPlainObject(v)) throw new PatchError(`expected a map in the patch list, got ${describe(v)}`);
    if (!(DIRECTIVE_MARKER in v)) {
      plain.push(v);
      continue;
    }
    const directive = v[DIRECTIVE_MARKER];
    if (directive === "delete") {
      if (!(mergeKey in v)) throw new PatchError(`map: ${describe(v)} does not contain declared merge key: ${mergeKey}`);
      orig = orig.filter((o) => !(isPlainObject(o) && deepEqual(o[mergeKey], v[mergeKey])));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw new PatchError("merging lists cannot yet be specified in the patch");
    } else {
      throw new PatchError(`Unknown patch type: ${String(directive)} in map: ${describe(v)}`);
    }
  }
  return replace ? [plain, []] : [orig, plain];
}

function mergeWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, meta: FieldMeta, opts: MergeOptions): unknown[] {
  const out = [...original];
  for (const item of patch) {
    const p = item as JsonMap;
    if (!(mergeKey in p)) throw new PatchError(`map: ${describe(p)} does not contain declared merge key: ${mergeKey}`);
    const i = out.findIndex((o) => isPlainObject(o) && deepEqual(o[mergeKey], p[mergeKey]));
    if (i >= 0) out[i] = mergeMap(out[i] as JsonMap, p, meta.type, opts);
    else out.push(opts.ignoreUnmatchedNulls ? mergeMap({}, p, meta.type, opts) : p);
  }
  return out;
}

function dedupe(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.some((o) => deepEqual(o, v))) out.push(v);
  return out;
}

/** Index of `item` in `list`, by merge key for maps, by value for scalars. */
function indexIn(list: readonly unknown[], item: unknown, mergeKey: string): number {
  if (mergeKey && isPlainObject(item)) {
    return list.findIndex((o) => isPlainObject(o) && deepEqual(o[mergeKey], item[mergeKey]));
  }
  return list.findIndex((o) => deepEqual(o, item));
}

/** Splits merged items into those present in `list` (the patch) and those only on the server. */
function partitionByPresence(merged: unknown[], list: readonly unknown[], mergeKey: string): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of merged) (indexIn(list, v, mergeKey) >= 0 ? present : serverOnly).push(v);
  return [present, serverOnly];
}

/**
 * Orders a merged list: patch items in the patch's order, server-only items in the server's order,
 * interleaved as strategicpatch's mergeSortedSlice does (a server-only item goes first only when it
 * preceded the patch item on the server).
 */
export function normalizeElementOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: readonly unknown[], serverOrder: readonly unknown[], mergeKey: string): unknown[] {
  const left = sortByOrder(serverOnly, serverOrder, mergeKey);
  const right = sortByOrder(patchItems, patchOrder, mergeKey);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Stable sort by position in `order` (delete directives stay last, as extractToDeleteItems does). */
export function sortByOrder(items: unknown[], order: readonly unknown[], mergeKey: string): unknown[] {
  const deletes = items.filter((v) => isPlainObject(v) && v[DIRECTIVE_MARKER] === "delete");
  const rest = items.filter((v) => !(isPlainObject(v) && v[DIRECTIVE_MARKER] === "delete"));
  const keyed = rest.map((v, n) => ({ v, n, at: indexIn(order, v, mergeKey) }));
  keyed.sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at || a.n - b.n : a.n - b.n));
  return [...keyed.map((x) => x.v), ...deletes];
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
