/**
 * The scale subresource as the HPA controller uses it (autoscaling/v1 Scale): the target's desired
 * replicas (spec), observed replicas and label selector (status), for Deployments, ReplicaSets,
 * StatefulSets and ReplicationControllers; and an update that changes only spec.replicas.
 */
import { formatSelector, fromLabelSelector, fromMap } from "../api/labels";
import type { KObject } from "../api/types";
import type { Cluster } from "../cluster";

/** The scale target's reference, as spec.scaleTargetRef gives it. */
export interface ScaleTargetRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
}

/** autoscaling/v1 Scale. */
export interface Scale {
  specReplicas: number;
  statusReplicas: number;
  /** The label selector in its string form ("app=php-apache"). */
  selector: string;
}

/** A failure to get or update the scale, in the API's words. */
export class ScaleError extends Error {}

/** The kinds with a scale subresource, by group and kind. */
const SCALABLE: Record<string, { group: string; plural: string }> = {
  Deployment: { group: "apps", plural: "deployments" },
  ReplicaSet: { group: "apps", plural: "replicasets" },
  StatefulSet: { group: "apps", plural: "statefulsets" },
  ReplicationController: { group: "", plural: "replicationcontrollers" },
};

/** Known kinds that have no scale subresource, by group. */
const UNSCALABLE: Record<string, string> = { Pod: "", DaemonSet: "apps", Job: "batch", CronJob: "batch", Service: "" };

/** The reference "Deployment/default/php-apache" the controller's messages use. */
export function referenceOf(namespace: string, ref: ScaleTargetRef): string {
  return `${ref.kind ?? ""}/${namespace}/${ref.name ?? ""}`;
}

/** The RESTMapper lookup and the scale Get. */
export function getScale(cluster: Cluster, namespace: string, ref: ScaleTargetRef): { scale: Scale; target: KObject } {
  const group = (ref.apiVersion ?? "").includes("/") ? ref.apiVersion!.split("/")[0] : "";
  const kind = ref.kind ?? "";
  const known = SCALABLE[kind];
  if (!known || known.group !== group) {
    if (UNSCALABLE[kind] === group) throw new ScaleError("the server could not find the requested resource");
    throw new ScaleError(`no matches for kind "${kind}" in group "${group}"`);
  }
  const target = cluster.store.get(kind, namespace, ref.name ?? "");
  if (!target) throw new ScaleError(`${known.plural}${known.group ? `.${known.group}` : ""} "${ref.name ?? ""}" not found`);
  const selector = kind === "ReplicationController" ? formatSelector(fromMap(target.spec?.selector)) : formatSelector(fromLabelSelector(target.spec?.selector));
  return {
    target,
    scale: {
      specReplicas: typeof target.spec?.replicas === "number" ? target.spec.replicas : 1,
      statusReplicas: target.status?.replicas ?? 0,
      selector,
    },
  };
}

/** The scale Update: only spec.replicas changes. */
export function updateScale(cluster: Cluster, namespace: string, ref: ScaleTargetRef, replicas: number, actor: string): void {
  const kind = ref.kind ?? "";
  try {
    cluster.api.mutate(kind, namespace, ref.name ?? "", { actor }, (obj) => {
      obj.spec = { ...obj.spec, replicas };
    });
  } catch (e) {
    throw new ScaleError((e as Error).message);
  }
}
