/**
 * Node objects as a kubelet registers them: well-known labels, podCIDR, taints, capacity and
 * allocatable, the four pressure/ready conditions, addresses and nodeInfo.
 */
import type { Node, NodeCondition } from "kubernetes-types/core/v1";
import type { NodeSettings } from "../cluster";
import { KUBERNETES_VERSION } from "../cluster";
import { parseQuantity } from "../api/quantity";
import type { Random } from "../random";
import { ipv4ToNumber, numberToIpv4 } from "../network/cidr";

/** Default capacity of a node that is applied without a status (a worker of the default cluster). */
export const DEFAULT_NODE_CAPACITY = { cpu: "4", memory: "8Gi", pods: "110", "ephemeral-storage": "100Gi" };

/** Kubernetes writes node memory in Ki. */
export function memoryInKi(q: string): string {
  const bytes = parseQuantity(q) ?? 0;
  return `${Math.floor(bytes / 1024)}Ki`;
}

/** The Ready-and-healthy conditions a kubelet posts, stamped at `now`. */
export function healthyConditions(now: string): NodeCondition[] {
  const c = (type: string, status: string, reason: string, message: string): NodeCondition => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return [
    c("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    c("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    c("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    c("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
  ];
}

/**
 * Builds the Node object a kubelet with these settings registers. `index` numbers the node's IPs;
 * `podCIDR` is what the node IPAM controller gave it (none when the cluster CIDR is used up).
 */
export function buildNode(settings: NodeSettings, index: number, now: string, random: Random, podCIDR: string | undefined): Node {
  const capacity: Record<string, string> = {
    cpu: settings.cpu,
    "ephemeral-storage": memoryInKi(settings.ephemeralStorage ?? "100Gi"),
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: memoryInKi(settings.memory),
    pods: String(settings.pods),
    ...settings.extended,
  };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: settings.name,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": settings.name,
        "kubernetes.io/os": "linux",
        ...settings.labels,
      },
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      ...(podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {}),
      ...(settings.taints && settings.taints.length > 0 ? { taints: settings.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: healthyConditions(now),
      addresses: [
        { type: "InternalIP", address: nodeIPFor(index) },
        { type: "Hostname", address: settings.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: nodeInfo(random),
      images: [],
    },
  };
}

export function nodeInfo(random: Random): NonNullable<Node["status"]>["nodeInfo"] {
  return {
    architecture: "amd64",
    bootID: random.uuid(),
    containerRuntimeVersion: "containerd://1.7.18",
    kernelVersion: "6.1.0-28-amd64",
    kubeProxyVersion: KUBERNETES_VERSION,
    kubeletVersion: KUBERNETES_VERSION,
    machineID: random.hex(32),
    operatingSystem: "linux",
    osImage: "Debian GNU/Linux 12 (bookworm)",
    systemUUID: random.uuid(),
  };
}

/** The cluster's pod network as kube-controller-manager's --cluster-cidr (kind's default). */
export const DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";
/** --node-cidr-mask-size: each node gets a /24 of the cluster CIDR (room for 110 pods and more). */
export const DEFAULT_NODE_CIDR_MASK_SIZE = 24;

/**
 * The pod CIDR the node IPAM controller's range allocator gives the index-th node: the index-th
 * block of `maskSize` bits inside the cluster CIDR (10.244.<index>.0/24 by default), or undefined
 * when the cluster CIDR has no block left (Kubernetes then records CIDRNotAvailable on the node).
 */
export function podCIDRFor(index: number, clusterCIDR = DEFAULT_CLUSTER_CIDR, maskSize = DEFAULT_NODE_CIDR_MASK_SIZE): string | undefined {
  const [base, bitsText] = clusterCIDR.split("/");
  const start = ipv4ToNumber(base);
  const bits = Number(bitsText);
  if (start === undefined || !(bits >= 0 && bits <= maskSize && maskSize <= 32)) return undefined;
  if (index < 0 || index >= 2 ** (maskSize - bits)) return undefined;
  return `${numberToIpv4(start + index * 2 ** (32 - maskSize))}/${maskSize}`;
}

/** The node's InternalIP on the nodes' 172.18.0.0/16 network: 172.18.0.<index+2> and on past .255. */
export function nodeIPFor(index: number): string {
  return numberToIpv4((ipv4ToNumber("172.18.0.0") ?? 0) + index + 2);
}
