/**
 * Workload controllers: how long a Deployment takes to reach Available, and what the ReplicaSet,
 * Deployment and garbage-collector controllers themselves cost per pod.
 *
 * - `deployment-1000`: the whole default cluster (scheduler, kubelets, runtime) with ten workers, a
 *   Deployment of 1,000 replicas, wall time and heap until it is Available.
 * - `controllers-only`: the workload controllers alone, pods made Ready as soon as they exist (the
 *   kubelets' part), at three sizes — the cost per pod should stay flat as the count grows.
 */
import { performance } from "node:perf_hooks";
import { createCluster } from "../src/sim";
import type { KObject } from "../src/sim/api/types";
import { DeploymentController } from "../src/sim/controllers/deployment";
import { GarbageCollector } from "../src/sim/controllers/garbage-collector";
import { ReplicaSetController } from "../src/sim/controllers/replicaset";
import { make, runPod, workloadCluster } from "../src/sim/controllers/workload/testing";
import type { Cluster } from "../src/sim/cluster";
import type { Bench } from "./main";

function deployment(replicas: number): KObject {
  return make.deployment("web", replicas, { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.25", resources: { requests: { cpu: "1m", memory: "1Mi" } } }] } } });
}

function available(c: Cluster, replicas: number): boolean {
  return (c.api.tryGet("Deployment", "default", "web")?.status?.availableReplicas ?? 0) === replicas;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export const benches: Bench[] = [
  {
    name: "deployment-1000",
    async run(report) {
      const nodes = Array.from({ length: 10 }, (_, i) => ({ name: `node-${i + 1}`, cpu: "32", memory: "128Gi", pods: 110 }));
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const c = createCluster({ nodes });
      c.create(deployment(1000), "kubectl");
      const ok = await c.clock.advanceUntil(() => available(c, 1000), 600_000);
      const wall = performance.now() - t0;
      report(`${ok ? "Available" : "NOT available"} after ${(c.clock.now / 1000).toFixed(1)} s virtual, ${wall.toFixed(0)} ms wall, heap +${mb(process.memoryUsage().heapUsed - heapBefore)}, ${c.clock.timersRun} timers`);
    },
  },
  {
    name: "controllers-only",
    async run(report) {
      for (const replicas of [1_000, 5_000, 20_000]) {
        const c = workloadCluster(new ReplicaSetController(), new DeploymentController(), new GarbageCollector());
        c.api.watch("Pod", (e) => {
          if (e.type === "ADDED") {
            const pod = e.object;
            c.clock.after(1, () => {
              if (c.api.tryGet("Pod", "default", pod.metadata.name!)) runPod(c, pod);
            });
          }
        });
        const t0 = performance.now();
        c.create(deployment(replicas), "kubectl");
        const ok = await c.clock.advanceUntil(() => available(c, replicas), 600_000);
        const wall = performance.now() - t0;
        report(`${replicas} replicas: ${ok ? "Available" : "NOT available"} in ${wall.toFixed(0)} ms wall, ${((wall * 1000) / replicas).toFixed(0)} µs per pod`);
        const t1 = performance.now();
        c.api.delete("Deployment", "default", "web", { actor: "kubectl", propagationPolicy: "Background" });
        await c.clock.advanceUntil(() => c.store.count("ReplicaSet", "default") === 0 && [...c.store.each("Pod", "default")].every((p) => p.metadata.deletionTimestamp), 60_000);
        report(`${replicas} replicas: cascading delete in ${(performance.now() - t1).toFixed(0)} ms wall`);
      }
    },
  },
];
