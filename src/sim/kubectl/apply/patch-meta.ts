/**
 * Patch metadata of the built-in types: which lists merge by a key and which fields use retainKeys,
 * as the `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api declare them. Strategic merge
 * patch and kubectl apply's three-way merge read it to merge `containers` by name, `ports` by
 * containerPort, `env` by name, `volumes` by name, and so on. Lists without an entry are atomic.
 */

/** A field's patch strategy: `merge` (lists by merge key), `retainKeys`, or both. */
export type PatchStrategy = "merge" | "retainKeys" | "merge,retainKeys" | "replace";

export interface FieldMeta {
  /** The type of the field's value (or of a list's elements), for fields below it. */
  type?: string;
  strategy?: PatchStrategy;
  /** For `merge` lists of objects: the key that identifies an element. */
  mergeKey?: string;
}

/** A type's fields that carry patch metadata or lead to fields that do. */
type TypeMeta = Record<string, FieldMeta>;

const merge = (mergeKey?: string, type?: string): FieldMeta => ({ strategy: "merge", mergeKey, type });
const nested = (type: string): FieldMeta => ({ type });

const TYPES: Record<string, TypeMeta> = {
  ObjectMeta: {
    finalizers: merge(),
    ownerReferences: merge("uid"),
  },
  PodTemplateSpec: { metadata: nested("ObjectMeta"), spec: nested("PodSpec") },
  PodSpec: {
    volumes: { strategy: "merge,retainKeys", mergeKey: "name" },
    initContainers: merge("name", "Container"),
    containers: merge("name", "Container"),
    ephemeralContainers: merge("name", "Container"),
    imagePullSecrets: merge("name"),
    hostAliases: merge("ip"),
    topologySpreadConstraints: merge("topologyKey"),
    schedulingGates: merge("name"),
    resourceClaims: { strategy: "merge,retainKeys", mergeKey: "name" },
  },
  Container: {
    ports: merge("containerPort"),
    env: merge("name"),
    volumeMounts: merge("mountPath"),
    volumeDevices: merge("devicePath"),
  },
  PodStatus: {
    conditions: merge("type"),
  },
  Pod: { metadata: nested("ObjectMeta"), spec: nested("PodSpec"), status: nested("PodStatus") },
  PodTemplate: { metadata: nested("ObjectMeta"), template: nested("PodTemplateSpec") },
  ReplicationController: { metadata: nested("ObjectMeta"), spec: nested("WorkloadSpec"), status: nested("WorkloadStatus") },
  WorkloadSpec: { template: nested("PodTemplateSpec") },
  WorkloadStatus: { conditions: merge("type") },
  DeploymentSpec: { template: nested("PodTemplateSpec"), strategy: { strategy: "retainKeys" } },
  Deployment: { metadata: nested("ObjectMeta"), spec: nested("DeploymentSpec"), status: nested("WorkloadStatus") },
  ReplicaSet: { metadata: nested("ObjectMeta"), spec: nested("WorkloadSpec"), status: nested("WorkloadStatus") },
  StatefulSet: { metadata: nested("ObjectMeta"), spec: nested("WorkloadSpec"), status: nested("WorkloadStatus") },
  DaemonSet: { metadata: nested("ObjectMeta"), spec: nested("WorkloadSpec"), status: nested("WorkloadStatus") },
  Job: { metadata: nested("ObjectMeta"), spec: nested("WorkloadSpec") },
  JobTemplateSpec: { metadata: nested("ObjectMeta"), spec: nested("WorkloadSpec") },
  CronJobSpec: { jobTemplate: nested("JobTemplateSpec") },
  CronJob: { metadata: nested("ObjectMeta"), spec: nested("CronJobSpec") },
  ServiceSpec: { ports: merge("port") },
  Service: { metadata: nested("ObjectMeta"), spec: nested("ServiceSpec") },
  NodeSpec: { podCIDRs: merge() },
  NodeStatus: { conditions: merge("type"), addresses: merge("type") },
  Node: { metadata: nested("ObjectMeta"), spec: nested("NodeSpec"), status: nested("NodeStatus") },
  ServiceAccount: { metadata: nested("ObjectMeta"), secrets: merge("name") },
  Namespace: { metadata: nested("ObjectMeta") },
};

/** The root type of a kind; kinds not listed have only ObjectMeta's metadata. */
const ROOTS: Record<string, string> = {
  Pod: "Pod",
  PodTemplate: "PodTemplate",
  ReplicationController: "ReplicationController",
  Deployment: "Deployment",
  ReplicaSet: "ReplicaSet",
  StatefulSet: "StatefulSet",
  DaemonSet: "DaemonSet",
  Job: "Job",
  CronJob: "CronJob",
  Service: "Service",
  Node: "Node",
  ServiceAccount: "ServiceAccount",
  Namespace: "Namespace",
};

const GENERIC_ROOT = "GenericObject";
TYPES[GENERIC_ROOT] = { metadata: nested("ObjectMeta") };

/** The schema (type name) strategic merge starts from for objects of `kind`. */
export function schemaForKind(kind: string): string {
  return ROOTS[kind] ?? GENERIC_ROOT;
}

/** The patch metadata of `field` inside a value of `type` (an empty meta when nothing is declared). */
export function lookupField(type: string | undefined, field: string): FieldMeta {
  if (!type) return {};
  return TYPES[type]?.[field] ?? {};
}

/** True when the strategy includes `retainKeys`. */
export function hasRetainKeys(meta: FieldMeta): boolean {
  return meta.strategy === "retainKeys" || meta.strategy === "merge,retainKeys";
}

/** True when a list merges element by element (otherwise it is replaced whole). */
export function isMergeList(meta: FieldMeta): boolean {
  return meta.strategy === "merge" || meta.strategy === "merge,retainKeys";
}
