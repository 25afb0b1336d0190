/**
 * kubectl apply's three-way strategic merge patch (strategicpatch.CreateThreeWayMergePatch): from
 * the last-applied configuration (original), the new manifest (modified) and the live object
 * (current) it computes the patch that sets what the manifest says, removes what an earlier
 * manifest set and this one no longer does, and leaves alone everything else — fields written by
 * controllers, defaults, other writers' labels.
 */
import { deepEqual, isPlainObject } from "../../util/object";
import { compareGoStrings } from "./go-json";
import { hasRetainKeys, isMergeList, lookupField } from "./patch-meta";
import { DIRECTIVE_MARKER, DELETE_FROM_PRIMITIVE_LIST_PREFIX, mergeMap, PatchError, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER_PREFIX, sortByOrder, type JsonMap } from "./strategic-merge";

interface DiffOptions {
  /** Do not emit deletions (fields in original missing from modified). */
  ignoreDeletions?: boolean;
  /** Emit only deletions. */
  ignoreChangesAndAdditions?: boolean;
  /** Emit `$setElementOrder` lists for merged lists that changed. */
  setElementOrder?: boolean;
  /** Emit `$retainKeys` for this map (its field declares retainKeys). */
  buildRetainKeys?: boolean;
}

/**
 * The patch that takes `current` to `modified` while deleting what `original` had and `modified`
 * dropped. `original` may be null (no last-applied configuration yet). The result is `{}` when
 * nothing needs to change.
 */
export function createThreeWayMergePatch(original: JsonMap | null, modified: JsonMap, current: JsonMap, schema: string | undefined): JsonMap {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original ?? {}, modified, schema, { ignoreChangesAndAdditions: true, setElementOrder: true });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** The two-way patch from `original` to `modified` (strategicpatch.CreateTwoWayMergePatch). */
export function createTwoWayMergePatch(original: JsonMap, modified: JsonMap, schema: string | undefined): JsonMap {
  return diffMaps(original, modified, schema, { setElementOrder: true });
}

function diffMaps(original: JsonMap, modified: JsonMap, schema: string | undefined, opts: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (modifiedValue === undefined) continue;
    if (opts.buildRetainKeys && modifiedValue !== null) retainKeys.push(key);
    if (!(key in original) || original[key] === undefined) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (key === DIRECTIVE_MARKER) {
      if (!deepEqual(original[key], modifiedValue)) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (kindOf(originalValue) !== kindOf(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isPlainObject(originalValue) && isPlainObject(modifiedValue)) {
      const meta = lookupField(schema, key);
      if (meta.strategy === "replace") {
        if (!opts.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) patch[key] = modifiedValue;
      } else {
        const sub = diffMaps(originalValue, modifiedValue, meta.type, { ...opts, buildRetainKeys: hasRetainKeys(meta) });
        if (Object.keys(sub).length > 0) patch[key] = sub;
      }
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      diffSliceInto(patch, key, originalValue, modifiedValue, schema, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) {
      if (original[key] !== undefined && !(key in modified && modified[key] !== undefined)) patch[key] = null;
    }
  }
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalField(original, modified))) {
    patch[RETAIN_KEYS_DIRECTIVE] = retainKeys.sort(compareGoStrings);
  }
  return patch;
}

