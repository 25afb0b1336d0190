/**
 * Workload controllers: how long a Deployment takes to reach Available, and what the ReplicaSet,
 * Deployment and garbage-collector controllers themselves cost per pod.
 *
 * - `deployment-1000`: the whole default cluster (scheduler, kubelets, runtime) with ten workers, a
 *   Deployment of 1,000 replicas, wall time and heap until it is Available.
 * - `rollout-50x20`: 100 nodes, 50 Deployments × 20 nginx replicas with readiness probes, each behind
 *   a Service; all brought to Available, then every Deployment rolled out to a new image at once (the
 *   default RollingUpdate, 25% surge / 25% unavailable) until each reports its rollout complete.
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
import { MemoryPeak, mib, table, wall } from "./support/measure";

function deployment(replicas: number): KObject {
  return make.deployment("web", replicas, { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.25", ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 }, resources: { requests: { cpu: "1m", memory: "1Mi" } } }] } } });
}

function available(c: Cluster, replicas: number): boolean {
  return (c.api.tryGet("Deployment", "default", "web")?.status?.availableReplicas ?? 0) === replicas;
}

function rolloutDeployment(name: string, image: string): KObject {
  const labels = { app: name };
  return make.deployment(name, 20, { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "nginx", image, ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 }, resources: { requests: { cpu: "10m", memory: "16Mi" } } }] } } });
}

/** The rollout is complete: every replica updated, available, and no old one left (kubectl rollout status). */
function rolledOut(c: Cluster, name: string, replicas: number): boolean {
  const d = c.api.tryGet("Deployment", "default", name);
  const s = d?.status;
  return !!d && (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s?.updatedReplicas === replicas && s?.replicas === replicas && s?.availableReplicas === replicas;
}

/** CPU time (user + system) since `start`, in ms: steadier than wall time on a shared machine. */
const cpuMs = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export const benches: Bench[] = [
  {
    name: "deployment-1000",
    async run(report) {
      const nodes = Array.from({ length: 10 }, (_, i) => ({ name: `node-${i + 1}`, cpu: "32", memory: "128Gi", pods: 110 }));
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const c = createCluster({ nodes });
      c.create(deployment(1000), "kubectl");
      const ok = await c.clock.advanceUntil(() => available(c, 1000), 600_000);
      const wall = performance.now() - t0;
      report(`${ok ? "Available" : "NOT available"} after ${(c.clock.now / 1000).toFixed(1)} s virtual, ${wall.toFixed(0)} ms wall (${cpuMs(cpu0).toFixed(0)} ms CPU), heap +${mb(process.memoryUsage().heapUsed - heapBefore)}, ${c.clock.timersRun} timers`);
    },
  },
  {
    name: "rollout-50x20",
    async run(report) {
      const nodes = Array.from({ length: 100 }, (_, i) => ({ name: `node-${i + 1}`, cpu: "8", memory: "32Gi", pods: 110 }));
      const mem = new MemoryPeak();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const c = createCluster({ nodes });
      const names = Array.from({ length: 50 }, (_, i) => `web-${i}`);
      for (const name of names) {
        const labels = { app: name };
        c.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] } }, "kubectl");
        c.create(rolloutDeployment(name, "nginx:1.25"), "kubectl");
      }
      const upVirtual0 = c.clock.now;
      const up = await c.clock.advanceUntil(() => names.every((n) => rolledOut(c, n, 20)), 600_000);
      mem.sample();
      const tUp = performance.now();
      const cpuUp = cpuMs(cpu0);
      const cpu1 = process.cpuUsage();
      const virtualUp = c.clock.now - upVirtual0;
      for (const name of names) {
        const d = c.api.get("Deployment", "default", name);
        c.api.update({ ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ ...d.spec.template.spec.containers[0], image: "nginx:1.27" }] } } } }, { actor: "kubectl" });
      }
      const v0 = c.clock.now;
      let done = false;
      while (!done && c.clock.now - v0 < 600_000) {
        done = await c.clock.advanceUntil(() => names.every((n) => rolledOut(c, n, 20)), 5_000);
        mem.sample();
      }
      const tDone = performance.now();
      const cpuDone = cpuMs(cpu1);
      const endpoints = names.reduce((n, name) => n + (c.api.tryGet("Endpoints", "default", name)?.subsets?.[0]?.addresses?.length ?? 0), 0);
      table(report, ["phase", "outcome", "virtual", "wall", "CPU", "virtual/wall"], [
        ["50 × 20 replicas to Available", up ? "Available" : "NOT available", `${(virtualUp / 1000).toFixed(0)} s`, wall(tUp - t0), wall(cpuUp), `${(virtualUp / (tUp - t0)).toFixed(1)}×`],
        ["rollout to nginx:1.27", done ? "complete" : "NOT complete", `${((c.clock.now - v0) / 1000).toFixed(0)} s`, wall(tDone - tUp), wall(cpuDone), `${((c.clock.now - v0) / (tDone - tUp)).toFixed(1)}×`],
      ]);
      report(`${endpoints} ready endpoints behind 50 Services; peak RSS ${mib(mem.rss)}, peak heap ${mib(mem.heap)}; ${c.clock.timersRun.toLocaleString("en")} timers`);
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
