import { describe, expect, it } from "vitest";
import { ApiSetup } from "../api/setup";
import { matches, type Selector } from "../api/labels";
import type { KObject } from "../api/types";
import { Cluster } from "../cluster";
import { MetricsApiUnavailable, MetricsServer } from "../metrics/metrics-server";
import type { PodMetrics } from "../metrics/types";
import { formatMilliQuantity, HorizontalPodAutoscalerController } from "./hpa";

const A = { actor: "kubectl" };

/** A Metrics API whose per-pod CPU (millicores) and memory (bytes) the test sets. */
class FakeMetrics extends MetricsServer {
  readonly usage = new Map<string, { cpu: number; memory?: number }>();
  off = false;
  override get available(): boolean {
    return !this.off;
  }
  override listPodMetrics(namespace: string | undefined, selector?: Selector): PodMetrics[] {
    if (this.off) throw new MetricsApiUnavailable("pods");
    return [...this.usage.entries()]
      .map(([name, u]) => ({ pod: this.owner().store.get("Pod", namespace ?? "default", name), u, name }))
      .filter((x) => x.pod && (!selector || matches(selector, x.pod.metadata.labels)))
      .map(({ name, u }) => ({ namespace: namespace ?? "default", name, labels: {}, timestamp: this.owner().clock.now, windowMs: 15_000, containers: [{ name: "c", usage: { cpuNanoCores: u.cpu * 1e6, memoryBytes: u.memory ?? 0 } }] }));
  }
  owner!: () => Cluster;
}

function setup(): { c: Cluster; metrics: FakeMetrics } {
  const metrics = new FakeMetrics();
  const c = new Cluster({ components: [new ApiSetup(), metrics, new HorizontalPodAutoscalerController()] }).start();
  metrics.owner = () => c;
  c.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } }, A);
  c.api.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default" } }, A);
  return { c, metrics };
}

function replicaSet(c: Cluster, replicas: number): void {
  c.api.create(
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web" },
      spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    },
    A,
  );
}

function pod(c: Cluster, name: string, requests: Record<string, string> | null = { cpu: "200m", memory: "100Mi" }): void {
  c.api.create({ apiVersion: "v1", kind: "Pod", metadata: { name, labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx", ...(requests ? { resources: { requests } } : {}) }] } }, A);
  const p = c.api.get("Pod", "default", name);
  const ts = c.clock.timestamp(0);
  c.api.updateStatus({ ...p, status: { phase: "Running", startTime: ts, conditions: [{ type: "Ready", status: "True", lastTransitionTime: ts }] } }, A);
}

function hpa(c: Cluster, spec: Record<string, unknown> = {}): void {
  c.api.create(
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web" },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web" }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }], ...spec },
    },
    A,
  );
}

const get = (c: Cluster): KObject => c.api.get("HorizontalPodAutoscaler", "default", "web");
const replicas = (c: Cluster): number => c.api.get("ReplicaSet", "default", "web").spec.replicas;
const events = (c: Cluster): string[] => c.store.list("Event").map((e) => `${e.type} ${e.reason} ${e.message}`);
const condition = (c: Cluster, type: string) => {
  const x = get(c).status.conditions.find((k: { type: string }) => k.type === type);
  return `${x.status} ${x.reason}: ${x.message}`;
};

