/**
 * Kubernetes' scale ceiling: 5,000 nodes and 150,000 pods (30 per node, the density test of
 * Kubernetes' own scalability suite), created by Deployments of pause pods on the whole default
 * cluster (API server, scheduler, controllers, kubelets, runtime, add-ons), until every pod is
 * Running. The cluster CIDR is a /11 with a /24 per node, as a 5,000-node cluster is set up.
 * Prints wall time, pods per second, peak RSS and heap at several sizes, and the cost per pod, to
 * show how it grows. `PODLAB_SCALE_MAX=<nodes>` stops at a smaller size.
 *
 * Also: the cluster starting alone, until every node's kube-proxy (a DaemonSet pod each) and the
 * cluster DNS run, at the same sizes.
 */
import { performance } from "node:perf_hooks";
import { createCluster } from "../src/sim";
import type { KObject } from "../src/sim/api/types";
import type { Cluster, NodeSettings } from "../src/sim/cluster";
import type { Bench } from "./main";
import { MemoryPeak, mib, n, since, table, wall } from "./support/measure";

const PODS_PER_NODE = 30;
/** Replicas per Deployment (the density test's groups of pods). */
const REPLICAS = 1_000;
const SIZES = [100, 200, 500, 1_000, 2_500, 5_000].filter((s) => s <= Number(process.env.PODLAB_SCALE_MAX ?? 5_000));

function nodes(count: number): NodeSettings[] {
  return Array.from({ length: count }, (_, i) => ({ name: `node-${i}`, cpu: "4", memory: "32Gi", pods: 110 }));
}

function deployment(name: string, replicas: number): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { group: name } },
      template: {
        metadata: { labels: { group: name } },
        spec: { containers: [{ name: "pause", image: "registry.k8s.io/pause:3.10", resources: { requests: { cpu: "10m", memory: "10Mi" } } }] },
      },
    },
  };
}

/**
 * Counts the default namespace's Running pods as they change, from a watch: walking 150,000 pods
 * every virtual second would cost the bench more than some of what it measures.
 */
function countRunning(c: Cluster): { readonly count: number } {
  const counter = { count: 0 };
  const isRunning = (p: KObject | undefined) => p?.metadata.namespace === "default" && (p as { status?: { phase?: string } }).status?.phase === "Running";
  c.store.watch("Pod", (e) => {
    const now = e.type !== "DELETED" && isRunning(e.object);
    const before = isRunning(e.old);
    if (now !== before) counter.count += now ? 1 : -1;
  });
  return counter;
}

async function run(nodeCount: number): Promise<string[]> {
  const pods = nodeCount * PODS_PER_NODE;
  const mem = new MemoryPeak();
  const t0 = performance.now();
  const c = createCluster({ nodes: nodes(nodeCount), clusterCIDR: "10.64.0.0/11", nodeCIDRMaskSize: 24 });
  await c.advance(1_000);
  const setup = since(t0);
  mem.sample();
  const running = countRunning(c);
  const t1 = performance.now();
  for (let i = 0; i * REPLICAS < pods; i++) c.create(deployment(`density-${i}`, Math.min(REPLICAS, pods - i * REPLICAS)), "kubectl");
  let up = 0;
  for (let step = 0; step < 600 && up < pods; step++) {
    await c.advance(1_000);
    mem.sample();
    up = running.count;
  }
  const ms = since(t1);
  return [`${n(nodeCount)} × ${n(pods)}`, `${n(up)}`, wall(setup), wall(ms), `${(c.clock.now / 1000).toFixed(0)} s`, n((up * 1000) / ms), `${((ms * 1000) / pods).toFixed(0)} µs`, mib(mem.rss), mib(mem.heap), `${((mem.heap - mem.heapAtStart) / pods / 1024).toFixed(1)} KiB`];
}

async function start(nodeCount: number): Promise<string[]> {
  const mem = new MemoryPeak();
  const t0 = performance.now();
  const c = createCluster({ nodes: nodes(nodeCount), clusterCIDR: "10.64.0.0/11", nodeCIDRMaskSize: 24 });
  let up = 0;
  let all = 0;
  for (let step = 0; step < 600 && (all === 0 || up < all); step++) {
    await c.advance(1_000);
    mem.sample();
    up = 0;
    all = 0;
    for (const p of c.store.each("Pod", "kube-system")) {
      if (p.metadata.ownerReferences?.[0]?.kind === "Node") continue;
      all++;
      if (p.status?.phase === "Running") up++;
    }
  }
  const ms = since(t0);
  return [n(nodeCount), `${n(up)}/${n(all)}`, wall(ms), `${(c.clock.now / 1000).toFixed(0)} s`, `${((ms * 1000) / nodeCount).toFixed(0)} µs`, mib(mem.heap)];
}

/** A bench that runs `one` at every size and prints a row per size. */
function atEverySize(name: string, headers: string[], one: (nodeCount: number) => Promise<string[]>): Bench {
  return {
    name,
    async run(report) {
      const rows: string[][] = [];
      for (const size of SIZES) {
        rows.push(await one(size));
        globalThis.gc?.();
      }
      table(report, headers, rows);
    },
  };
}

export const benches: Bench[] = [
  atEverySize("cluster-start-5000-nodes", ["nodes", "add-on pods Running", "wall", "virtual", "per node", "peak heap"], start),
  atEverySize("nodes-5000-pods-150000", ["nodes × pods", "Running", "setup", "to Running", "virtual", "pods/s", "per pod", "peak RSS", "peak heap", "heap/pod"], run),
];
