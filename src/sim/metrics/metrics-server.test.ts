import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import type { Cluster } from "../cluster";
import { metricsServer } from "./metrics-server";
import { milliCPU, podUsage } from "./types";

const A = { actor: "kubectl" };

function stressPod(c: Cluster, name: string, args: string[], limit?: string): void {
  c.api.create(
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, labels: { app: "stress" } },
      spec: { nodeName: "node-1", containers: [{ name: "s", image: "vish/stress", args, ...(limit ? { resources: { limits: { cpu: limit } } } : {}) }] },
    },
    A,
  );
}

function startedAt(c: Cluster, name: string): number {
  const s = c.api.get("Pod", "default", name).status?.containerStatuses?.[0]?.state?.running?.startedAt;
  return c.clock.parseTimestamp(s);
}

describe("MetricsServer", () => {
  it("has node metrics from the second scrape on, and pod metrics once a container ran through a whole scrape period", async () => {
    const c = createCluster();
    const ms = metricsServer(c)!;
    expect(ms.listNodeMetrics()).toEqual([]);
    stressPod(c, "busy", ["-cpus", "2"], "500m");
    await c.advance(14_000);
    expect(ms.listNodeMetrics()).toEqual([]);
    await c.advance(1_000);
    expect(ms.listNodeMetrics().map((n) => n.name)).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    // The pod's container started a few seconds in: the scrape after the next has its rate.
    const start = startedAt(c, "busy");
    expect(start).toBeGreaterThan(0);
    expect(ms.getPodMetrics("default", "busy")).toBeUndefined();
    const firstWithRate = (Math.floor(start / 15_000) + 2) * 15_000;
    await c.advance(firstWithRate - c.clock.now - 1);
    expect(ms.getPodMetrics("default", "busy")).toBeUndefined();
    await c.advance(1);
    const m = ms.getPodMetrics("default", "busy")!;
    expect(m.timestamp).toBe(firstWithRate);
    expect(m.windowMs).toBe(15_000);
    // CPU is throttled at the limit.
    expect(milliCPU(podUsage(m))).toBe(500);
    expect(m.containers.map((x) => x.name)).toEqual(["s"]);
  });

  it("gives every reader between two scrapes the same numbers", async () => {
    const c = createCluster();
    const ms = metricsServer(c)!;
    stressPod(c, "mem", ["-mem-total", "100Mi", "-mem-alloc-size", "10Mi", "-mem-alloc-sleep", "1s"]);
    await c.advance(31_000);
    const early = ms.getPodMetrics("default", "mem");
    // The allocation goes on (10 s in all), but the value stays the one read for this scrape.
    await c.advance(5_000);
    expect(ms.getPodMetrics("default", "mem")).toEqual(early);
    await c.advance(30_000);
    expect(podUsage(ms.getPodMetrics("default", "mem")!).memoryBytes).toBeGreaterThan(100 * 1024 * 1024);
  });

  it("counts a node's pods in its usage and leaves out a stopped kubelet", async () => {
    const c = createCluster();
    const ms = metricsServer(c)!;
    await c.advance(30_000);
    const idle = ms.getNodeMetrics("node-1")!;
    stressPod(c, "busy", ["-cpus", "1"]);
    await c.advance(45_000);
    const busy = ms.getNodeMetrics("node-1")!;
    expect(milliCPU(busy.usage) - milliCPU(idle.usage)).toBeGreaterThanOrEqual(990);
    expect(await c.podlab(["node", "stop", "node-2"])).toMatchObject({ exitCode: 0 });
    await c.advance(15_000);
    expect(ms.getNodeMetrics("node-2")).toBeUndefined();
  });

  it("serves no Metrics API while disabled, and needs two scrapes again once re-enabled", async () => {
    const c = createCluster();
    const ms = metricsServer(c)!;
    await c.advance(30_000);
    expect((await c.podlab(["metrics-server", "disable"])).stdout).toBe("metrics-server disabled\n");
    expect(() => ms.listNodeMetrics()).toThrow("the server could not find the requested resource (get nodes.metrics.k8s.io)");
    expect(() => ms.listPodMetrics("default")).toThrow("the server could not find the requested resource (get pods.metrics.k8s.io)");
    await c.podlab(["metrics-server", "enable"]);
    await c.advance(15_000);
    expect(ms.listNodeMetrics()).toEqual([]);
    await c.advance(15_000);
    expect(ms.listNodeMetrics()).toHaveLength(4);
  });
});
