/**
 * Resource metrics and the HPA at scale: metrics-server reads the kubelets only when asked, so an idle
 * cluster pays nothing for it, and an HPA over N pods costs one read of those N pods per sync.
 *
 * - `deployment-1000`: ten workers, a Deployment of 1,000 replicas; five virtual minutes with and
 *   without an HPA on it (syncing every 15 s), then `kubectl top pod` over the 1,000 pods.
 */
import { performance } from "node:perf_hooks";
import { createCluster } from "../src/sim";
import type { Cluster } from "../src/sim/cluster";
import type { KObject } from "../src/sim/api/types";
import type { Bench } from "./main";

function deployment(replicas: number): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.25", resources: { requests: { cpu: "1m", memory: "1Mi" } } }] } } },
  };
}

async function available(replicas: number): Promise<Cluster> {
  const nodes = Array.from({ length: 10 }, (_, i) => ({ name: `node-${i + 1}`, cpu: "32", memory: "128Gi", pods: 110 }));
  const c = createCluster({ nodes });
  c.create(deployment(replicas), "kubectl");
  await c.clock.advanceUntil(() => (c.api.tryGet("Deployment", "default", "web")?.status?.availableReplicas ?? 0) === replicas, 600_000);
  return c;
}

export const benches: Bench[] = [
  {
    name: "deployment-1000",
    async run(report) {
      for (const withHpa of [false, true]) {
        const c = await available(1000);
        if (withHpa) {
          c.create({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "web" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1000, maxReplicas: 1000 } }, "kubectl");
        }
        const timers = c.clock.timersRun;
        const t0 = performance.now();
        await c.advance(300_000);
        const wall = performance.now() - t0;
        report(`${withHpa ? "with an HPA" : "no HPA     "}: 5 min virtual in ${wall.toFixed(0)} ms wall, ${c.clock.timersRun - timers} timers`);
        if (withHpa) {
          const t1 = performance.now();
          const r = await c.kubectl(["top", "pod", "--no-headers"], { files: { readFile: () => undefined, listDir: () => undefined } });
          report(`kubectl top pod: ${r.stdout.trim().split("\n").length} pods in ${(performance.now() - t1).toFixed(0)} ms wall`);
        }
      }
    },
  },
];
