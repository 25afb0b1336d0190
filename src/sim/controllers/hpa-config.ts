/**
 * The HorizontalPodAutoscaler controller's settings, as kube-controller-manager's defaults: the sync
 * period, the tolerance, the CPU initialization period and readiness delay, and the downscale
 * stabilization window of HPAs without a behavior. A cluster's `timings` may override any of them
 * under `hpa.<name>`.
 */
import type { Cluster } from "../cluster";

export interface HPAConfig {
  /** --horizontal-pod-autoscaler-sync-period: each HPA is reconciled this often (15 s). */
  syncPeriod: number;
  /** --horizontal-pod-autoscaler-tolerance: usage within 10% of the target changes nothing. */
  tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period (5 min). */
  cpuInitializationPeriod: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay (30 s). */
  initialReadinessDelay: number;
  /** --horizontal-pod-autoscaler-downscale-stabilization (5 min). */
  downscaleStabilization: number;
}

export const HPA_CONFIG: HPAConfig = {
  syncPeriod: 15_000,
  tolerance: 0.1,
  cpuInitializationPeriod: 300_000,
  initialReadinessDelay: 30_000,
  downscaleStabilization: 300_000,
};

export function hpaConfig<K extends keyof HPAConfig>(cluster: Cluster, name: K): HPAConfig[K] {
  const override = cluster.timings[`hpa.${name}`];
  return (override ?? HPA_CONFIG[name]) as HPAConfig[K];
}
