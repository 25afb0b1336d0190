/**
 * The metrics.k8s.io/v1beta1 objects metrics-server serves: a pod's containers' usage and a node's
 * usage, each measured over a window ending at its timestamp. Usage is kept in the API's units:
 * CPU in nanocores, memory (working set) in bytes.
 */

export interface Usage {
  /** Nanocores (the API's "123456789n"). */
  cpuNanoCores: number;
  memoryBytes: number;
}

export interface ContainerMetrics {
  name: string;
  usage: Usage;
}

/** PodMetrics. */
export interface PodMetrics {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** Virtual ms of the scrape the values come from. */
  timestamp: number;
  windowMs: number;
  containers: ContainerMetrics[];
}

/** NodeMetrics. */
export interface NodeMetrics {
  name: string;
  labels: Record<string, string>;
  timestamp: number;
  windowMs: number;
  usage: Usage;
}

/** Quantity.MilliValue of a CPU usage: nanocores rounded up to millicores. */
export function milliCPU(usage: Usage): number {
  return Math.ceil(usage.cpuNanoCores / 1e6);
}

/** The sum of a pod's container usages (the HPA and `kubectl top pod` add them up). */
export function podUsage(m: PodMetrics): Usage {
  let cpu = 0;
  let mem = 0;
  for (const c of m.containers) {
    cpu += c.usage.cpuNanoCores;
    mem += c.usage.memoryBytes;
  }
  return { cpuNanoCores: cpu, memoryBytes: mem };
}
