/**
 * MetricsServer is metrics-server and the metrics.k8s.io API it serves, read inside the simulation
 * by `kubectl top` and the HPA controller. metrics-server scrapes every kubelet each resolution
 * period (15 s) and reports CPU as a rate between two scrapes, so a pod has metrics only once all
 * its running containers were already running at the scrape before the latest one; a node likewise.
 *
 * Nothing runs in the background: a value is read from the kubelets when first asked for after a
 * scrape instant, and kept until the next one — so 150,000 idle pods cost nothing, and every reader
 * between two scrapes sees the same numbers. The add-on is installed by default; `podlab
 * metrics-server disable` removes the API (kubectl then says `Metrics API not available`).
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Cluster, Component } from "../cluster";
import { matches, type Selector } from "../api/labels";
import { hashString } from "../random";
import { CONTROL_PLANE_SYSTEM_USAGE, metricResolution, PAUSE_MEMORY_BYTES, WORKER_SYSTEM_USAGE } from "./data";
import type { NodeMetrics, PodMetrics } from "./types";
import { nodeContainers, podContainers } from "./usage";
import { metricsServerCommand } from "./podlab-commands";

export const METRICS_SERVER = "metrics-server";

/** The Metrics API is not served (metrics-server is not installed). */
export class MetricsApiUnavailable extends Error {
  constructor(readonly resource: "pods" | "nodes") {
    super(`the server could not find the requested resource (get ${resource}.metrics.k8s.io)`);
  }
}

interface Cached<T> {
  scrape: number;
  value: T | undefined;
}

export class MetricsServer implements Component {
  readonly name = METRICS_SERVER;
  private cluster!: Cluster;
  private enabled = true;
  /** Scrapes before this instant do not count (the add-on was just installed). */
  private since = 0;
  private readonly pods = new Map<string, Cached<PodMetrics>>();
  private readonly nodes = new Map<string, Cached<NodeMetrics>>();

  start(cluster: Cluster): void {
    this.cluster = cluster;
    cluster.api.watch("Pod", (e) => {
      if (e.type === "DELETED") this.pods.delete(e.object.metadata.uid ?? "");
    });
    cluster.registerPodlabCommand(metricsServerCommand(this));
  }

  /** True while the Metrics API is served. */
  get available(): boolean {
    return this.enabled;
  }

  /** Installs or removes the add-on. */
  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    this.pods.clear();
    this.nodes.clear();
    // A freshly installed metrics-server makes its first scrape on the next tick.
    if (enabled) {
      const res = metricResolution(this.cluster);
      this.since = (Math.floor(this.cluster.clock.now / res) + 1) * res;
    }
  }

  /** The instant of the latest scrape, and of the one before it (undefined before two scrapes). */
  private scrapes(): { latest: number; previous: number } | undefined {
    const res = metricResolution(this.cluster);
    const latest = Math.floor(this.cluster.clock.now / res) * res;
    const previous = latest - res;
    return previous >= this.since ? { latest, previous } : undefined;
  }

  /** PodMetrics of the pods in `namespace` (all namespaces when undefined) matching the selector. */
  listPodMetrics(namespace: string | undefined, selector?: Selector): PodMetrics[] {
    if (!this.enabled) throw new MetricsApiUnavailable("pods");
    const out: PodMetrics[] = [];
    for (const pod of this.cluster.store.each("Pod", namespace)) {
      if (selector && !matches(selector, pod.metadata.labels)) continue;
      const m = this.podMetrics(pod as Pod);
      if (m) out.push(m);
    }
    return out.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  }

  /** The PodMetrics of one pod, or undefined when metrics-server has none for it. */
  getPodMetrics(namespace: string, name: string): PodMetrics | undefined {
    if (!this.enabled) throw new MetricsApiUnavailable("pods");
    const pod = this.cluster.store.get("Pod", namespace, name) as Pod | undefined;
    return pod ? this.podMetrics(pod) : undefined;
  }

  /** NodeMetrics of the nodes matching the selector. */
  listNodeMetrics(selector?: Selector): NodeMetrics[] {
    if (!this.enabled) throw new MetricsApiUnavailable("nodes");
    const out: NodeMetrics[] = [];
    for (const node of this.cluster.store.each("Node")) {
      if (selector && !matches(selector, node.metadata.labels)) continue;
      const m = this.nodeMetrics(node as Node);
      if (m) out.push(m);
    }
    return out.sort((a, b) => cmp(a.name, b.name));
  }

  getNodeMetrics(name: string): NodeMetrics | undefined {
    if (!this.enabled) throw new MetricsApiUnavailable("nodes");
    const node = this.cluster.store.get("Node", undefined, name) as Node | undefined;
    return node ? this.nodeMetrics(node) : undefined;
  }

  private podMetrics(pod: Pod): PodMetrics | undefined {
    const s = this.scrapes();
    const uid = pod.metadata?.uid ?? "";
    const nodeName = pod.spec?.nodeName;
    if (!s || !nodeName) return undefined;
    const cached = this.pods.get(uid);
    if (cached && cached.scrape === s.latest) return cached.value;
    const samples = podContainers(this.cluster, nodeName, pod);
    let value: PodMetrics | undefined;
    // A container started after the previous scrape has no rate yet: the pod is left out.
    if (samples && samples.length > 0 && samples.every((c) => c.startedAt <= s.previous)) {
      const order = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
      samples.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
      value = {
        namespace: pod.metadata?.namespace ?? "default",
        name: pod.metadata?.name ?? "",
        labels: { ...pod.metadata?.labels },
        timestamp: s.latest,
        windowMs: s.latest - s.previous,
        containers: samples.map((c) => ({ name: c.name, usage: { cpuNanoCores: c.cpuMilli * 1e6, memoryBytes: c.memoryBytes } })),
      };
    }
    this.pods.set(uid, { scrape: s.latest, value });
    return value;
  }

  private nodeMetrics(node: Node): NodeMetrics | undefined {
    const s = this.scrapes();
    const name = node.metadata?.name ?? "";
    if (!s) return undefined;
    const cached = this.nodes.get(name);
    if (cached && cached.scrape === s.latest) return cached.value;
    const c = nodeContainers(this.cluster, name);
    let value: NodeMetrics | undefined;
    // A kubelet that is down (or registered after the previous scrape) answers no scrape.
    if (c && c.running && c.startedAt <= s.previous) {
      const system = node.metadata?.labels?.["node-role.kubernetes.io/control-plane"] !== undefined ? CONTROL_PLANE_SYSTEM_USAGE : WORKER_SYSTEM_USAGE;
      // The system's own use wanders a little from scrape to scrape (deterministically: no random draws).
      const wobble = 1 + system.jitter * ((hashString(`${name}@${s.latest}`) % 2001) / 1000 - 1);
      value = {
        name,
        labels: { ...node.metadata?.labels },
        timestamp: s.latest,
        windowMs: s.latest - s.previous,
        usage: {
          cpuNanoCores: Math.round((c.cpuMilli + system.cpuMilli * wobble) * 1e6),
          memoryBytes: Math.round(c.memoryBytes + c.sandboxes * PAUSE_MEMORY_BYTES + system.memoryBytes * wobble),
        },
      };
    }
    this.nodes.set(name, { scrape: s.latest, value });
    return value;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The metrics-server of a cluster, if the component runs. */
export function metricsServer(cluster: Cluster): MetricsServer | undefined {
  return cluster.component<MetricsServer>(METRICS_SERVER);
}
