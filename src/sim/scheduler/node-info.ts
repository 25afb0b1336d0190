/**
 * NodeInfo is one node as the scheduler sees it (framework.NodeInfo): the Node, its allocatable
 * resources, and — kept incrementally as pods are added and removed — what its pods request, the host
 * ports they hold and which of them carry inter-pod affinity. Filters and scores read only this.
 */
import type { Node, Taint } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import type { HostPort, PodInfo } from "./pod-info";
import { Resources } from "./resources";

/** A Node as stored: the kubernetes-types shape plus the API object fields. */
export type NodeObject = Node & KObject;

/** One node with the aggregates of the pods on it. */
export class NodeInfo {
  node: NodeObject | undefined;
  name: string;
  labels: Record<string, string> = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocatable = new Resources();
  requested = new Resources();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  /** The pods on the node, by "namespace/name", in the order they were added. */
  readonly pods = new Map<string, PodInfo>();
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** "ip/protocol/port" → count; "0.0.0.0" stands for every address. */
  readonly usedPorts = new Map<string, number>();
  /** Bumped on every change, for the decision record and tests. */
  generation = 0;
  /** The node's place in the scheduler's node list, kept by the cache. */
  index = -1;
  /**
   * Pods matching a selector, by "namespace\0selector key": PodTopologySpread's per-node counts,
   * remembered until the node's pods change (most nodes do not change between two cycles).
   */
  readonly matchCounts = new Map<string, number>();

  constructor(name: string, node?: NodeObject) {
    this.name = name;
    if (node) this.setNode(node);
  }

  setNode(node: NodeObject): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = !!node.spec?.unschedulable;
    this.allocatable = Resources.fromList(node.status?.allocatable);
    this.generation++;
  }

  /** How many pods the node holds (kept as a field: the Filter hot path reads it for every node). */
  podCount = 0;

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.podCount = this.pods.size;
    if (p.hasAffinity) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(p);
    this.account(p, 1);
  }

  /** Removes a pod by key; returns the PodInfo removed. */
  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.podCount = this.pods.size;
    if (p.hasAffinity) this.podsWithAffinity = this.podsWithAffinity.filter((x) => x.key !== key);
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((x) => x.key !== key);
    this.account(p, -1);
    return p;
  }

  private account(p: PodInfo, sign: number): void {
    this.requested.add(p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const k = portKey(hp);
      const n = (this.usedPorts.get(k) ?? 0) + sign;
      if (n <= 0) this.usedPorts.delete(k);
      else this.usedPorts.set(k, n);
    }
    this.podsChanged();
  }

  /** A pod came, went or changed in place (a deletion mark): what was derived from the pods is stale. */
  podsChanged(): void {
    this.generation++;
    if (this.matchCounts.size > 0) this.matchCounts.clear();
  }

  /** True when the host port is taken (HostPortInfo.CheckConflict): 0.0.0.0 conflicts with every address. */
  portConflicts(hp: HostPort): boolean {
    if (this.usedPorts.size === 0) return false;
    const suffix = `/${hp.protocol}/${hp.port}`;
    if (hp.ip === "0.0.0.0") {
      for (const k of this.usedPorts.keys()) if (k.endsWith(suffix) && k.slice(0, k.length - suffix.length).indexOf("/") < 0) return true;
      return false;
    }
    return this.usedPorts.has(`0.0.0.0${suffix}`) || this.usedPorts.has(`${hp.ip}${suffix}`);
  }

  /** A copy whose pods can be added and removed without touching this one (preemption's dry run). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.requested = this.requested.clone();
    c.nonZeroCPU = this.nonZeroCPU;
    c.nonZeroMemory = this.nonZeroMemory;
    for (const [k, p] of this.pods) c.pods.set(k, p);
    c.podCount = this.podCount;
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    for (const [k, n] of this.usedPorts) c.usedPorts.set(k, n);
    c.generation = this.generation;
    c.index = this.index;
    return c;
  }
}

function portKey(hp: HostPort): string {
  return `${hp.ip}/${hp.protocol}/${hp.port}`;
}
