/**
 * What an object counts against a ResourceQuota (pkg/quota/v1/evaluator/core): pods and their
 * compute requests and limits, services and their node ports and load balancers, claims and their
 * storage, plain object counts, and `count/<resource>.<group>` for every kind. Shared by the
 * ResourceQuota admission plugin and the quota controller.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { kindInfo } from "../kinds";
import type { KObject } from "../types";
import { addQuantity, cmpQuantity, formatQuantity, mustParse, zeroQuantity, type Quantity } from "../validation/quantity";

export type Usage = Map<string, Quantity>;

const ONE = mustParse("1");
const OBJECT_COUNTS: Record<string, string> = {
  Pod: "pods",
  Service: "services",
  ReplicationController: "replicationcontrollers",
  ResourceQuota: "resourcequotas",
  Secret: "secrets",
  ConfigMap: "configmaps",
  PersistentVolumeClaim: "persistentvolumeclaims",
};

/** The `count/...` resource name of a kind ("count/pods", "count/deployments.apps"). */
export function countResource(kind: string): string | undefined {
  const info = kindInfo(kind);
  if (!info) return undefined;
  return `count/${info.plural}${info.group ? `.${info.group}` : ""}`;
}

function add(u: Usage, name: string, q: Quantity): void {
  const prev = u.get(name);
  u.set(name, prev ? addQuantity(prev, q) : q);
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace, no longer use compute quota. */
export function podUsesCompute(pod: Pod, nowMs: number, parse: (t: string) => number): boolean {
  if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") return false;
  const ts = pod.metadata?.deletionTimestamp;
  if (ts && pod.metadata?.deletionGracePeriodSeconds !== undefined && nowMs > parse(ts) + pod.metadata.deletionGracePeriodSeconds * 1000) return false;
  return true;
}

/** resourcehelper.PodRequests/PodLimits: the sum over containers, at least the largest init container. */
function podResources(pod: Pod, field: "requests" | "limits"): Usage {
  const total: Usage = new Map();
  for (const c of (pod.spec?.containers ?? []) as Container[]) for (const [k, v] of Object.entries(c.resources?.[field] ?? {})) add(total, k, mustParse(v));
  const sidecars: Usage = new Map();
  for (const c of (pod.spec?.initContainers ?? []) as Container[]) {
    const res = c.resources?.[field] ?? {};
    if (c.restartPolicy === "Always") {
      for (const [k, v] of Object.entries(res)) {
        add(total, k, mustParse(v));
        add(sidecars, k, mustParse(v));
      }
      continue;
    }
    for (const [k, v] of Object.entries(res)) {
      const need = addQuantity(mustParse(v), sidecars.get(k) ?? zeroQuantity());
      if (!total.has(k) || cmpQuantity(need, total.get(k)!) > 0) total.set(k, need);
    }
  }
  for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) add(total, k, mustParse(v));
  return total;
}

/** podComputeUsageHelper: the quota names requests and limits map to. */
function computeUsage(requests: Usage, limits: Usage): Usage {
  const u: Usage = new Map([["pods", ONE]]);
  for (const [k, q] of requests) {
    if (k === "cpu" || k === "memory" || k === "ephemeral-storage") {
      u.set(k, q);
      u.set(`requests.${k}`, q);
    } else if (k.startsWith("hugepages-")) u.set(`requests.${k}`, q);
    else if (k.includes("/") && !k.includes("kubernetes.io/")) u.set(`requests.${k}`, q);
  }
  for (const [k, q] of limits) {
    if (k === "cpu" || k === "memory" || k === "ephemeral-storage") u.set(`limits.${k}`, q);
    else if (k.startsWith("hugepages-")) u.set(`limits.${k}`, q);
  }
  return u;
}

/** The resources one container counts toward (for the "must specify" rule). */
export function containerQuotaNames(c: Container): Set<string> {
  const req = new Map(Object.entries(c.resources?.requests ?? {}).map(([k, v]) => [k, mustParse(v)]));
  const lim = new Map(Object.entries(c.resources?.limits ?? {}).map(([k, v]) => [k, mustParse(v)]));
  return new Set(computeUsage(req, lim).keys());
}

