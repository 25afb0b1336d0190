/**
 * Storage timings as data: the PV controller's resync period, how long the simulated external
 * provisioners take to create and delete a volume (local-path runs a helper pod on the node for
 * each), and the scheduler's wait for volume binding. A cluster's `timings` may override any of
 * them under the key `storage.<name>`.
 */
import type { Cluster } from "../cluster";
import type { Delay } from "../timings";

export interface StorageTimings {
  /** --pvclaimbinder-sync-period: every claim and volume is synced again this often (15 s). */
  pvSyncPeriod: number;
  /** An external provisioner's watch delivery and decision before it starts provisioning. */
  provisionerReaction: Delay;
  /** Creating the volume itself (local-path's helper pod making the directory on the node). */
  provisionVolume: Delay;
  /** Deleting the volume's data (local-path's teardown helper pod) before the PV object goes. */
  deleteVolume: Delay;
  /** lib-external-provisioner's first retry after a failed provisioning, doubling to the maximum. */
  provisionRetryInitial: number;
  provisionRetryMax: number;
  /** The in-tree recycler pod scrubbing a Recycle volume. */
  recycleVolume: Delay;
  /** VolumeBinding's PreBind polls the claims this often... */
  bindPollInterval: number;
  /** ...for at most this long (VolumeBindingArgs.bindTimeoutSeconds, 600 s). */
  bindTimeout: number;
}

export const STORAGE_TIMINGS: StorageTimings = {
  pvSyncPeriod: 15_000,
  provisionerReaction: { ms: 20, jitter: 0.5 },
  provisionVolume: { ms: 2_500, jitter: 0.3 },
  deleteVolume: { ms: 2_500, jitter: 0.3 },
  provisionRetryInitial: 15_000,
  provisionRetryMax: 300_000,
  recycleVolume: { ms: 5_000, jitter: 0.3 },
  bindPollInterval: 1_000,
  bindTimeout: 600_000,
};

/** A storage timing, or the cluster's override under `storage.<name>`. */
export function storageTiming<K extends keyof StorageTimings>(cluster: Cluster, name: K): StorageTimings[K] {
  const override = cluster.timings[`storage.${name}`];
  return (override ?? STORAGE_TIMINGS[name]) as StorageTimings[K];
}

/** A storage delay with its jitter applied through the cluster's seeded random source. */
export function storageDelay(cluster: Cluster, name: keyof StorageTimings): number {
  return cluster.delay(storageTiming(cluster, name) as Delay | number);
}