describe("HorizontalPodAutoscalerController", () => {
  it("first acts a sync period after the HPA is created, then scales up at most to max(2×, 4)", async () => {
    const { c, metrics } = setup();
    replicaSet(c, 1);
    pod(c, "web-a");
    metrics.usage.set("web-a", { cpu: 500 });
    hpa(c);
    await c.advance(14_000);
    expect(get(c).status).toEqual({ desiredReplicas: 0 });
    await c.advance(2_000);
    expect(replicas(c)).toBe(4);
    const status = get(c).status;
    expect(status.currentReplicas).toBe(1);
    expect(status.desiredReplicas).toBe(4);
    expect(status.lastScaleTime).toBe("2025-01-01T00:00:15Z");
    expect(status.currentMetrics).toEqual([{ type: "Resource", resource: { name: "cpu", current: { averageValue: "500m", averageUtilization: 250 } } }]);
    expect(condition(c, "AbleToScale")).toBe("True SucceededRescale: the HPA controller was able to update the target scale to 4");
    expect(condition(c, "ScalingActive")).toBe("True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)");
    expect(condition(c, "ScalingLimited")).toBe("True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate");
    expect(events(c)).toEqual(["Normal SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target"]);
  });

  it("changes nothing within the 10% tolerance", async () => {
    const { c, metrics } = setup();
    replicaSet(c, 2);
    pod(c, "web-a");
    pod(c, "web-b");
    metrics.usage.set("web-a", { cpu: 105 });
    metrics.usage.set("web-b", { cpu: 110 });
    hpa(c);
    await c.advance(16_000);
    expect(replicas(c)).toBe(2);
    expect(get(c).status.currentMetrics[0].resource.current).toEqual({ averageValue: "107m", averageUtilization: 53 });
    expect(condition(c, "AbleToScale")).toBe("True ReadyForNewScale: recommended size matches current size");
    expect(events(c)).toEqual([]);
  });

  it("scales down only after the five-minute stabilization window", async () => {
    const { c, metrics } = setup();
    replicaSet(c, 4);
    for (const n of ["a", "b", "c", "d"]) {
      pod(c, `web-${n}`);
      metrics.usage.set(`web-${n}`, { cpu: 100 });
    }
    hpa(c);
    await c.advance(16_000);
    expect(replicas(c)).toBe(4);
    for (const n of ["a", "b", "c", "d"]) metrics.usage.set(`web-${n}`, { cpu: 10 });
    await c.advance(60_000);
    expect(replicas(c)).toBe(4);
    expect(condition(c, "AbleToScale")).toBe("True ScaleDownStabilized: recent recommendations were higher than current one, applying the highest recent recommendation");
    await c.advance(240_000);
    expect(replicas(c)).toBe(1);
    expect(events(c)).toEqual(["Normal SuccessfulRescale New size: 1; reason: All metrics below target"]);
  });

  it("reports a container without a CPU request", async () => {
    const { c, metrics } = setup();
    replicaSet(c, 1);
    pod(c, "web-a", null);
    metrics.usage.set("web-a", { cpu: 50 });
    hpa(c);
    await c.advance(16_000);
    expect(events(c)).toEqual([
      "Warning FailedGetResourceMetric failed to get cpu utilization: missing request for cpu in container c of Pod web-a",
      "Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container c of Pod web-a",
    ]);
    expect(condition(c, "ScalingActive")).toBe("False FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container c of Pod web-a");
    expect(get(c).status.currentMetrics).toEqual([{ type: "" }]);
    expect(get(c).status.currentReplicas).toBe(1);
  });

  it("reports a missing Metrics API and a missing target", async () => {
    const { c, metrics } = setup();
    replicaSet(c, 1);
    pod(c, "web-a");
    metrics.off = true;
    hpa(c);
    c.api.create({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "ghost" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "ghost" }, maxReplicas: 3 } }, A);
    await c.advance(16_000);
    expect(events(c)).toContain(
      "Warning FailedGetResourceMetric failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)",
    );
    expect(events(c)).toContain('Warning FailedGetScale deployments.apps "ghost" not found');
    const ghost = c.api.get("HorizontalPodAutoscaler", "default", "ghost");
    expect(ghost.status.conditions).toEqual([{ type: "AbleToScale", status: "False", lastTransitionTime: "2025-01-01T00:00:15Z", reason: "FailedGetScale", message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "ghost" not found' }]);
  });

  it("limits scale-up by the behavior's policies", async () => {
    const { c, metrics } = setup();
    replicaSet(c, 1);
    pod(c, "web-a");
    metrics.usage.set("web-a", { cpu: 900 });
    hpa(c, { behavior: { scaleUp: { policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } } });
    await c.advance(16_000);
    expect(replicas(c)).toBe(2);
    await c.advance(15_000);
    expect(replicas(c)).toBe(2);
    expect(condition(c, "ScalingLimited")).toBe("True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate");
  });

  it("brings the target into [min, max] first, and scales on memory utilization", async () => {
    const { c, metrics } = setup();
    replicaSet(c, 1);
    pod(c, "web-a");
    metrics.usage.set("web-a", { cpu: 1, memory: 400 * 1024 * 1024 });
    hpa(c, { minReplicas: 2, metrics: [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 100 } } }] });
    await c.advance(16_000);
    expect(replicas(c)).toBe(2);
    expect(events(c)).toEqual(["Normal SuccessfulRescale New size: 2; reason: Current number of replicas below Spec.MinReplicas"]);
    pod(c, "web-b");
    metrics.usage.set("web-b", { cpu: 1, memory: 400 * 1024 * 1024 });
    await c.advance(15_000);
    expect(replicas(c)).toBe(4);
    expect(get(c).status.currentMetrics[0].resource).toEqual({ name: "memory", current: { averageValue: "419430400", averageUtilization: 400 } });
  });
});

describe("formatMilliQuantity", () => {
  it("writes milli-values as resource.Quantity does", () => {
    expect(formatMilliQuantity(0)).toBe("0");
    expect(formatMilliQuantity(107)).toBe("107m");
    expect(formatMilliQuantity(1500)).toBe("1500m");
    expect(formatMilliQuantity(2000)).toBe("2");
    expect(formatMilliQuantity(12_000_000_000)).toBe("12M");
    expect(formatMilliQuantity(419_430_400_000)).toBe("419430400");
  });
});

