/**
 * The pod garbage collector (pkg/controller/podgc). Every gcCheckPeriod (20 s) it:
 *
 * - deletes the oldest terminated pods (Succeeded or Failed) beyond --terminated-pod-gc-threshold
 *   (12500);
 * - force-deletes terminating pods on nodes that are not Ready and carry the
 *   `node.kubernetes.io/out-of-service` taint (non-graceful node shutdown). Pods stuck terminating on
 *   an unreachable node are otherwise left alone, as in Kubernetes: `kubectl delete --force` ends them;
 * - force-deletes pods bound to a node that no longer exists, once the node has been missing for the
 *   quarantine (40 s): Failed, with DisruptionTarget `DeletionByPodGC` "PodGC: node no longer exists";
 * - force-deletes terminating pods that were never scheduled.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../cluster";
import type { KObject } from "../api/types";
import { nodeControllerTiming } from "./node-timings";
import { nodeCondition, TAINT_OUT_OF_SERVICE } from "./node-taints";

export const POD_GC_CONTROLLER = "pod-garbage-collector";

export class PodGCController implements Component {
  readonly name = POD_GC_CONTROLLER;
  private cluster!: Cluster;
  /** Missing node name → when it was first seen missing. */
  private readonly missingSince = new Map<string, number>();

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.schedule();
  }

  private schedule(): void {
    this.cluster.clock.after(nodeControllerTiming(this.cluster, "podGCPeriod"), () => {
      this.schedule();
      this.gc();
    }, `${POD_GC_CONTROLLER} gc`);
  }

  /** One pass of every collection. */
  gc(): void {
    const pods = this.cluster.store.list("Pod") as (Pod & KObject)[];
    const nodes = new Map<string, Node & KObject>();
    for (const n of this.cluster.store.each("Node")) nodes.set(n.metadata.name!, n as Node & KObject);
    this.gcTerminated(pods);
    this.gcTerminating(pods, nodes);
    this.gcOrphaned(pods, nodes);
    this.gcUnscheduledTerminating(pods);
  }

  private gcTerminated(pods: (Pod & KObject)[]): void {
    const threshold = nodeControllerTiming(this.cluster, "terminatedPodGCThreshold");
    const terminated = pods.filter((p) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed");
    const excess = terminated.length - threshold;
    if (threshold <= 0 || excess <= 0) return;
    // Oldest first, by creation time.
    terminated.sort((a, b) => (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "") || (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
    for (const p of terminated.slice(0, excess)) this.forceDelete(p);
  }

  private gcTerminating(pods: (Pod & KObject)[], nodes: Map<string, Node & KObject>): void {
    for (const p of pods) {
      if (!p.metadata.deletionTimestamp || !p.spec?.nodeName) continue;
      const node = nodes.get(p.spec.nodeName);
      if (!node || nodeCondition(node, "Ready")?.status === "True") continue;
      if (!(node.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE)) continue;
      this.markFailedAndDelete(p, undefined);
    }
  }

  private gcOrphaned(pods: (Pod & KObject)[], nodes: Map<string, Node & KObject>): void {
    const now = this.cluster.clock.now;
    const quarantine = nodeControllerTiming(this.cluster, "podGCQuarantine");
    const missing = new Set<string>();
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (n && !nodes.has(n)) missing.add(n);
    }
    for (const n of [...this.missingSince.keys()]) if (!missing.has(n)) this.missingSince.delete(n);
    for (const n of missing) if (!this.missingSince.has(n)) this.missingSince.set(n, now);
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (!n || nodes.has(n) || now - (this.missingSince.get(n) ?? now) < quarantine) continue;
      // A last look at the API, as discoverDeletedNodes does.
      if (this.cluster.store.get("Node", undefined, n)) continue;
      this.markFailedAndDelete(p, { reason: "DeletionByPodGC", message: "PodGC: node no longer exists" });
    }
  }

  private gcUnscheduledTerminating(pods: (Pod & KObject)[]): void {
    for (const p of pods) if (p.metadata.deletionTimestamp && !p.spec?.nodeName) this.markFailedAndDelete(p, undefined);
  }

  /** markFailedAndDeletePodWithCondition: Failed (unless terminal), the condition, then a delete with grace 0. */
  private markFailedAndDelete(pod: Pod & KObject, condition: { reason: string; message: string } | undefined): void {
    const api = this.cluster.api;
    const phase = pod.status?.phase;
    if (phase !== "Succeeded" && phase !== "Failed") {
      const conditions = (pod.status?.conditions ?? []).filter((c) => !condition || c.type !== "DisruptionTarget");
      if (condition) conditions.push({ type: "DisruptionTarget", status: "True", lastProbeTime: null as unknown as string, lastTransitionTime: this.cluster.clock.timestamp(), ...condition });
      try {
        api.updateStatus({ ...pod, status: { ...pod.status, phase: "Failed", conditions } }, { actor: POD_GC_CONTROLLER });
      } catch {
        return;
      }
    }
    this.forceDelete(pod);
  }

  private forceDelete(pod: Pod & KObject): void {
    try {
      this.cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name!, { actor: POD_GC_CONTROLLER, gracePeriodSeconds: 0 });
    } catch {
      // Already gone.
    }
  }
}
