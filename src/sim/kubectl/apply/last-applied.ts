/**
 * The kubectl.kubernetes.io/last-applied-configuration annotation: client-side apply stores the
 * manifest it applied there, as compact JSON with sorted keys and a trailing newline (json.Encoder
 * adds one), so the next apply can tell which fields it set and later dropped.
 */
import type { KObject } from "../../api/types";
import { deepClone, isPlainObject } from "../../util/object";
import { goJson } from "./go-json";

export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * The annotation value for an object as kubectl would write it: the object without the annotation,
 * whose annotations map is kept even when empty (`"annotations":{}`), as GetModifiedConfiguration
 * leaves it.
 */
export function lastAppliedValue(obj: KObject, sortKeys = true): string {
  const copy = deepClone(obj);
  copy.metadata = { ...copy.metadata };
  const annotations = { ...copy.metadata.annotations };
  delete annotations[LAST_APPLIED_ANNOTATION];
  copy.metadata.annotations = annotations;
  return goJson(copy, { sortKeys }) + "\n";
}

/** A copy of `obj` carrying the annotation computed from it (the `modified` side of apply). */
export function withLastApplied(obj: KObject, sortKeys = true): KObject {
  const value = lastAppliedValue(obj, sortKeys);
  const copy = deepClone(obj);
  copy.metadata = { ...copy.metadata, annotations: { ...copy.metadata.annotations, [LAST_APPLIED_ANNOTATION]: value } };
  return copy;
}

/** The configuration the last apply recorded on a live object, or null when there is none. */
export function originalConfiguration(live: KObject): Record<string, unknown> | null {
  const value = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isPlainObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** True when the live object carries the annotation. */
export function hasLastApplied(live: KObject): boolean {
  return live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION] !== undefined;
}
