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
};
