/**
 * Metrics pipeline data: metrics-server's scrape period, and what a node uses besides its pods'
 * containers (kubelet, containerd, systemd and the rest of the OS), as a kind node reports through
 * `kubectl top node`. A cluster's `timings` may override the resolution under `metrics.resolution`.
 */
import type { Cluster } from "../cluster";

/** --metric-resolution: metrics-server scrapes every kubelet this often (15 s). */
export const METRIC_RESOLUTION_MS = 15_000;

/** A node's own use: CPU in millicores and memory in bytes, with a ± fraction of jitter per scrape. */
export interface SystemUsage {
  cpuMilli: number;
  memoryBytes: number;
  jitter: number;
}

/** A worker: kubelet, containerd and the OS. */
export const WORKER_SYSTEM_USAGE: SystemUsage = { cpuMilli: 28, memoryBytes: 172 * 1024 * 1024, jitter: 0.08 };

/** A control-plane node: a busier kubelet and containerd (the control plane itself runs as static pods). */
export const CONTROL_PLANE_SYSTEM_USAGE: SystemUsage = { cpuMilli: 42, memoryBytes: 236 * 1024 * 1024, jitter: 0.08 };

/** The pause container of each sandbox. */
export const PAUSE_MEMORY_BYTES = 320 * 1024;

/** The scrape period in effect. */
export function metricResolution(cluster: Cluster): number {
  return Number(cluster.timings["metrics.resolution"] ?? METRIC_RESOLUTION_MS);
}
