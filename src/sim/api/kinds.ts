/**
 * The kinds the simulated API server serves, with the names kubectl resolves (plural, singular,
 * short names) and the columns `kubectl api-resources` prints.
 */
import { isConvertible } from "./conversion";

export interface KindInfo {
  kind: string;
  /** "" for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Has a /status subresource: a main-resource update leaves status alone and vice versa. */
  hasStatus: boolean;
  /** Bumps metadata.generation when spec changes. */
  hasGeneration: boolean;
  verbs: string[];
  categories?: string[];
}

const RW = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function k(
  kind: string,
  group: string,
  version: string,
  plural: string,
  shortNames: string[],
  namespaced: boolean,
  opts: Partial<Pick<KindInfo, "hasStatus" | "hasGeneration" | "verbs" | "categories">> = {},
): KindInfo {
  return {
    kind,
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced,
    hasStatus: opts.hasStatus ?? false,
    hasGeneration: opts.hasGeneration ?? false,
    verbs: opts.verbs ?? RW,
    categories: opts.categories,
  };
}

const ALL = ["all"];

/** Every served kind, in `kubectl api-resources` order (core group first, then by group name). */
export const KINDS: readonly KindInfo[] = [
  k("Binding", "", "v1", "bindings", [], true, { verbs: ["create"] }),
  k("ComponentStatus", "", "v1", "componentstatuses", ["cs"], false, { verbs: ["get", "list"] }),
  k("ConfigMap", "", "v1", "configmaps", ["cm"], true),
  k("Endpoints", "", "v1", "endpoints", ["ep"], true),
  k("Event", "", "v1", "events", ["ev"], true),
  k("LimitRange", "", "v1", "limitranges", ["limits"], true),
  k("Namespace", "", "v1", "namespaces", ["ns"], false, { hasStatus: true, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] }),
  k("Node", "", "v1", "nodes", ["no"], false, { hasStatus: true }),
  k("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", ["pvc"], true, { hasStatus: true }),
  k("PersistentVolume", "", "v1", "persistentvolumes", ["pv"], false, { hasStatus: true }),
  k("Pod", "", "v1", "pods", ["po"], true, { hasStatus: true, categories: ALL }),
  k("PodTemplate", "", "v1", "podtemplates", [], true),
  k("ReplicationController", "", "v1", "replicationcontrollers", ["rc"], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("ResourceQuota", "", "v1", "resourcequotas", ["quota"], true, { hasStatus: true }),
  k("Secret", "", "v1", "secrets", [], true),
  k("ServiceAccount", "", "v1", "serviceaccounts", ["sa"], true),
  k("Service", "", "v1", "services", ["svc"], true, { hasStatus: true, categories: ALL }),
  k("ControllerRevision", "apps", "v1", "controllerrevisions", [], true),
  k("DaemonSet", "apps", "v1", "daemonsets", ["ds"], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("Deployment", "apps", "v1", "deployments", ["deploy"], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("ReplicaSet", "apps", "v1", "replicasets", ["rs"], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("StatefulSet", "apps", "v1", "statefulsets", ["sts"], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers", ["hpa"], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("CronJob", "batch", "v1", "cronjobs", ["cj"], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("Job", "batch", "v1", "jobs", [], true, { hasStatus: true, hasGeneration: true, categories: ALL }),
  k("Lease", "coordination.k8s.io", "v1", "leases", [], true),
  k("EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", [], true),
  k("Ingress", "networking.k8s.io", "v1", "ingresses", ["ing"], true, { hasStatus: true, hasGeneration: true }),
  k("IngressClass", "networking.k8s.io", "v1", "ingressclasses", [], false),
  k("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", ["netpol"], true, { hasGeneration: true }),
  k("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", ["pdb"], true, { hasStatus: true, hasGeneration: true }),
  k("PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses", ["pc"], false),
  k("StorageClass", "storage.k8s.io", "v1", "storageclasses", ["sc"], false),
];

const byKind = new Map<string, KindInfo>();
const byName = new Map<string, KindInfo>();
for (const info of KINDS) {
  byKind.set(info.kind, info);
  for (const n of [info.plural, info.singular, info.kind.toLowerCase(), ...info.shortNames]) {
    byName.set(n, info);
    if (info.group) byName.set(`${n}.${info.group}`, info);
  }
}

/** The apiVersion string objects of this kind carry ("v1", "apps/v1"). */
export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Looks a kind up by its Kind name ("Pod"). */
export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

/** Looks a kind up by what a user types on the kubectl command line ("po", "pods", "deploy.apps"). */
export function resolveResource(name: string): KindInfo | undefined {
  const lower = name.toLowerCase();
  const direct = byName.get(lower);
  if (direct) return direct;
  // "deployments.v1.apps" — resource.version.group
  const dot = lower.indexOf(".");
  if (dot > 0) {
    const [res, ...rest] = lower.split(".");
    const info = byName.get(res);
    if (info && rest.length >= 2 && rest[0] === info.version && rest.slice(1).join(".") === info.group) return info;
  }
  return undefined;
}

/** Looks a kind up by apiVersion and kind as written in a manifest. */
export function kindForManifest(apiVersion: string, kind: string): KindInfo | undefined {
  const info = byKind.get(kind);
  if (!info) return undefined;
  return apiVersionOf(info) === apiVersion || isConvertible(apiVersion, kind) ? info : undefined;
}

/** The kinds `kubectl get all` lists, in kubectl's order. */
export const ALL_CATEGORY_ORDER = ["Pod", "ReplicationController", "Service", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet", "HorizontalPodAutoscaler", "CronJob", "Job"];
