/**
 * Node selectors as k8s.io/component-helpers/scheduling/corev1/nodeaffinity matches them: a pod's
 * nodeSelector map and required node affinity (terms ORed, expressions within a term ANDed, with
 * In/NotIn/Exists/DoesNotExist/Gt/Lt and matchFields on metadata.name), and the weighted preferred terms.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from "kubernetes-types/core/v1";

/** The part of a pod that constrains nodes by label: nodeSelector AND required node affinity. */
export interface RequiredNodeAffinity {
  match(node: Node): boolean;
}

const EVERYTHING: RequiredNodeAffinity = { match: () => true };

/** True when the pod has no nodeSelector and no required node affinity: every node matches. */
export function matchesEveryNode(r: RequiredNodeAffinity): boolean {
  return r === EVERYTHING;
}

/** The pod's required node affinity (nodeaffinity.GetRequiredNodeAffinity). */
export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = pod.spec?.nodeSelector;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const hasSelector = !!selector && Object.keys(selector).length > 0;
  if (!hasSelector && terms === undefined) return EVERYTHING;
  const selectorEntries = hasSelector ? Object.entries(selector!) : [];
  return {
    match(node: Node): boolean {
      const labels = node.metadata?.labels ?? {};
      for (const [k, v] of selectorEntries) if (labels[k] !== v) return false;
      return terms === undefined || matchesAnyTerm(terms, node);
    },
  };
}

/** True when any term matches; an empty list matches nothing (as Kubernetes' NodeSelector does). */
export function matchesAnyTerm(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  for (const t of terms) if (termMatches(t, node)) return true;
  return false;
}

/** A term with no expressions and no fields matches nothing. */
export function termMatches(t: NodeSelectorTerm, node: Node): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  const nodeFields: Record<string, string> = { "metadata.name": node.metadata?.name ?? "" };
  for (const r of fields) {
    // Only metadata.name with In/NotIn is a valid field requirement; anything else matches nothing.
    if (r.key !== "metadata.name" || (r.operator !== "In" && r.operator !== "NotIn") || (r.values ?? []).length !== 1) return false;
    if (!requirementMatches(r, nodeFields)) return false;
  }
  return true;
}

/** One NodeSelectorRequirement against a label set. */
export function requirementMatches(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(value);
    case "NotIn":
      return !has || !values.includes(value);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const actual = parseInteger(value);
      const bound = parseInteger(values[0]);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === "Gt" ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, nothing else. */
function parseInteger(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

/** The sum of the weights of the preferred terms a node matches (PreferredSchedulingTerms.Score). */
export function preferredScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
  let score = 0;
  for (const t of terms) if (t.weight !== 0 && termMatches(t.preference, node)) score += t.weight;
  return score;
}
