/**
 * The shapes every simulated API object shares. Concrete kinds use the `kubernetes-types` package
 * (`import type { Pod } from "kubernetes-types/core/v1"`), so field names are Kubernetes' own.
 */
import type { ObjectMeta } from "kubernetes-types/meta/v1";

/** Any API object: apiVersion, kind, metadata, and whatever its kind defines. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // Kinds add spec, status, data, ...: concrete types come from kubernetes-types.
  [field: string]: any;
}

/**
 * Who made a write, recorded on every change as managedFields records a manager: "kubectl",
 * "kube-scheduler", "kubelet/node-1", "replicaset-controller", "podlab" (faults and settings), ...
 */
export type Actor = string;

/** The `managedFields` manager name Kubernetes would record for an actor. */
export function managerOf(actor: Actor): string {
  if (actor.startsWith("kubelet/")) return "kubelet";
  if (actor.startsWith("kubectl")) return actor.includes("-") ? actor : "kubectl-client-side-apply";
  if (actor === "kube-scheduler") return "kube-scheduler";
  if (actor.endsWith("-controller") || actor === "generic-garbage-collector") return "kube-controller-manager";
  return actor;
}

/** A namespaced (or cluster-scoped, namespace "") reference to an object. */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

/** The key the store files an object under: "namespace/name", or "name" for cluster-scoped kinds. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function refOf(obj: KObject): ObjectRef {
  return { kind: obj.kind, namespace: obj.metadata.namespace ?? "", name: obj.metadata.name ?? "" };
}