/** An object's usage of every quota resource it counts toward. */
export function usageOf(obj: KObject, nowMs: number, parse: (t: string) => number): Usage {
  const u: Usage = new Map();
  const count = countResource(obj.kind);
  if (count) u.set(count, ONE);
  if (obj.kind === "Pod") {
    if (podUsesCompute(obj as Pod, nowMs, parse)) for (const [k, q] of computeUsage(podResources(obj as Pod, "requests"), podResources(obj as Pod, "limits"))) u.set(k, q);
    return u;
  }
  const counted = OBJECT_COUNTS[obj.kind];
  if (counted) u.set(counted, ONE);
  if (obj.kind === "Service") {
    const ports = (obj.spec?.ports ?? []).length;
    if (obj.spec?.type === "NodePort" || obj.spec?.type === "LoadBalancer") u.set("services.nodeports", mustParse(String(ports)));
    if (obj.spec?.type === "LoadBalancer") u.set("services.loadbalancers", ONE);
  }
  if (obj.kind === "PersistentVolumeClaim") {
    const storage = obj.spec?.resources?.requests?.storage;
    if (storage !== undefined) {
      u.set("requests.storage", mustParse(storage));
      const sc = obj.spec?.storageClassName;
      if (sc) {
        u.set(`${sc}.storageclass.storage.k8s.io/requests.storage`, mustParse(storage));
        u.set(`${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`, ONE);
      }
    }
  }
  return u;
}

/** The sum of two usages. */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, q] of b) add(out, k, q);
  return out;
}

/** A ResourceList as the API stores it. */
export function toResourceList(u: Usage, names: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of names) out[k] = formatQuantity(u.get(k) ?? zeroQuantity());
  return out;
}

/** quota.ResourceNames of a ResourceList, parsed. */
export function fromResourceList(list: Record<string, unknown> | undefined): Usage {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, mustParse(v)]));
}

/** Does the quota's scope (scopes and scopeSelector) select this object? Only pods are scoped. */
export function quotaMatchesScopes(quota: KObject, obj: KObject): boolean {
  const scopes: { scopeName: string; operator: string; values?: string[] }[] = [
    ...((quota.spec?.scopes ?? []) as string[]).map((s) => ({ scopeName: s, operator: "Exists" })),
    ...(quota.spec?.scopeSelector?.matchExpressions ?? []),
  ];
  if (scopes.length === 0) return true;
  if (obj.kind !== "Pod") return false;
  const pod = obj as Pod;
  const bestEffort = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].every(
    (c) => Object.keys(c.resources?.requests ?? {}).length === 0 && Object.keys(c.resources?.limits ?? {}).length === 0,
  );
  return scopes.every((s) => {
    switch (s.scopeName) {
      case "Terminating":
        return pod.spec?.activeDeadlineSeconds !== undefined;
      case "NotTerminating":
        return pod.spec?.activeDeadlineSeconds === undefined;
      case "BestEffort":
        return bestEffort;
      case "NotBestEffort":
        return !bestEffort;
      case "PriorityClass": {
        const pc = pod.spec?.priorityClassName ?? "";
        if (s.operator === "In") return (s.values ?? []).includes(pc);
        if (s.operator === "NotIn") return !(s.values ?? []).includes(pc);
        if (s.operator === "Exists") return pc !== "";
        return pc === "";
      }
      default:
        return true;
    }
  });
}

/** Resources a quota constrains that an object of this kind can use (evaluator.MatchingResources). */
export function matchingResources(kind: string, names: string[]): string[] {
  const count = countResource(kind);
  return names.filter((n) => {
    if (n === count) return true;
    switch (kind) {
      case "Pod":
        return n === "pods" || n === "cpu" || n === "memory" || n === "ephemeral-storage" || n.startsWith("requests.") || n.startsWith("limits.");
      case "Service":
        return n === "services" || n === "services.nodeports" || n === "services.loadbalancers";
      case "PersistentVolumeClaim":
        return n === "persistentvolumeclaims" || n === "requests.storage" || n.includes(".storageclass.storage.k8s.io/");
      default:
        return n === OBJECT_COUNTS[kind];
    }
  });
}
