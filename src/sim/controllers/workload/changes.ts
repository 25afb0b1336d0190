/**
 * Cheap tests on watch events that let a controller skip work: a write to the status subresource keeps
 * the stored spec and metadata maps by reference, so identity comparisons tell it apart.
 */
import type { KObject } from "../../api/types";

/** True when only status (and resourceVersion/managedFields) differ between `old` and `cur`. */
export function onlyStatusChanged(old: KObject, cur: KObject): boolean {
  if (old.spec !== cur.spec) return false;
  const a = old.metadata;
  const b = cur.metadata;
  return (
    a.uid === b.uid &&
    a.generation === b.generation &&
    a.labels === b.labels &&
    a.annotations === b.annotations &&
    a.ownerReferences === b.ownerReferences &&
    a.finalizers === b.finalizers &&
    a.deletionTimestamp === b.deletionTimestamp
  );
}

/** Two label maps hold the same pairs. */
export function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}
