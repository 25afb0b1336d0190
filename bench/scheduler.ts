/**
 * Scheduler throughput: N nodes and M pods, every pod created and bound, on the shape of Kubernetes'
 * own scheduler_perf SchedulingBasic test (nodes of 4 CPU / 32Gi / 110 pods, pause pods requesting
 * 100m and 500Mi). Prints pods per second, wall time, and the cost per pod and per pod × node, at
 * three sizes, to show how it grows.
 */
import { performance } from "node:perf_hooks";
import { Bootstrap } from "../src/sim/bootstrap";
import { Cluster, type NodeSettings } from "../src/sim/cluster";
import type { KObject } from "../src/sim/api/types";
import { Scheduler } from "../src/sim/scheduler/scheduler";
import { numFeasibleNodesToFind } from "../src/sim/scheduler/registry";
import type { Bench } from "./main";

const SHAPES = [
  { nodes: 1_000, pods: 2_000 },
  { nodes: 2_500, pods: 5_000 },
  { nodes: 5_000, pods: 10_000 },
];

function nodeSettings(n: number): NodeSettings[] {
  return Array.from({ length: n }, (_, i) => ({ name: `node-${i}`, cpu: "4", memory: "32Gi", pods: 110 }));
}

function pausePod(i: number): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `pod-${i}`, namespace: "default" },
    spec: {
      containers: [
        {
          name: "pause",
          image: "registry.k8s.io/pause:3.10",
          ports: [{ containerPort: 80 }],
          resources: { requests: { cpu: "100m", memory: "500Mi" }, limits: { cpu: "100m", memory: "500Mi" } },
        },
      ],
    },
  };
}

let warmedUp = false;

/** One small untimed run first, so the first figures do not include the JIT's warm-up. */
async function warmUp(): Promise<void> {
  if (warmedUp) return;
  warmedUp = true;
  await run(200, 2_000, () => {});
}

async function run(nodes: number, pods: number, report: (line: string) => void): Promise<void> {
  const scheduler = new Scheduler({ recordLimit: pods });
  const t0 = performance.now();
  const cluster = new Cluster({ seed: 1, nodes: nodeSettings(nodes), components: [new Bootstrap(), scheduler] }).start();
  await cluster.advance(1_000);
  const t1 = performance.now();
  for (let i = 0; i < pods; i++) cluster.api.create(pausePod(i), { actor: "bench" });
  const t2 = performance.now();
  const cpu0 = process.cpuUsage();
  let bound = 0;
  cluster.api.watch("Pod", (e) => {
    if (e.type === "MODIFIED" && e.object.spec?.nodeName && !e.old?.spec?.nodeName) bound++;
  });
  // Advance in virtual steps until every pod is bound (or an hour of virtual time passes).
  for (let step = 0; step < 3_600 && bound < pods; step++) await cluster.advance(1_000);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const scheduleMs = t3 - t2;
  const perPodUs = (scheduleMs * 1000) / pods;
  const toFind = numFeasibleNodesToFind(nodes);
  report(`${nodes} nodes × ${pods} pods: ${bound}/${pods} bound`);
  report(`  cluster setup ${(t1 - t0).toFixed(0)} ms, pod creation ${(t2 - t1).toFixed(0)} ms, scheduling ${scheduleMs.toFixed(0)} ms (wall)`);
  report(`  ${((pods * 1000) / scheduleMs).toFixed(0)} pods/s scheduled (${((pods * 1000) / cpuMs).toFixed(0)} pods/s of process CPU time); ${((pods * 1000) / (t3 - t1)).toFixed(0)} pods/s created and scheduled`);
  report(`  ${perPodUs.toFixed(1)} µs per pod; ${((perPodUs * 1000) / nodes).toFixed(1)} ns per pod per node; ${((perPodUs * 1000) / toFind).toFixed(1)} ns per pod per node filtered (${toFind} feasible nodes sought per cycle)`);
  report(`  virtual time ${(cluster.clock.now / 1000).toFixed(1)} s, timers run ${cluster.clock.timersRun}`);
}

export const benches: Bench[] = SHAPES.map((s) => ({
  name: `${s.nodes}-nodes-${s.pods}-pods`,
  run: async (report) => {
    await warmUp();
    await run(s.nodes, s.pods, report);
  },
}));
