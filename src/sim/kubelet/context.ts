/**
 * KubeletContext: what the kubelet's managers share — the cluster, the node they run on, the node's
 * container runtime and volume factory, and the kubelet's voice (events as `kubelet` from the node,
 * trace events for the UI).
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import type { ContainerRuntime, VolumeFs } from "../runtime/cri";
import { containerFieldPath } from "./format";

/** Creates the filesystems of volumes (the runtime's filesystem module provides them). */
export interface VolumeFactory {
  create(spec: { name: string; type: string; medium?: string; sizeLimitBytes?: number }): VolumeFs;
}

/** A node's runtime and its volume factory, made by a runtime factory. */
export interface NodeRuntime {
  runtime: ContainerRuntime;
  volumes: VolumeFactory;
}

/** Builds the runtime of one node. */
export type RuntimeFactory = (cluster: Cluster, node: { name: string; ip: string }) => NodeRuntime;

/** The trace components a kubelet speaks for. */
export type TraceComponent = "kubelet" | "containerd" | "cni" | "csi";

export class KubeletContext {
  readonly actor: string;
  /**
   * False while the kubelet and its container runtime are stopped (`podlab node stop`, a reboot):
   * nothing syncs, probes or reports; containers already running keep running.
   */
  running = true;
  /** False while the node cannot reach the API server (a partition): writes and events are lost. */
  apiReachable = true;

  constructor(
    readonly cluster: Cluster,
    readonly nodeName: string,
    public nodeIP: string,
    readonly runtime: ContainerRuntime,
    readonly volumes: VolumeFactory,
  ) {
    this.actor = `kubelet/${nodeName}`;
  }

  get now(): number {
    return this.cluster.clock.now;
  }

  /** True when the kubelet runs and reaches the API server: only then do its writes land. */
  get connected(): boolean {
    return this.running && this.apiReachable;
  }

  /** Records an event about a pod (or one of its containers) from this node's kubelet. */
  event(pod: Pod, type: "Normal" | "Warning", reason: string, message: string, containerName?: string): void {
    if (!this.connected) return;
    const fieldPath = containerName ? containerFieldPath(pod, containerName) : undefined;
    this.cluster.events.record(pod as KObject, type, reason, message, { component: "kubelet", host: this.nodeName }, fieldPath);
  }

  /** Emits a trace event if anyone listens. */
  trace(action: string, pod: Pod | undefined, detail?: Record<string, unknown>, component: TraceComponent = "kubelet"): void {
    const trace = this.cluster.trace;
    if (!trace.active) return;
    trace.emit({
      time: this.cluster.clock.now,
      component,
      node: this.nodeName,
      action,
      object: pod ? { kind: "Pod", namespace: pod.metadata?.namespace ?? "default", name: pod.metadata?.name ?? "" } : undefined,
      detail,
    });
  }

  /** The node's allocatable resources (defaults for resourceFieldRef limits). */
  allocatable(): Record<string, string> {
    const node = this.cluster.store.get("Node", undefined, this.nodeName);
    return (node?.status?.allocatable as Record<string, string> | undefined) ?? {};
  }
}
