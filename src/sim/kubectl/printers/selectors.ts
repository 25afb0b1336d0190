/**
 * Labels and label selectors as apimachinery formats them: labels.FormatLabels ("a=b,c=d" sorted by
 * key, "<none>" when empty), a LabelSelector's selector.String() (requirements sorted by key, set
 * values sorted) and metav1.FormatLabelSelector ("<none>" when that is empty).
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";

/** labels.FormatLabels. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels![k]}`).join(",");
}

/** metav1.LabelSelectorAsSelector(sel).String(): "" for a nil or empty selector. */
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return "";
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...new Set(e.values ?? [])].sort();
    switch (e.operator) {
      case "In":
        reqs.push({ key: e.key, text: `${e.key} in (${values.join(",")})` });
        break;
      case "NotIn":
        reqs.push({ key: e.key, text: `${e.key} notin (${values.join(",")})` });
        break;
      case "Exists":
        reqs.push({ key: e.key, text: e.key });
        break;
      case "DoesNotExist":
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(",");
}

/** metav1.FormatLabelSelector. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  return selectorString(sel) || "<none>";
}
