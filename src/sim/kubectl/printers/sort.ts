/**
 * `--sort-by`: kubectl's sorter. The field is a relaxed JSONPath ("metadata.name", ".metadata.name",
 * "{.metadata.name}"); strings compare in natural order (or as quantities when both parse as one),
 * numbers numerically, objects missing the field first; no object having the field is an error.
 */
import { parseQuantity } from "../../api/quantity";
import type { KObject } from "../../api/types";
import { JSONPath } from "../jsonpath/jsonpath";
import { KubectlError } from "../kubectl";

/** RelaxedJSONPathExpression: accepts "a.b", ".a.b", "{a.b}" and "{.a.b}". */
export function relaxedJSONPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** sortorder.NaturalLess: digit runs compare as numbers, digits sort before other characters. */
export function naturalLess(s1: string, s2: string): boolean {
  let i1 = 0;
  let i2 = 0;
  const isDigit = (c: string) => c >= "0" && c <= "9";
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = s1[i1];
    const c2 = s2[i2];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    while (i1 < s1.length && s1[i1] === "0") i1++;
    while (i2 < s2.length && s2[i2] === "0") i2++;
    const nz1 = i1;
    const nz2 = i2;
    while (i1 < s1.length && isDigit(s1[i1])) i1++;
    while (i2 < s2.length && isDigit(s2[i2])) i2++;
    if (i1 - nz1 !== i2 - nz2) return i1 - nz1 < i2 - nz2;
    const n1 = s1.slice(nz1, i1);
    const n2 = s2.slice(nz2, i2);
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return s1.length < s2.length;
}

/** kubectl's isLess on two JSON values. */
function isLess(a: unknown, b: unknown, field: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === "number" && typeof b === "number" && Number.isInteger(a) === Number.isInteger(b)) return a < b;
  if (typeof a === "string" && typeof b === "string") {
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    if (qa === undefined || qb === undefined) return naturalLess(a, b);
    return qa < qb;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return !a && b;
  throw new KubectlError(`Field ${field} in Object is an unsortable type: interface, err: unsortable interface: interface`);
}

/** Sorts items by a field, stably; throws kubectl's error when no item has the field. */
export function sortByField<T>(items: readonly T[], sortBy: string, objectOf: (item: T) => KObject): T[] {
  let field: string;
  try {
    field = relaxedJSONPath(sortBy);
  } catch {
    field = sortBy;
  }
  let parser: JSONPath;
  try {
    parser = new JSONPath(field, { allowMissingKeys: true });
  } catch (e) {
    throw new KubectlError(`sorting error: ${(e as Error).message}`);
  }
  const keyed = items.map((item) => {
    const results = parser.findResults(objectOf(item));
    const value = results.length > 0 && results[0].length > 0 ? { v: results[0][0] } : undefined;
    return { item, value };
  });
  if (keyed.length > 0 && keyed.every((k) => k.value === undefined)) {
    throw new KubectlError(`couldn't find any field with path "${field}" in the list of objects`);
  }
  keyed.sort((x, y) => {
    if (x.value === undefined && y.value === undefined) return 0;
    if (x.value === undefined) return -1;
    if (y.value === undefined) return 1;
    if (isLess(x.value.v, y.value.v, field)) return -1;
    if (isLess(y.value.v, x.value.v, field)) return 1;
    return 0;
  });
  return keyed.map((k) => k.item);
}
