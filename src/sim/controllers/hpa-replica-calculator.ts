/**
 * The HPA's replica calculator for resource metrics (pkg/controller/podautoscaler/replica_calculator.go
 * and metrics/utilization.go): it reads the pods' usage from the Metrics API, groups the target's
 * pods into ready, unready (pending, or CPU samples taken too soon after readiness), missing (no
 * metrics) and ignored (deleted, failed), and proposes ceil(usageRatio × readyPods) — unless the
 * ratio is within the tolerance, or the missing and unready pods, counted conservatively, would
 * reverse the direction of the change.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { parseQuantity } from "../api/quantity";
import type { Selector } from "../api/labels";
import { matches } from "../api/labels";
import type { Cluster } from "../cluster";
import { metricsServer, MetricsApiUnavailable } from "../metrics/metrics-server";
import { hpaConfig } from "./hpa-config";

/** One pod's metric: the value in milli-units, when it was sampled and over what window. */
export interface PodMetric {
  value: number;
  timestamp: number;
  windowMs: number;
}

/** A proposal for a resource metric. */
export interface Proposal {
  replicas: number;
  /** Utilization in percent of the requests (utilization targets only). */
  utilization?: number;
  /** The average usage per pod, in milli-units. */
  rawMilli: number;
  timestamp: number;
}

/** The resource metrics client: per-pod usage (milli-units) of the pods the selector matches. */
export function getResourceMetric(cluster: Cluster, resource: string, namespace: string, selector: Selector, container: string): { metrics: Map<string, PodMetric>; timestamp: number } {
  const server = metricsServer(cluster);
  let list;
  try {
    if (!server) throw new MetricsApiUnavailable("pods");
    list = server.listPodMetrics(namespace, selector);
  } catch (e) {
    if (e instanceof MetricsApiUnavailable) throw new Error(`unable to fetch metrics from resource metrics API: ${e.message}`);
    throw e;
  }
  if (list.length === 0) throw new Error("no metrics returned from resource metrics API");
  const metrics = new Map<string, PodMetric>();
  for (const m of list) {
    let sum = 0;
    let found = container === "";
    for (const c of m.containers) {
      if (container !== "" && c.name !== container) continue;
      found = true;
      // Quantity.MilliValue of each container's usage, summed.
      sum += resource === "cpu" ? Math.ceil(c.usage.cpuNanoCores / 1e6) : c.usage.memoryBytes * 1000;
    }
    if (!found) throw new Error(`failed to get container metrics: container ${container} not present in metrics for pod ${m.namespace}/${m.name}`);
    if (m.containers.length === 0) continue;
    metrics.set(m.name, { value: sum, timestamp: m.timestamp, windowMs: m.windowMs });
  }
  return { metrics, timestamp: list[0].timestamp };
}

/** The target's pods, as the pod lister lists them. */
function podsOf(cluster: Cluster, namespace: string, selector: Selector): Pod[] {
  return (cluster.store.list("Pod", namespace) as Pod[]).filter((p) => matches(selector, p.metadata?.labels));
}

