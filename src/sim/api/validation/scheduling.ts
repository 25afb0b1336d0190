/**
 * Validation of a pod's scheduling constraints: node affinity, pod (anti-)affinity, tolerations,
 * node taints, topology spread constraints and scheduling gates.
 */
import type { Affinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, Taint, Toleration, TopologySpreadConstraint, WeightedPodAffinityTerm } from "kubernetes-types/core/v1";
import { FieldPath, duplicate, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from "./field";
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from "./names";
import { validateLabelName } from "./objectmeta";
import { validateLabelSelector } from "./selectors";

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) errs.push(forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case "Gt":
    case "Lt":
      if (values.length !== 1) errs.push(required(path.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(path.child("operator"), rq.operator ?? "", "not a valid selector operator"));
  }
  errs.push(...validateLabelName(rq.key ?? "", path.child("key")));
  values.forEach((v, i) => errs.push(...invalidEach(path.child("values").index(i), v, isValidLabelValue(v))));
  return errs;
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, path.child("matchExpressions").index(j))));
  (term.matchFields ?? []).forEach((r, j) => {
    const p = path.child("matchFields").index(j);
    if (r.operator !== "In" && r.operator !== "NotIn") errs.push(invalid(p.child("operator"), r.operator ?? "", "not a valid selector operator"));
    else if ((r.values ?? []).length !== 1) errs.push(required(p.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    if (r.key !== "metadata.name") errs.push(invalid(p.child("key"), r.key ?? "", "not a valid field selector key"));
    else (r.values ?? []).forEach((v, i) => errs.push(...invalidEach(p.child("values").index(i), v, nameIsDNSSubdomain(v, false))));
  });
  return errs;
}

function validateNodeSelector(sel: NodeSelector, path: FieldPath): FieldError[] {
  const terms = sel.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [required(path.child("nodeSelectorTerms"), "must have at least one node selector term")];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, path.child("nodeSelectorTerms").index(i)));
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: FieldPath): FieldError[] {
  const errs = validateLabelSelector(term.labelSelector, path.child("labelSelector"));
  errs.push(...validateLabelSelector(term.namespaceSelector, path.child("namespaceSelector")));
  for (const ns of term.namespaces ?? []) errs.push(...invalidEach(path.child("namespace"), ns, nameIsDNSLabel(ns, false)));
  if (!term.topologyKey) errs.push(required(path.child("topologyKey"), "can not be empty"));
  errs.push(...validateLabelName(term.topologyKey ?? "", path.child("topologyKey")));
  return errs;
}

function validateWeighted(terms: readonly WeightedPodAffinityTerm[] | undefined, path: FieldPath): FieldError[] {
  return (terms ?? []).flatMap((t, j) => [
    ...(t.weight <= 0 || t.weight > 100 ? [invalid(path.index(j).child("weight"), t.weight, "must be in the range 1-100")] : []),
    ...validatePodAffinityTerm(t.podAffinityTerm, path.index(j).child("podAffinityTerm")),
  ]);
}

/** validateAffinity. */
export function validateAffinity(affinity: Affinity | undefined, path: FieldPath): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (na) {
    const p = path.child("nodeAffinity");
    if (na.requiredDuringSchedulingIgnoredDuringExecution) errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, p.child("requiredDuringSchedulingIgnoredDuringExecution")));
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const tp = p.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
      if (t.weight <= 0 || t.weight > 100) errs.push(invalid(tp.child("weight"), t.weight, "must be in the range 1-100"));
      errs.push(...validateNodeSelectorTerm(t.preference, tp.child("preference")));
    });
  }
  for (const key of ["podAffinity", "podAntiAffinity"] as const) {
    const pa = affinity[key];
    if (!pa) continue;
    const p = path.child(key);
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, p.child("requiredDuringSchedulingIgnoredDuringExecution").index(i))));
    errs.push(...validateWeighted(pa.preferredDuringSchedulingIgnoredDuringExecution, p.child("preferredDuringSchedulingIgnoredDuringExecution")));
  }
  return errs;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, p.child("key")));
    if (!t.key && t.operator !== "Exists") errs.push(invalid(p.child("operator"), t.operator ?? "", 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") errs.push(invalid(p.child("effect"), t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (t.operator ?? "") {
      case "Equal":
      case "": {
        const msgs = isValidLabelValue(t.value ?? "");
        if (msgs.length > 0) errs.push(invalid(p.child("operator"), t.value ?? "", msgs.join(";")));
        break;
      }
      case "Exists":
        if (t.value) errs.push(invalid(p.child("operator"), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(p.child("operator"), t.operator, ["Equal", "Exists"]));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(p.child("effect"), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** validateNodeTaints: valid keys, values and effects, unique by key and effect. */
export function validateNodeTaints(taints: readonly Taint[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const p = path.index(i);
    errs.push(...validateLabelName(t.key ?? "", p.child("key")));
    const msgs = isValidLabelValue(t.value ?? "");
    if (msgs.length > 0) errs.push(invalid(p.child("value"), t.value ?? "", msgs.join(";")));
    if (!t.effect) errs.push(required(p.child("effect")));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(p.child("effect"), t.effect, TAINT_EFFECTS));
    const key = `${t.effect}\u0000${t.key}`;
    if (seen.has(key)) errs.push({ ...duplicate(p, `${t.key}=${t.value ?? ""}:${t.effect}`), detail: "taints must be unique by key and effect pair" });
    seen.add(key);
  });
  return errs;
}

/** validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(constraints: readonly TopologySpreadConstraint[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = path.index(i);
    if (c.maxSkew <= 0) errs.push(invalid(p.child("maxSkew"), c.maxSkew, "must be greater than zero"));
    if (!c.topologyKey) errs.push(required(p.child("topologyKey"), "can not be empty"));
    if (c.whenUnsatisfiable !== "DoNotSchedule" && c.whenUnsatisfiable !== "ScheduleAnyway") errs.push(notSupported(p.child("whenUnsatisfiable"), c.whenUnsatisfiable, ["DoNotSchedule", "ScheduleAnyway"]));
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(p.child("{topologyKey, whenUnsatisfiable}"), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(invalid(p.child("minDomains"), c.minDomains, "must be greater than zero"));
      if (c.whenUnsatisfiable !== "DoNotSchedule") errs.push(invalid(p.child("minDomains"), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
    }
    for (const key of ["nodeAffinityPolicy", "nodeTaintsPolicy"] as const) {
      const v = c[key];
      if (v !== undefined && v !== "Honor" && v !== "Ignore") errs.push(notSupported(p.child(key), v, ["Honor", "Ignore"]));
    }
    errs.push(...validateLabelSelector(c.labelSelector, p.child("labelSelector")));
  });
  return errs;
}

/** validateSchedulingGates: qualified names, no duplicates. */
export function validateSchedulingGates(gates: readonly { name: string }[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (gates ?? []).forEach((g, i) => {
    errs.push(...invalidEach(path.index(i), g.name, isQualifiedName(g.name)));
    if (seen.has(g.name)) errs.push(duplicate(path.index(i), g.name));
    seen.add(g.name);
  });
  return errs;
}
