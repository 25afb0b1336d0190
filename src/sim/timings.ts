/**
 * Timings: every duration the simulation uses, as data in one place (KWOK keeps its stages the same
 * way). Values are virtual milliseconds; `jitter` is a ± fraction applied with the seeded random
 * source. Components read them from `cluster.timings`, so a test or a lesson can override any of them.
 */

/** A duration with optional jitter. */
export interface Delay {
  ms: number;
  jitter?: number;
}

export interface Timings {
  /** API server → watchers (informer delivery) latency before a controller reacts. */
  controllerReaction: Delay;
  /** Scheduler: from a pod entering the active queue to the binding. */
  schedulingCycle: Delay;
  /** Scheduler back-off for unschedulable pods: initial and maximum (kube-scheduler: 1 s → 10 s). */
  podInitialBackoff: number;
  podMaxBackoff: number;
  /** Unschedulable pods are flushed back to the active queue at least this often (5 min). */
  unschedulableFlush: number;
  /** Kubelet: from a pod bound to the node to its pod worker starting (watch + sync). */
  kubeletPodAdmit: Delay;
  /** Extra named timings components add (sandbox creation, pulls, heartbeats, ...). */
  [name: string]: Delay | number;
}

export const DEFAULT_TIMINGS: Timings = {
  controllerReaction: { ms: 5, jitter: 0.5 },
  schedulingCycle: { ms: 3, jitter: 0.5 },
  podInitialBackoff: 1_000,
  podMaxBackoff: 10_000,
  unschedulableFlush: 300_000,
  /** Scheduler: backoffQ is flushed every second, unschedulable pods checked every 30 s (its goroutines' periods). */
  schedulerBackoffFlushInterval: 1_000,
  schedulerUnschedulableFlushInterval: 30_000,
  kubeletPodAdmit: { ms: 20, jitter: 0.5 },
  /** Namespace controller: how soon it looks again at a terminating namespace whose contents are still going. */
  namespaceContentRecheck: 1_000,
  /** ResourceQuota controller: full recount of every quota (--resource-quota-sync-period, 5 min). */
  resourceQuotaSyncPeriod: 300_000,
  /** Job controller: pod events are batched into one sync this long after the first (syncJobBatchPeriod). */
  jobSyncBatchPeriod: 1_000,
  /** Job controller: pod re-creation back-off after failures, doubling from 10 s up to 10 min (DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff). */
  jobPodFailureBackOff: 10_000,
  jobPodFailureBackOffMax: 600_000,
  /** DaemonSet controller: back-off before deleting a failed daemon pod again on the same node (1 s doubling to 15 min). */
  daemonSetFailedPodsBackOff: 1_000,
  daemonSetFailedPodsBackOffMax: 900_000,
  /** CronJob controller: padding added to the requeue for the next schedule (nextScheduleDelta). */
  cronJobNextScheduleDelta: 100,
  /**
   * kubectl delete --wait (and apply/replace --force) with no --timeout: real kubectl waits up to a
   * week; the simulation stops advancing virtual time after this long.
   */
  kubectlDeleteWaitCap: 300_000,
  /**
   * kubectl get -w / --watch-only / events -w with no --request-timeout: a real watch runs until Ctrl+C;
   * a headless run ends it once this much virtual time passes with no change to the watched objects...
   */
  kubectlWatchIdle: 60_000,
  /** ...or, on a cluster that keeps changing, after this much virtual time in all. */
  kubectlWatchMax: 600_000,
  /**
   * kubectl rollout status with no --timeout: real kubectl watches until the rollout ends; the
   * simulation gives up after this much virtual time (longer than the default 600 s progress deadline,
   * so a stalled rollout still ends with ProgressDeadlineExceeded).
   */
  kubectlRolloutStatusCap: 1_800_000,
  /** kube-proxy: watch delivery and iptables-restore before a change takes effect... */
  kubeProxyWatchDelay: { ms: 10, jitter: 0.5 },
  /** ...and at most one rules sync per minSyncPeriod (kubeadm's KubeProxyConfiguration: 1 s). */
  kubeProxyMinSyncPeriod: 1_000,
  /** Load-balancer controller (MetalLB): from a LoadBalancer Service's creation to its IP in status. */
  loadBalancerAssign: { ms: 300, jitter: 0.5 },
  /** ingress-nginx: from an Ingress change to its "Scheduled for sync" event and reload. */
  ingressSync: { ms: 200, jitter: 0.5 },
  /** ingress-nginx: the status sync loop that publishes an Ingress's ADDRESS (--status-update-interval, 60 s). */
  ingressStatusPeriod: 60_000,
};
