/**
 * PodInfo is a pod with what the scheduler computes from it once (framework.PodInfo): its requests,
 * host ports, priority and parsed inter-pod affinity terms. The cache keeps one per assigned pod; a
 * scheduling cycle builds one for the pod it schedules.
 */
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import { fromLabelSelector, matches, type Selector } from "../api/labels";
import { podRequests, type Resources } from "./resources";

/** The scheduler name pods get when they name none (the API server defaults it; we do not rely on that). */
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/** A Pod as stored: the kubernetes-types shape plus the API object fields. */
export type PodObject = Pod & KObject;

/** A parsed PodAffinityTerm (framework.AffinityTerm). */
export interface AffinityTerm {
  /** Namespaces the term selects pods from; with a namespaceSelector, matching namespaces are added. */
  namespaces: Set<string>;
  selector: Selector;
  topologyKey: string;
  /** Selects namespaces by their labels; undefined selects none (beyond `namespaces`). */
  namespaceSelector: Selector | undefined;
}

/** A preferred term with its weight (framework.WeightedAffinityTerm). */
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** A hostPort a container asks for. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** A pod with its precomputed scheduling facts. */
export interface PodInfo {
  pod: PodObject;
  /** "namespace/name" */
  key: string;
  uid: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  priority: number;
  requests: Resources;
  /** Requests with 100m CPU / 200Mi memory assumed for containers that request none (for scoring). */
  nonZeroCPU: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** Has podAffinity or podAntiAffinity of any kind. */
  hasAffinity: boolean;
}

/** Builds the PodInfo of a pod. `priorityOf` resolves a priorityClassName when spec.priority is unset. */
export function newPodInfo(pod: PodObject, priorityOf?: (className: string | undefined) => number): PodInfo {
  const spec = pod.spec;
  const nonZero = podRequests(pod, { nonZero: true });
  const hostPorts: HostPort[] = [];
  for (const list of [spec?.initContainers, spec?.containers]) {
    for (const c of list ?? []) {
      if (list === spec?.initContainers && c.restartPolicy !== "Always") continue;
      for (const p of c.ports ?? []) {
        if (p.hostPort && p.hostPort > 0) hostPorts.push({ ip: p.hostIP || "0.0.0.0", protocol: p.protocol || "TCP", port: p.hostPort });
      }
    }
  }
  const affinity = spec?.affinity;
  const ns = pod.metadata.namespace ?? "default";
  return {
    pod,
    key: `${ns}/${pod.metadata.name}`,
    uid: pod.metadata.uid ?? "",
    namespace: ns,
    name: pod.metadata.name ?? "",
    labels: pod.metadata.labels ?? {},
    priority: spec?.priority ?? priorityOf?.(spec?.priorityClassName) ?? 0,
    requests: podRequests(pod),
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: hostPorts.length > 0 ? hostPorts : NO_PORTS,
    requiredAffinityTerms: terms(ns, affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: terms(ns, affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: weighted(ns, affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weighted(ns, affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    hasAffinity: !!(affinity?.podAffinity || affinity?.podAntiAffinity),
  };
}

function term(ownNamespace: string, t: PodAffinityTerm): AffinityTerm {
  const explicit = t.namespaces ?? [];
  // A term with neither namespaces nor a namespaceSelector selects pods of its own pod's namespace.
  const namespaces = new Set(explicit.length === 0 && !t.namespaceSelector ? [ownNamespace] : explicit);
  return {
    namespaces,
    selector: fromLabelSelector(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaceSelector: t.namespaceSelector ? fromLabelSelector(t.namespaceSelector) : undefined,
  };
}

// Most pods have no affinity: they share these (never mutated) empty lists.
const NO_TERMS: AffinityTerm[] = [];
const NO_WEIGHTED_TERMS: WeightedAffinityTerm[] = [];
const NO_PORTS: HostPort[] = [];

function terms(ns: string, list: PodAffinityTerm[] | undefined): AffinityTerm[] {
  return list && list.length > 0 ? list.map((t) => term(ns, t)) : NO_TERMS;
}

function weighted(ns: string, list: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return list && list.length > 0 ? list.map((w) => ({ ...term(ns, w.podAffinityTerm), weight: w.weight })) : NO_WEIGHTED_TERMS;
}

/**
 * True when the term selects `pod`: the pod's namespace is one of the term's (or matches its
 * namespaceSelector, given the namespace's labels) and its labels match the selector.
 */
export function termMatches(t: AffinityTerm, pod: PodInfo, nsLabels: Record<string, string> | undefined): boolean {
  const nsOk = t.namespaces.has(pod.namespace) || (t.namespaceSelector !== undefined && nsLabels !== undefined && matches(t.namespaceSelector, nsLabels));
  return nsOk && matches(t.selector, pod.labels);
}

/** True when `pod` matches every term (and there is at least one): podMatchesAllAffinityTerms. */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, undefined)) return false;
  return true;
}

/** The pod is assigned, or claims a node (spec.nodeName). */
export function isAssigned(pod: Pod): boolean {
  return !!pod.spec?.nodeName;
}

/** Succeeded and Failed pods hold no resources; the scheduler's informer does not even see them. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** The scheduler a pod asks for, with the API server's default filled in. */
export function schedulerNameOf(pod: Pod): string {
  return pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME;
}