interface Groups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** groupPods. */
function groupPods(cluster: Cluster, pods: Pod[], metrics: Map<string, PodMetric>, resource: string): Groups {
  const g: Groups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  const { clock } = cluster;
  const initPeriod = hpaConfig(cluster, "cpuInitializationPeriod");
  const readinessDelay = hpaConfig(cluster, "initialReadinessDelay");
  for (const pod of pods) {
    const name = pod.metadata?.name ?? "";
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === "Failed") {
      g.ignored.add(name);
      continue;
    }
    if (pod.status?.phase === "Pending") {
      g.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      g.missing.add(name);
      continue;
    }
    if (resource === "cpu") {
      const ready = pod.status?.conditions?.find((c) => c.type === "Ready");
      let unready: boolean;
      if (!ready || !pod.status?.startTime) unready = true;
      else {
        const start = clock.parseTimestamp(pod.status.startTime);
        const transition = clock.parseTimestamp(ready.lastTransitionTime ?? pod.status.startTime);
        if (start + initPeriod > clock.now) {
          // Within the initialization period: only a sample taken a full window after readiness counts.
          unready = ready.status === "False" || metric.timestamp < transition + metric.windowMs;
        } else {
          unready = ready.status === "False" && start + readinessDelay > transition;
        }
      }
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

/** calculatePodRequests: every container (and sidecar) must request the resource. */
function podRequests(pods: Pod[], container: string, resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
    let sum = 0;
    for (const c of containers) {
      if (container !== "" && c.name !== container) continue;
      const request = c.resources?.requests?.[resource];
      if (request === undefined) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name}`);
      sum += Math.ceil((parseQuantity(request) ?? 0) * 1000 - 1e-9);
    }
    out.set(pod.metadata?.name ?? "", sum);
  }
  return out;
}

/** GetResourceUtilizationRatio. */
function utilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, target: number): { ratio: number; utilization: number; rawMilli: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new Error("no metrics returned matched known pods");
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawMilli: Math.trunc(metricsTotal / n) };
}

/** GetResourceReplicas: a utilization target (a percentage of the pods' requests). */
export function getResourceReplicas(cluster: Cluster, currentReplicas: number, targetUtilization: number, resource: string, namespace: string, selector: Selector, container: string): Proposal {
  let read;
  try {
    read = getResourceMetric(cluster, resource, namespace, selector, container);
  } catch (e) {
    throw new Error(`unable to get metrics for resource ${resource}: ${(e as Error).message}`);
  }
  const { metrics, timestamp } = read;
  const pods = podsOf(cluster, namespace, selector);
  if (pods.length === 0) throw new Error("no pods returned by selector while calculating replica count");
  const g = groupPods(cluster, pods, metrics, resource);
  for (const n of [...g.ignored, ...g.unready]) metrics.delete(n);
  if (metrics.size === 0) throw new Error("did not receive metrics for targeted pods (pods might be unready)");
  const requests = podRequests(pods, container, resource);
  const { ratio, utilization, rawMilli } = utilizationRatio(metrics, requests, targetUtilization);
  const tolerance = hpaConfig(cluster, "tolerance");
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1 - ratio) <= tolerance) return { replicas: currentReplicas, utilization, rawMilli, timestamp };
    return { replicas: Math.ceil(ratio * g.readyPodCount), utilization, rawMilli, timestamp };
  }
  if (g.missing.size > 0) {
    // Scaling down: missing pods count as using their request (or the target, above 100%); up: nothing.
    const fallback = Math.max(100, targetUtilization);
    for (const n of g.missing) metrics.set(n, { value: ratio < 1 ? Math.trunc(((requests.get(n) ?? 0) * fallback) / 100) : 0, timestamp, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { value: 0, timestamp, windowMs: 0 });
  const next = utilizationRatio(metrics, requests, targetUtilization).ratio;
  if (Math.abs(1 - next) <= tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return { replicas: currentReplicas, utilization, rawMilli, timestamp };
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return { replicas: currentReplicas, utilization, rawMilli, timestamp };
  return { replicas, utilization, rawMilli, timestamp };
}

/** GetRawResourceReplicas: an average-value target (milli-units per pod). */
export function getRawResourceReplicas(cluster: Cluster, currentReplicas: number, targetMilli: number, resource: string, namespace: string, selector: Selector, container: string): Proposal {
  let read;
  try {
    read = getResourceMetric(cluster, resource, namespace, selector, container);
  } catch (e) {
    throw new Error(`unable to get metrics for resource ${resource}: ${(e as Error).message}`);
  }
  const { metrics, timestamp } = read;
  const pods = podsOf(cluster, namespace, selector);
  if (pods.length === 0) throw new Error("no pods returned by selector while calculating replica count");
  const g = groupPods(cluster, pods, metrics, resource);
  for (const n of [...g.ignored, ...g.unready]) metrics.delete(n);
  if (metrics.size === 0) throw new Error("did not receive metrics for targeted pods (pods might be unready)");
  const usageRatio = (m: Map<string, PodMetric>) => {
    let total = 0;
    for (const v of m.values()) total += v.value;
    const usage = Math.trunc(total / m.size);
    return { ratio: usage / targetMilli, usage };
  };
  const { ratio, usage } = usageRatio(metrics);
  const tolerance = hpaConfig(cluster, "tolerance");
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1 - ratio) <= tolerance) return { replicas: currentReplicas, rawMilli: usage, timestamp };
    return { replicas: Math.ceil(ratio * g.readyPodCount), rawMilli: usage, timestamp };
  }
  for (const n of g.missing) metrics.set(n, { value: ratio < 1 ? targetMilli : 0, timestamp, windowMs: 0 });
  if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { value: 0, timestamp, windowMs: 0 });
  const next = usageRatio(metrics).ratio;
  if (Math.abs(1 - next) <= tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return { replicas: currentReplicas, rawMilli: usage, timestamp };
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return { replicas: currentReplicas, rawMilli: usage, timestamp };
  return { replicas, rawMilli: usage, timestamp };
}
