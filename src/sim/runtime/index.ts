/**
 * The simulated container runtime: one NodeRuntime (containerd + images + processes) per node, and
 * the factory the kubelet uses to get a node's runtime and its volume filesystems.
 */
import type { Cluster } from "../cluster";
import type { ContainerRuntime, VolumeFs } from "./cri";
import { NodeRuntime } from "./runtime";

export { NodeRuntime } from "./runtime";
export { Volume } from "./vfs/volume";
export { parseImageReference, isInvalidImageReference } from "./images/reference";
export { setRegistryOutage, setRegistrySlowdown, PAUSE_IMAGE } from "./images/image-store";
export { CATALOGUE } from "./images/catalogue";

/** Creates the runtime of one node. */
export function createRuntime(cluster: Cluster, nodeName: string, nodeIP?: string): NodeRuntime {
  return new NodeRuntime(cluster, nodeName, nodeIP);
}

/**
 * The runtime factory in the shape the kubelet takes: a node's runtime and its volume factory
 * (emptyDir, configMap, secret, hostPath directories... all share this filesystem implementation).
 */
export function podlabRuntimeFactory(cluster: Cluster, node: { name: string; ip: string }): {
  runtime: ContainerRuntime;
  volumes: { create(spec: { name: string; type: string; medium?: string; sizeLimitBytes?: number }): VolumeFs };
} {
  const runtime = createRuntime(cluster, node.name, node.ip);
  return { runtime, volumes: { create: (spec) => runtime.createVolume(spec) } };
}
