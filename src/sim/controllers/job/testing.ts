/**
 * Fixtures for the workload controllers' unit tests: a cluster running only the API server setup, the
 * bootstrap (namespaces and the default nodes) and the controllers under test — no scheduler and no
 * kubelet, so a test moves pods through their phases itself and calls reconcile directly.
 */
import type { Pod, PodCondition } from "kubernetes-types/core/v1";
import { ApiSetup } from "../../api/setup";
import { Bootstrap } from "../../bootstrap";
import { Cluster, type Component, type NodeSettings } from "../../cluster";
import type { KObject } from "../../api/types";
import type { PodObject } from "./pod-control";

const actor = { actor: "kubelet/node-1" };

/**
 * A started cluster with just the API setup, the bootstrap and `components`, and the `default`
 * service account the ServiceAccount admission plugin asks pods for.
 */
export function controllerCluster(components: Component[], nodes?: NodeSettings[]): Cluster {
  const cluster = new Cluster({ components: [new ApiSetup(), new Bootstrap(), ...components], nodes }).start();
  cluster.api.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default" } }, { actor: "service-account-controller" });
  return cluster;
}

/** Creates an object as kubectl would. */
export function apply<T extends KObject>(cluster: Cluster, obj: KObject): T {
  return cluster.api.create<T>(obj, { actor: "kubectl-client-side-apply" });
}

function condition(type: string, status: string, at: string): PodCondition {
  return { type, status, lastProbeTime: null as unknown as string, lastTransitionTime: at };
}

/** Moves a pod to a phase, as its kubelet would report it (Running pods can also be made Ready). */
export function setPodStatus(cluster: Cluster, namespace: string, name: string, phase: "Pending" | "Running" | "Succeeded" | "Failed", opts: { ready?: boolean; exitCode?: number; nodeName?: string; restartCount?: number; conditions?: PodCondition[] } = {}): PodObject {
  const now = cluster.clock.timestamp();
  const pod = cluster.api.get("Pod", namespace, name) as PodObject;
  if (opts.nodeName && !pod.spec?.nodeName) cluster.api.bind(namespace, name, opts.nodeName, { actor: "kube-scheduler" });
  const current = cluster.api.get("Pod", namespace, name) as PodObject;
  const ready = phase === "Running" && !!opts.ready;
  const container = current.spec!.containers[0].name;
  const state = phase === "Succeeded" || phase === "Failed" ? { terminated: { exitCode: opts.exitCode ?? (phase === "Succeeded" ? 0 : 1), reason: phase === "Succeeded" ? "Completed" : "Error", startedAt: now, finishedAt: now } } : phase === "Running" ? { running: { startedAt: now } } : { waiting: { reason: "ContainerCreating" } };
  const status: Pod["status"] = {
    ...current.status,
    phase,
    conditions: [condition("Ready", ready ? "True" : "False", now), ...(opts.conditions ?? [])],
    containerStatuses: [{ name: container, image: current.spec!.containers[0].image ?? "", imageID: "", ready, restartCount: opts.restartCount ?? 0, started: phase === "Running", state }],
  };
  return cluster.api.updateStatus<PodObject>({ ...current, status }, actor);
}

/** The pods of a namespace whose names start with `prefix`, by name. */
export function podsNamed(cluster: Cluster, namespace: string, prefix: string): PodObject[] {
  return (cluster.api.list("Pod", namespace) as PodObject[]).filter((p) => p.metadata.name!.startsWith(prefix)).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** The messages of the events about an object, oldest first, as "Reason: message". */
export function eventsFor(cluster: Cluster, kind: string, name: string): string[] {
  return (cluster.api.list("Event") as KObject[])
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name)
    .map((e) => `${e.reason}: ${e.message}`);
}
