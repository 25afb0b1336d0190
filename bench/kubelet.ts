/**
 * Kubelet throughput at rest: pods of hashicorp/http-echo (port 5678) with an HTTP readiness probe
 * every 5 s, brought to Ready and then left running for one virtual hour. Idle time should cost
 * almost nothing: the only work is the probes that fall due. Prints wall time, virtual seconds per
 * wall second, and peak memory. (a) 100 pods on the default workers; (b) 1,000 pods on 100 nodes.
 */
import { performance } from "node:perf_hooks";
import type { KObject } from "../src/sim/api/types";
import { Bootstrap } from "../src/sim/bootstrap";
import { Cluster, type NodeSettings } from "../src/sim/cluster";
import { KubeletComponent } from "../src/sim/kubelet/component";
import type { RuntimeFactory } from "../src/sim/kubelet/context";
import { defaultRuntimeFactory } from "../src/sim/kubelet/runtime-factory";
import type { Bench } from "./main";

const HOUR = 3_600_000;

function echoPod(i: number, node: string): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `echo-${i}`, namespace: "default", labels: { app: "echo" } },
    spec: {
      nodeName: node,
      containers: [
        {
          name: "echo",
          image: "hashicorp/http-echo:1.0",
          args: ["-text=hello"],
          ports: [{ containerPort: 5678 }],
          readinessProbe: { httpGet: { path: "/", port: 5678 }, periodSeconds: 5 },
        },
      ],
    },
  };
}

function ready(cluster: Cluster): number {
  let n = 0;
  for (const p of cluster.store.each("Pod")) if (p.status?.conditions?.some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True")) n++;
  return n;
}

async function run(pods: number, nodes: NodeSettings[], report: (line: string) => void, factory: RuntimeFactory): Promise<void> {
  const mem0 = process.memoryUsage().heapUsed;
  let peak = mem0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed);
  };
  const t0 = performance.now();
  const cluster = new Cluster({ seed: 1, nodes, components: [new Bootstrap(), new KubeletComponent({ runtimeFactory: factory })] }).start();
  const workers = nodes.filter((n) => !n.taints?.length).map((n) => n.name);
  for (let i = 0; i < pods; i++) cluster.api.create(echoPod(i, workers[i % workers.length]), { actor: "bench" });
  let waited = 0;
  while (ready(cluster) < pods && waited < 300_000) {
    await cluster.advance(1_000);
    waited += 1_000;
  }
  sample();
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const timers0 = cluster.clock.timersRun;
  const stepMs = 60_000;
  for (let t = 0; t < HOUR; t += stepMs) {
    await cluster.advance(stepMs);
    sample();
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu1);
  const wallHour = (t2 - t1) / 1000;
  report(`${pods} pods on ${workers.length} nodes: ${ready(cluster)} Ready after ${waited / 1000}s virtual (${((t1 - t0) / 1000).toFixed(2)}s wall)`);
  report(`one idle virtual hour: ${wallHour.toFixed(3)}s wall (${((cpu.user + cpu.system) / 1e6).toFixed(3)}s CPU), ${(3600 / wallHour).toFixed(0)} virtual s per wall s, ${(cluster.clock.timersRun - timers0).toLocaleString("en")} timers`);
  report(`peak heap ${(peak / 2 ** 20).toFixed(1)} MiB (${((peak - mem0) / 2 ** 20).toFixed(1)} MiB above the start)`);
}

/** The simulated containerd, whose http-echo is a modelled server: a probe runs no shell. */
const echoRuntime: RuntimeFactory = defaultRuntimeFactory;

const defaultNodes: NodeSettings[] = [
  { name: "control-plane", cpu: "2", memory: "4Gi", pods: 110, taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] },
  { name: "node-1", cpu: "4", memory: "8Gi", pods: 110 },
  { name: "node-2", cpu: "4", memory: "8Gi", pods: 110 },
  { name: "node-3", cpu: "4", memory: "8Gi", pods: 110 },
];

const hundredNodes: NodeSettings[] = Array.from({ length: 100 }, (_, i) => ({ name: `node-${i}`, cpu: "4", memory: "8Gi", pods: 110 }));

export const benches: Bench[] = [
  { name: "100 http-echo pods, readiness every 5s, 1 idle hour", run: (report) => run(100, defaultNodes, report, echoRuntime) },
  { name: "1000 http-echo pods on 100 nodes, 1 idle hour", run: (report) => run(1_000, hundredNodes, report, echoRuntime) },
];
