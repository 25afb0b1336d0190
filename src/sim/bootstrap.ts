/**
 * Bootstrap brings up what a fresh cluster has before anyone uses it: the four system namespaces, the
 * API server's own objects (the system priority classes and the `kubernetes` Service with its
 * endpoints), and the configured nodes, registered Ready as their kubelets would register them. Node
 * objects a user applies later join the same way (as KWOK's node stages do): whatever status they
 * lack is filled in.
 */
import type { Node } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "./cluster";
import type { KObject } from "./api/types";
import { buildNode, DEFAULT_NODE_CAPACITY, healthyConditions, memoryInKi, nodeIPFor, nodeInfo, podCIDRFor } from "./nodes/node-object";
import type { NodeCondition } from "kubernetes-types/core/v1";
import { createKubernetesService } from "./nodes/kubernetes-service";
import { SYSTEM_PRIORITY_CLASSES } from "./api/strategies/priorityclass";

export const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

export class Bootstrap implements Component {
  readonly name = "bootstrap";
  private nodeCount = 0;

  start(cluster: Cluster): void {
    const actor = "kube-apiserver";
    for (const ns of SYSTEM_NAMESPACES) {
      cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, { actor });
    }
    for (const pc of SYSTEM_PRIORITY_CLASSES) {
      cluster.api.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: pc.name }, value: pc.value, description: pc.description }, { actor });
    }
    createKubernetesService(cluster);
    cluster.api.watch("Node", (e) => {
      if (e.type === "ADDED" && !isRegistered(e.object as Node)) {
        const name = e.object.metadata.name!;
        cluster.clock.after(0, () => this.register(cluster, name), `register node ${name}`);
      }
    });
    for (const settings of cluster.nodeSettings) {
      const index = this.nodeCount++;
      const podCIDR = this.podCIDR(cluster, index);
      const node = buildNode(settings, index, cluster.clock.timestamp(), cluster.random, podCIDR) as KObject;
      if (!podCIDR) node.status!.conditions = noNetworkConditions(cluster.clock.timestamp());
      const created = cluster.api.create(node, { actor: `kubelet/${settings.name}` });
      if (!podCIDR) cidrNotAvailable(cluster, created);
    }
  }

  /** The node IPAM controller's range allocator: the index-th block of the cluster CIDR. */
  private podCIDR(cluster: Cluster, index: number): string | undefined {
    return podCIDRFor(index, cluster.options.clusterCIDR, cluster.options.nodeCIDRMaskSize);
  }

  /** Fills in what an applied Node lacks: podCIDR, capacity, allocatable, conditions, addresses. */
  private register(cluster: Cluster, name: string): void {
    const node = cluster.api.tryGet<Node & KObject>("Node", undefined, name);
    if (!node || isRegistered(node)) return;
    const index = this.nodeCount++;
    const actor = `kubelet/${name}`;
    const labels = {
      "beta.kubernetes.io/arch": "amd64",
      "beta.kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "kubernetes.io/hostname": name,
      "kubernetes.io/os": "linux",
      ...node.metadata.labels,
    };
    let updated = node;
    // The node TTL controller annotates every node; the node IPAM controller gives it a pod CIDR.
    const annotations = { "node.alpha.kubernetes.io/ttl": "0", ...node.metadata.annotations };
    const podCIDR = node.spec?.podCIDR ?? this.podCIDR(cluster, index);
    if (!node.spec?.podCIDR || Object.keys(labels).length !== Object.keys(node.metadata.labels ?? {}).length || !node.metadata.annotations?.["node.alpha.kubernetes.io/ttl"]) {
      const cidrs = podCIDR ? { podCIDR, podCIDRs: node.spec?.podCIDRs ?? [podCIDR] } : {};
      updated = cluster.api.update<Node & KObject>({ ...node, metadata: { ...node.metadata, labels, annotations }, spec: { ...node.spec, ...cidrs } }, { actor });
    }
    if (!podCIDR) cidrNotAvailable(cluster, updated);
    const given = node.status?.capacity ?? {};
    const capacity: Record<string, string> = {
      cpu: given.cpu ?? DEFAULT_NODE_CAPACITY.cpu,
      "ephemeral-storage": given["ephemeral-storage"] ?? memoryInKi(DEFAULT_NODE_CAPACITY["ephemeral-storage"]),
      "hugepages-1Gi": "0",
      "hugepages-2Mi": "0",
      memory: given.memory ?? memoryInKi(DEFAULT_NODE_CAPACITY.memory),
      pods: given.pods ?? DEFAULT_NODE_CAPACITY.pods,
      ...given,
    };
    const status = {
      ...node.status,
      capacity,
      allocatable: { ...capacity, ...node.status?.allocatable },
      conditions: podCIDR ? healthyConditions(cluster.clock.timestamp()) : noNetworkConditions(cluster.clock.timestamp()),
      addresses: node.status?.addresses ?? [
        { type: "InternalIP", address: nodeIPFor(index) },
        { type: "Hostname", address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: nodeInfo(cluster.random),
    };
    cluster.api.updateStatus({ ...updated, status }, { actor });
  }
}

/** The range allocator found no free block: Kubernetes records the node's status change. */
function cidrNotAvailable(cluster: Cluster, node: KObject): void {
  const name = node.metadata.name!;
  cluster.events.record({ apiVersion: "v1", kind: "Node", metadata: { name, uid: node.metadata.uid } }, "Normal", "CIDRNotAvailable", `Node ${name} status is now: CIDRNotAvailable`, { component: "cidrAllocator" });
}

/**
 * A node without a pod CIDR has no pod network: its CNI plugin never initialises, so the kubelet
 * reports the node NotReady (and no pod can run there).
 */
function noNetworkConditions(now: string): NodeCondition[] {
  return healthyConditions(now).map((c) =>
    c.type === "Ready"
      ? { ...c, status: "False", reason: "KubeletNotReady", message: "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized" }
      : c,
  );
}

function isRegistered(node: Node): boolean {
  return !!node.status?.conditions?.some((c) => c.type === "Ready");
}
