/**
 * KubeletComponent: runs one Kubelet per registered Node, hands each the pods bound to it (and its
 * static pods), and gives the app a read-only runtime view of any pod. It registers the `podlab node
 * static-pod` commands.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../cluster";
import type { WatchEvent } from "../store/store";
import type { RuntimeFactory, VolumeFactory } from "./context";
import { Kubelet } from "./kubelet";
import { staticPodCommand } from "./podlab-commands";
import { ClusterVolumeData } from "./pv-data";
import { podView, type PodRuntimeView } from "./view";
import { indexPodsByNode, podsOnNode } from "../store/pods-by-node";

export interface KubeletComponentOptions {
  /** Builds each node's container runtime. */
  runtimeFactory: RuntimeFactory;
}

export class KubeletComponent implements Component {
  readonly name = "kubelet";
  private cluster!: Cluster;
  private readonly kubelets = new Map<string, Kubelet>();
  private pvData!: ClusterVolumeData;
  private anyVolumes: VolumeFactory | undefined;
  /** True while the cluster's own nodes get their kubelets (they do not announce themselves). */
  private startingUp = false;

  constructor(private readonly options: KubeletComponentOptions) {}

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.pvData = new ClusterVolumeData(() => this.anyVolumes!);
    indexPodsByNode(cluster.store);
    this.startingUp = true;
    for (const n of cluster.store.list("Node")) this.nodeChanged(n as Node);
    this.startingUp = false;
    cluster.api.watch("Node", (e) => this.onNode(e));
    cluster.api.watch("Pod", (e) => this.onPod(e));
    for (const p of cluster.store.list("Pod")) this.onPod({ type: "ADDED", kind: "Pod", object: p, actor: "", time: 0, resourceVersion: 0 });
    cluster.registerPodlabCommand(staticPodCommand(this));
  }

  /** The kubelet of a node. */
  kubelet(nodeName: string): Kubelet | undefined {
    return this.kubelets.get(nodeName);
  }

  get nodes(): string[] {
    return [...this.kubelets.keys()];
  }

  /** The runtime view of a pod, from the kubelet that runs it. */
  podView(namespace: string, name: string): PodRuntimeView | undefined {
    const pod = this.cluster.store.get("Pod", namespace, name) as Pod | undefined;
    for (const k of this.kubelets.values()) {
      if (pod && pod.spec?.nodeName && pod.spec.nodeName !== k.nodeName) continue;
      for (const w of k.workers.values()) {
        if (w.pr.namespace === namespace && w.pr.name === name && (!pod || pod.metadata?.uid === w.pr.uid || w.pr.isStatic)) return podView(k, w.pr.uid);
      }
    }
    return undefined;
  }

  /** The runtime view of every pod on a node. */
  nodeView(nodeName: string): PodRuntimeView[] {
    const k = this.kubelets.get(nodeName);
    if (!k) return [];
    return [...k.workers.keys()].map((uid) => podView(k, uid)!).filter(Boolean);
  }

  /**
   * Relists the API after the kubelet was stopped or cut off: new pods get workers, changed ones a
   * sync, pods deleted meanwhile are killed.
   */
  relist(nodeName: string): void {
    const k = this.kubelets.get(nodeName);
    if (!k) return;
    const live = new Set<string>();
    for (const p of podsOnNode(this.cluster.store, nodeName) as Pod[]) {
      live.add(p.metadata?.uid ?? "");
      this.onPod({ type: "ADDED", kind: "Pod", object: p as never, actor: "", time: 0, resourceVersion: 0 });
    }
    for (const w of [...k.workers.values()]) {
      if (!w.pr.isStatic && !live.has(w.pr.uid)) k.podRemoved(w.pr.apiPod);
    }
  }

  private onNode(e: WatchEvent): void {
    const node = e.object as Node;
    if (e.type === "DELETED") {
      const k = this.kubelets.get(node.metadata?.name ?? "");
      k?.stop();
      this.kubelets.delete(node.metadata?.name ?? "");
      return;
    }
    this.nodeChanged(node);
  }

  private nodeChanged(node: Node): void {
    const name = node.metadata?.name ?? "";
    if (this.kubelets.has(name)) return;
    const cidr = node.spec?.podCIDR;
    const ip = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
    if (!cidr || !ip) return;
    const nr = this.options.runtimeFactory(this.cluster, { name, ip });
    this.anyVolumes ??= nr.volumes;
    this.kubelets.set(name, new Kubelet(this.cluster, name, ip, cidr, nr, this.pvData, { joined: !this.startingUp }));
    // Pods bound before the kubelet registered.
    for (const p of podsOnNode(this.cluster.store, name)) this.onPod({ type: "ADDED", kind: "Pod", object: p, actor: "", time: 0, resourceVersion: 0 });
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const nodeName = pod.spec?.nodeName ?? (e.old as Pod | undefined)?.spec?.nodeName;
    if (!nodeName) return;
    const k = this.kubelets.get(nodeName);
    // A kubelet that is stopped or cut off sees nothing; it relists when it is back.
    if (!k || !k.ctx.connected) return;
    if (pod.metadata?.annotations?.["kubernetes.io/config.mirror"]) {
      const pr = k.staticPods.isMirrorOf(pod);
      // A mirror pod deleted (or being deleted) through the API is made again by the kubelet.
      if (pr && (e.type === "DELETED" || pod.metadata.deletionTimestamp)) k.workers.get(pr.uid)?.queue(0);
      return;
    }
    if (e.type === "DELETED") k.podRemoved(pod);
    else k.podUpdated(pod);
  }
}
