/**
 * Fixtures for the workload controllers' tests: a cluster with the API, the default nodes and only the
 * controllers under test (no scheduler, no kubelets — pods stay where a test puts them), object
 * builders, and helpers that play the kubelet's part (binding a pod, making it Running and Ready).
 */
import { ApiSetup } from "../../api/setup";
import type { KObject } from "../../api/types";
import { Bootstrap } from "../../bootstrap";
import { Cluster, type Component } from "../../cluster";
import { ServiceAccountController } from "../serviceaccount";

/** A started cluster running `controllers` on top of the API server and the default nodes. */
export function workloadCluster(...controllers: Component[]): Cluster {
  return new Cluster({ components: [new ApiSetup(), new ServiceAccountController(), new Bootstrap(), ...controllers] }).start();
}

type Patch = Record<string, any>;

function podTemplate(labels: Record<string, string>, image: string): Patch {
  return { metadata: { labels }, spec: { containers: [{ name: "app", image }] } };
}

export const make = {
  replicaSet(name: string, replicas: number, spec: Patch = {}, labels: Record<string, string> = { app: name }): KObject {
    return { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name, namespace: "default" }, spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels, "nginx:1.25"), ...spec } };
  },
  replicationController(name: string, replicas: number, labels: Record<string, string> = { app: name }): KObject {
    return { apiVersion: "v1", kind: "ReplicationController", metadata: { name, namespace: "default" }, spec: { replicas, selector: labels, template: podTemplate(labels, "nginx:1.25") } };
  },
  deployment(name: string, replicas: number, spec: Patch = {}, image = "nginx:1.14.2"): KObject {
    const labels = { app: name };
    return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "default" }, spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels, image), ...spec } };
  },
  pod(name: string, labels: Record<string, string>, metadata: Patch = {}): KObject {
    return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels, ...metadata }, spec: { containers: [{ name: "app", image: "nginx:1.25" }] } };
  },
};

/** Binds a pod to a node, as the scheduler does. */
export function bind(c: Cluster, pod: KObject, node = "node-1"): KObject {
  return c.api.bind(pod.metadata.namespace ?? "default", pod.metadata.name!, node, { actor: "kube-scheduler" });
}

/**
 * Sets a pod's phase and Ready condition as its kubelet would; `readySince` (virtual ms) is the
 * condition's lastTransitionTime. Returns the stored pod.
 */
export function setPodStatus(c: Cluster, pod: KObject, phase: string, ready: boolean, readySince = c.clock.now): KObject {
  const live = c.api.get("Pod", pod.metadata.namespace, pod.metadata.name!);
  const conditions = [...(live.status?.conditions ?? []).filter((x: { type: string }) => x.type !== "Ready"), { type: "Ready", status: ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: c.clock.timestamp(readySince) }];
  return c.api.updateStatus({ ...live, status: { ...live.status, phase, conditions } }, { actor: `kubelet/${live.spec?.nodeName ?? "node-1"}` });
}

/** Binds a pod and makes it Running and Ready. */
export function runPod(c: Cluster, pod: KObject, node = "node-1", readySince = c.clock.now): KObject {
  if (!c.api.get("Pod", pod.metadata.namespace, pod.metadata.name!).spec?.nodeName) bind(c, pod, node);
  return setPodStatus(c, pod, "Running", true, readySince);
}

/** The pods in a namespace whose controller has this uid. */
export function podsOf(c: Cluster, owner: KObject): KObject[] {
  return c.api.list("Pod", owner.metadata.namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid));
}

/** The events recorded about an object, as "Reason: message". */
export function eventsFor(c: Cluster, obj: KObject): string[] {
  return c.api
    .list("Event", obj.metadata.namespace)
    .filter((e) => e.involvedObject?.uid === obj.metadata.uid)
    .map((e) => `${e.reason}: ${e.message}`);
}
