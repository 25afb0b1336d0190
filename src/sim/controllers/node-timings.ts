/**
 * The node lifecycle, pod GC and disruption controllers' periods and limits as data, with
 * kube-controller-manager's v1.31 defaults. A cluster's `timings` may override any of them by name
 * (`{ timings: { nodeMonitorGracePeriod: 20_000 } }`).
 */
import type { Cluster } from "../cluster";

export const NODE_CONTROLLER_TIMINGS = {
  /** --node-monitor-period: how often the node lifecycle controller checks every node's health. */
  nodeMonitorPeriod: 5_000,
  /** --node-monitor-grace-period: no Lease renewal or status post this long → Ready Unknown (40 s in v1.31; 50 s from v1.32). */
  nodeMonitorGracePeriod: 40_000,
  /** --node-startup-grace-period: the same for a node that never posted a Ready condition. */
  nodeStartupGracePeriod: 60_000,
  /** --node-eviction-rate: NoExecute taints added per second in a healthy zone (a token bucket, burst 1). */
  nodeEvictionRate: 0.1,
  /** --secondary-node-eviction-rate: the rate in a partially disrupted zone of a large cluster. */
  secondaryNodeEvictionRate: 0.01,
  /** --large-cluster-size-threshold: above this many nodes a zone counts as large. */
  largeClusterSizeThreshold: 50,
  /** --unhealthy-zone-threshold: the share of not-Ready nodes (at least 3) that makes a zone partially disrupted. */
  unhealthyZoneThreshold: 0.55,
  /** Pod GC: how often it looks (gcCheckPeriod) and how long a missing node is quarantined before its pods go. */
  podGCPeriod: 20_000,
  podGCQuarantine: 40_000,
  /** --terminated-pod-gc-threshold: terminated pods kept before the oldest are deleted. */
  terminatedPodGCThreshold: 12_500,
  /** Disruption controller: an evicted pod not deleted within this long counts as healthy again (DeletionTimeout). */
  pdbDeletionTimeout: 120_000,
  /** Disruption controller: a DisruptionTarget condition on a pod that was not deleted is cleared after this long. */
  pdbStaleDisruptionTimeout: 120_000,
};

export type NodeControllerTiming = keyof typeof NODE_CONTROLLER_TIMINGS;

/** A controller timing, honouring an override of the same name in the cluster's timings. */
export function nodeControllerTiming(cluster: Cluster, name: NodeControllerTiming): number {
  const override = cluster.timings[name];
  if (typeof override === "number") return override;
  if (override && typeof override === "object") return override.ms;
  return NODE_CONTROLLER_TIMINGS[name];
}