function hasAdditionalField(original: JsonMap, modified: JsonMap): boolean {
  return Object.keys(original).some((k) => original[k] !== null && original[k] !== undefined && !(k in modified));
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function diffSliceInto(patch: JsonMap, key: string, original: unknown[], modified: unknown[], schema: string | undefined, opts: DiffOptions): void {
  const meta = lookupField(schema, key);
  if (!isMergeList(meta)) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
    return;
  }
  const mergeKey = meta.mergeKey ?? "";
  const itemOpts: DiffOptions = { ...opts, buildRetainKeys: hasRetainKeys(meta) };
  if (original.length === 0) {
    if (modified.length > 0 && !opts.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const maps = [...original, ...modified].some(isPlainObject);
  if (maps) {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${key}`);
    const [changes, deletes] = diffListsOfMaps(original, modified, meta.type, mergeKey, itemOpts);
    const ordered = [...sortByOrder(changes, modified, mergeKey), ...deletes];
    const sameOrder = isOrderSame(original, modified, mergeKey);
    if (ordered.length > 0) patch[key] = ordered;
    const wantOrder =
      opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (ordered.length > 0 || !sameOrder)) || (!opts.ignoreDeletions && ordered.length > 0));
    if (wantOrder) patch[`${SET_ELEMENT_ORDER_PREFIX}/${key}`] = modified.map((v) => ({ [mergeKey]: (v as JsonMap)[mergeKey] }));
    return;
  }
  const [adds, deletes] = diffListsOfScalars(original, modified, opts);
  const ordered = sortByOrder(adds, modified, "");
  if (ordered.length > 0) patch[key] = ordered;
  if (deletes.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`] = deletes;
  const wantOrder = opts.setElementOrder && ((!opts.ignoreDeletions && deletes.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)));
  if (wantOrder) patch[`${SET_ELEMENT_ORDER_PREFIX}/${key}`] = modified;
}

/** Go's fmt %v of a merge key value, which the diff sorts and compares by. */
function keyString(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v) ?? "";
}

function diffListsOfMaps(original: unknown[], modified: unknown[], schema: string | undefined, mergeKey: string, opts: DiffOptions): [unknown[], unknown[]] {
  const bySortedKey = (list: unknown[]) =>
    list
      .map((v) => {
        if (!isPlainObject(v) || !(mergeKey in v)) throw new PatchError(`map: ${JSON.stringify(v)} does not contain declared merge key: ${mergeKey}`);
        return v;
      })
      .sort((a, b) => compareGoStrings(keyString(a[mergeKey]), keyString(b[mergeKey])));
  const orig = bySortedKey(original);
  const mod = bySortedKey(modified);
  const changes: unknown[] = [];
  const deletes: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < orig.length || j < mod.length) {
    const o = orig[i];
    const m = mod[j];
    const ok = o ? keyString(o[mergeKey]) : undefined;
    const mk = m ? keyString(m[mergeKey]) : undefined;
    if (o && m && ok === mk) {
      const sub = diffMaps(o, m, schema, opts);
      if (Object.keys(sub).length > 0) {
        sub[mergeKey] = m[mergeKey];
        changes.push(sub);
      }
      i++;
      j++;
    } else if (!o || (m && ok! > mk!)) {
      if (!opts.ignoreChangesAndAdditions) changes.push(m);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletes.push({ [DIRECTIVE_MARKER]: "delete", [mergeKey]: o[mergeKey] });
      i++;
    }
  }
  return [changes, deletes];
}

function diffListsOfScalars(original: unknown[], modified: unknown[], opts: DiffOptions): [unknown[], unknown[]] {
  const sort = (l: unknown[]) => [...l].sort((a, b) => compareGoStrings(keyString(a), keyString(b)));
  const orig = sort(original);
  const mod = sort(modified);
  const adds: unknown[] = [];
  const deletes: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < orig.length || j < mod.length) {
    const inO = i < orig.length;
    const inM = j < mod.length;
    const os = inO ? keyString(orig[i]) : "";
    const ms = inM ? keyString(mod[j]) : "";
    if (inO && inM && os === ms) {
      i++;
      j++;
    } else if (inO && (!inM || os < ms)) {
      if (!opts.ignoreDeletions && !deletes.some((d) => deepEqual(d, orig[i]))) deletes.push(orig[i]);
      i++;
    } else {
      if (!opts.ignoreChangesAndAdditions) adds.push(mod[j]);
      j++;
    }
  }
  return [adds, deletes];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return original.every((o, i) => deepEqual((o as JsonMap)[mergeKey], (modified[i] as JsonMap)[mergeKey]));
}
