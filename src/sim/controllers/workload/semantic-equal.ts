/**
 * apiequality.Semantic.DeepEqual for JSON-shaped API data: like deep equality, except that an empty
 * map or list equals an absent one (Go does not tell a nil map from an empty one there). Quantities
 * compare by their text, which the API server has already canonicalised.
 */

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v as object).every((k) => (v as Record<string, unknown>)[k] === undefined);
}

/** Deep equality in which {} and [] equal undefined and null. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k in ao) if (!semanticEqual(ao[k], bo[k])) return false;
  for (const k in bo) if (!(k in ao) && !isEmpty(bo[k])) return false;
  return true;
}
