/**
 * PodControl (pkg/controller/controller_utils.go): how a workload controller creates pods from its
 * template — named `<owner>-<5 random chars>` through generateName, labelled and annotated as the
 * template says, owned through a controller reference — and deletes them, recording Kubernetes'
 * events: SuccessfulCreate "Created pod: NAME", FailedCreate "Error creating: ERR", SuccessfulDelete
 * "Deleted pod: NAME", FailedDelete "Error deleting: ERR". Also slowStartBatch, which creates in
 * batches of 1, 2, 4, ... and stops at the first batch with a failure.
 */
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { StatusError } from "../../api/errors";
import type { KObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { nameIsDNSSubdomain } from "../../api/validation/names";

/** The generateName of a controller's pods: "<name>-", or the bare name when that is not a valid prefix. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return nameIsDNSSubdomain(prefix, true).length === 0 ? prefix : controllerName;
}

/**
 * The pod a controller creates from its template (GetPodFromTemplate). The template's spec is shared,
 * not copied: the API server copies what it stores.
 */
export function podFromTemplate(template: PodTemplateSpec, owner: KObject, controllerRef: OwnerReference | undefined): KObject {
  const meta = template.metadata ?? {};
  const pod: KObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: podsPrefix(owner.metadata.name!),
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ...(controllerRef ? { ownerReferences: [controllerRef] } : {}),
    },
    spec: template.spec,
  };
  return pod;
}

/** Who acts: the actor name on writes and the event source component. */
export interface ControllerIdentity {
  actor: string;
}

/** Creates one pod for `owner`, recording the event. Throws the API's error (after recording FailedCreate). */
export function createPod(cluster: Cluster, who: ControllerIdentity, template: PodTemplateSpec, owner: KObject, controllerRef: OwnerReference): KObject {
  const pod = podFromTemplate(template, owner, controllerRef);
  if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error("unable to create pods, no labels");
  let created: KObject;
  try {
    created = cluster.api.create(pod, { actor: who.actor });
  } catch (e) {
    // A terminating namespace refuses every create; Kubernetes does not record that as FailedCreate.
    if (!isNamespaceTerminating(e)) cluster.events.record(owner, "Warning", "FailedCreate", `Error creating: ${errorText(e)}`, { component: who.actor });
    throw e;
  }
  cluster.events.record(owner, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`, { component: who.actor });
  const trace = cluster.trace;
  if (trace.active) trace.emit({ time: cluster.clock.now, component: who.actor, action: "create", object: { kind: "Pod", namespace: created.metadata.namespace ?? "", name: created.metadata.name! }, detail: { owner: `${owner.kind}/${owner.metadata.name}` } });
  return created;
}

/** Deletes one pod of `owner`, recording the event. A pod already gone is not an error worth an event. */
export function deletePod(cluster: Cluster, who: ControllerIdentity, namespace: string, name: string, owner: KObject): void {
  try {
    cluster.api.delete("Pod", namespace, name, { actor: who.actor });
  } catch (e) {
    if (e instanceof StatusError && e.reason === "NotFound") throw e;
    cluster.events.record(owner, "Warning", "FailedDelete", `Error deleting: ${errorText(e)}`, { component: who.actor });
    throw e;
  }
  cluster.events.record(owner, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`, { component: who.actor });
  const trace = cluster.trace;
  if (trace.active) trace.emit({ time: cluster.clock.now, component: who.actor, action: "delete", object: { kind: "Pod", namespace, name }, detail: { owner: `${owner.kind}/${owner.metadata.name}` } });
}

/**
 * Runs `fn` `count` times in batches that start at `initialBatchSize` and double while every call of
 * a batch succeeds (slowStartBatch). Returns how many calls succeeded and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): { successes: number; error: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: unknown;
    let failed = 0;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
      } catch (e) {
        failed++;
        firstError ??= e;
      }
    }
    successes += batch - failed;
    if (failed > 0) return { successes, error: firstError };
    remaining -= batch;
  }
  return { successes, error: undefined };
}

/** The text of an error as Go's err.Error() gives it. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** True for the API's refusal to create in a terminating namespace (NamespaceTerminatingCause). */
export function isNamespaceTerminating(e: unknown): boolean {
  return e instanceof StatusError && e.reason === "Forbidden" && e.message.includes("because it is being terminated");
}
