/**
 * The simulation's public face: build a cluster with every default component, run session lines.
 */
import { Cluster, type ClusterOptions } from "./cluster";
import { defaultComponents } from "./components";

export { Cluster, DEFAULT_NODES, KUBERNETES_VERSION } from "./cluster";
export type { ClusterOptions, Component, NodeSettings, PodlabCommand } from "./cluster";
export type { CommandResult, KubectlEnv } from "./kubectl/kubectl";
export type { FileSource } from "./kubectl/verb";

/** A started cluster with the default components (and the default nodes unless options say otherwise). */
export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster({ ...options, components: options.components ?? defaultComponents() }).start();
}
