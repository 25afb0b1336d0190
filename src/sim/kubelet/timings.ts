/**
 * Kubelet timings: every duration the simulated kubelet uses, as data. The values are the kubelet's
 * own defaults (KubeletConfiguration and the constants in pkg/kubelet) in virtual milliseconds.
 * A cluster's `timings` may override any of them under the key `kubelet.<name>`, so a lesson or a
 * test can, say, shorten the sync frequency without touching code.
 */
import type { Cluster } from "../cluster";
import type { Delay } from "../timings";

export interface KubeletTimings {
  /** syncFrequency: a pod worker re-syncs a pod this long after a successful sync (jittered +50%). */
  syncFrequency: number;
  /** backOffPeriod: a pod worker retries a failed sync after this long (jittered +50%). */
  syncBackOffPeriod: number;
  /** PLEG relist period: container state changes are noticed on this grid. */
  plegRelistPeriod: number;
  /** Container restart back-off: initial and maximum (flowcontrol.Backoff, 10 s doubling to 5 min). */
  crashLoopBackOffInitial: number;
  crashLoopBackOffMax: number;
  /** Image pull back-off: initial and maximum (10 s doubling to 5 min). */
  imageBackOffInitial: number;
  imageBackOffMax: number;
  /** WaitForAttachAndMount gives up after this long (podAttachAndMountTimeout, 2m3s). */
  volumeMountTimeout: number;
  /** The volume reconciler's first retry after a failed mount, doubling up to the maximum (2m2s). */
  volumeRetryInitial: number;
  volumeRetryMax: number;
  /** CNI ADD and the pause container start. */
  sandboxCreate: Delay;
  /** Tearing the sandbox down (CNI DEL, pause stop). */
  sandboxStop: Delay;
  /** Setting up one volume (the atomic writer for configMap/secret, the emptyDir directory, a CSI publish). */
  volumeSetUp: Delay;
  /** Creating a container through CRI after its config is generated. */
  containerCreate: Delay;
  /** The minimum grace period the kubelet gives a container (minimumGracePeriodInSeconds). */
  minimumGracePeriod: number;
  /** Node status update frequency (nodeStatusUpdateFrequency): how often the kubelet computes its node status. */
  nodeStatusUpdateFrequency: number;
  /** nodeStatusReportFrequency: an unchanged node status is still posted this often (5 min). */
  nodeStatusReportFrequency: number;
  /** The node Lease's renew interval (a quarter of its duration: 10 s) and its leaseDurationSeconds (40). */
  nodeLeaseRenewInterval: number;
  nodeLeaseDurationSeconds: number;
  /** How long a rebooted node is down before its kubelet starts again (`podlab node restart`). */
  nodeRebootDowntime: number;
  /** The eviction manager's housekeeping period (emptyDir sizeLimit, ...). */
  evictionMonitoringPeriod: number;
  /** How many probe results the runtime view keeps per probe worker. */
  probeHistory: number;
  /** `kubectl logs -f` / `exec` stop after this much virtual time unless the container ends first. */
  streamBound: number;
}

export const KUBELET_TIMINGS: KubeletTimings = {
  syncFrequency: 60_000,
  syncBackOffPeriod: 10_000,
  plegRelistPeriod: 1_000,
  crashLoopBackOffInitial: 10_000,
  crashLoopBackOffMax: 300_000,
  imageBackOffInitial: 10_000,
  imageBackOffMax: 300_000,
  volumeMountTimeout: 123_000,
  volumeRetryInitial: 500,
  volumeRetryMax: 122_000,
  sandboxCreate: { ms: 350, jitter: 0.3 },
  sandboxStop: { ms: 120, jitter: 0.3 },
  volumeSetUp: { ms: 15, jitter: 0.5 },
  containerCreate: { ms: 60, jitter: 0.4 },
  minimumGracePeriod: 2_000,
  nodeStatusUpdateFrequency: 10_000,
  nodeStatusReportFrequency: 300_000,
  nodeLeaseRenewInterval: 10_000,
  nodeLeaseDurationSeconds: 40,
  nodeRebootDowntime: 20_000,
  evictionMonitoringPeriod: 10_000,
  probeHistory: 20,
  streamBound: 300_000,
};

/** The override keys ("kubelet.<name>"), made once rather than per lookup: timings are read often. */
const OVERRIDE_KEYS = Object.fromEntries(Object.keys(KUBELET_TIMINGS).map((k) => [k, `kubelet.${k}`])) as Record<keyof KubeletTimings, string>;

/** A kubelet timing, honouring a `kubelet.<name>` override in the cluster's timings. */
export function kubeletTiming<K extends keyof KubeletTimings>(cluster: Cluster, name: K): KubeletTimings[K] {
  const override = cluster.timings[OVERRIDE_KEYS[name] ?? `kubelet.${name}`];
  return (override ?? KUBELET_TIMINGS[name]) as KubeletTimings[K];
}

/** A kubelet delay with its jitter applied through the cluster's seeded random source. */
export function kubeletDelay(cluster: Cluster, name: keyof KubeletTimings): number {
  return cluster.delay(kubeletTiming(cluster, name) as Delay | number);
}
