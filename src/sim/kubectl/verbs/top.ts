/**
 * `kubectl top pod` and `kubectl top node`: CPU (millicores) and memory (MiB) from the Metrics API,
 * printed by kubectl's TopCmdPrinter — pods sorted by name (or --sort-by cpu|memory, largest first),
 * with --containers, -A, -l, --field-selector and --sum; nodes with CPU% and MEMORY% of allocatable
 * (or --show-capacity), and `<unknown>` for nodes metrics-server has no numbers for. Without the
 * Metrics API: `error: Metrics API not available`; with no metrics yet: `error: metrics not available yet`.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import { StatusError } from "../../api/errors";
import { matches as matchesLabels, parseSelector, type Selector } from "../../api/labels";
import { parseQuantity } from "../../api/quantity";
import type { KObject } from "../../api/types";
import { formatGoDuration } from "../../clock";
import { metricsServer } from "../../metrics/metrics-server";
import { milliCPU, podUsage, type NodeMetrics, type PodMetrics, type Usage } from "../../metrics/types";
import { matchesFields, parseFieldSelector } from "../field-selector";
import { KubectlError } from "../kubectl";
import { KUBECTL_TABLE, TabWriter } from "../printers/tabwriter";
import type { Invocation, Verb } from "../verb";

/** kubectl's metricsCreationDelay: pods younger than this may simply not have metrics yet. */
const METRICS_CREATION_DELAY_MS = 120_000;
const MI = 1024 * 1024;

function sortBy(inv: Invocation): "" | "cpu" | "memory" {
  const s = inv.flag<string | undefined>("sort-by") ?? "";
  if (s !== "" && s !== "cpu" && s !== "memory") throw new KubectlError("--sort-by accepts only cpu or memory");
  return s;
}

function selector(text: string | undefined): Selector | undefined {
  if (!text) return undefined;
  try {
    return parseSelector(text);
  } catch (e) {
    throw new KubectlError((e as Error).message);
  }
}

/** The Metrics API, or kubectl's error when the server does not serve it. */
function metricsApi(inv: Invocation) {
  const server = metricsServer(inv.cluster);
  if (!server || !server.available) throw new KubectlError("Metrics API not available");
  return server;
}

function cpu(u: Usage): string {
  return `${milliCPU(u)}m`;
}

function memory(u: Usage): string {
  return `${Math.floor(u.memoryBytes / MI)}Mi`;
}

/** A stable sort, largest first, as kubectl's sorters order by cpu or memory. */
function byUsage<T>(items: T[], key: "" | "cpu" | "memory", usage: (t: T) => Usage): T[] {
  if (key === "") return items;
  const value = (t: T) => (key === "cpu" ? milliCPU(usage(t)) : usage(t).memoryBytes);
  return items.map((t, i) => ({ t, i, v: value(t) })).sort((a, b) => b.v - a.v || a.i - b.i).map((x) => x.t);
}

// ---- top pod ------------------------------------------------------------------------------------

async function runTopPod(inv: Invocation): Promise<number> {
  if (inv.args.length > 1) throw new KubectlError("Usage: pod [NAME | -l label]", 1, "See 'kubectl top pod -h' for help and examples");
  const name = inv.args[0];
  const key = sortBy(inv);
  const labelText = inv.flag<string | undefined>("selector");
  const fieldText = inv.flag<string | undefined>("field-selector");
  if (name && (labelText || fieldText)) throw new KubectlError("only one of NAME or selector can be provided");
  const labels = selector(labelText);
  const fields = fieldText ? parseFieldSelector(fieldText) : undefined;
  const all = inv.flag<boolean>("all-namespaces");
  const api = metricsApi(inv);
  const ns = inv.namespace;
  let items: PodMetrics[];
  if (name) {
    const m = api.getPodMetrics(ns, name);
    if (!m) throw new StatusError(404, "NotFound", `podmetrics.metrics.k8s.io "${ns}/${name}" not found`);
    items = [m];
  } else {
    items = api.listPodMetrics(all ? undefined : ns, labels);
    if (fields) items = items.filter((m) => matchesFields(asObject(m), fields));
  }
  if (items.length === 0) {
    verifyEmptyMetrics(inv, ns, labels, fields);
    inv.err(all ? "No resources found\n" : `No resources found in ${ns} namespace.\n`);
    return 0;
  }
  const containers = inv.flag<boolean>("containers");
  const noHeaders = inv.flag<boolean>("no-headers");
  const w = new TabWriter(KUBECTL_TABLE);
  let columns = 3;
  if (!noHeaders) {
    if (all) {
      w.write("NAMESPACE\t");
      columns++;
    }
    if (containers) {
      w.write("POD\t");
      columns++;
    }
    w.write("NAME\tCPU(cores)\tMEMORY(bytes)\t\n");
  }
  const sorted = key === "" ? [...items].sort((a, b) => (all && a.namespace !== b.namespace ? cmp(a.namespace, b.namespace) : cmp(a.name, b.name))) : byUsage([...items], key, podUsage);
  for (const m of sorted) {
    if (containers) {
      const cs = key === "" ? [...m.containers].sort((a, b) => cmp(a.name, b.name)) : byUsage([...m.containers], key, (c) => c.usage);
      for (const c of cs) w.write(`${all ? `${m.namespace}\t` : ""}${m.name}\t${c.name}\t${cpu(c.usage)}\t${memory(c.usage)}\t\n`);
    } else {
      const u = podUsage(m);
      w.write(`${all ? `${m.namespace}\t` : ""}${m.name}\t${cpu(u)}\t${memory(u)}\t\n`);
    }
  }
  if (inv.flag<boolean>("sum")) {
    const total = items.reduce((t, m) => {
      const u = podUsage(m);
      return { cpuNanoCores: t.cpuNanoCores + u.cpuNanoCores, memoryBytes: t.memoryBytes + u.memoryBytes };
    }, { cpuNanoCores: 0, memoryBytes: 0 });
    w.write(`${"\t".repeat(Math.max(0, columns - 2))}________\t________\t\n`);
    w.write(`${"\t".repeat(Math.max(0, columns - 3))}\t${cpu(total)}\t${memory(total)}\t\n`);
  }
  inv.out(w.flush());
  return 0;
}

/** verifyEmptyMetrics: new pods may just lack metrics; older ones are reported by name. */
function verifyEmptyMetrics(inv: Invocation, ns: string, labels: Selector | undefined, fields: ReturnType<typeof parseFieldSelector> | undefined): void {
  const { store, clock } = inv.cluster;
  const pods = (store.list("Pod", ns) as (Pod & KObject)[]).filter((p) => (!labels || matchesLabels(labels, p.metadata.labels)) && (!fields || matchesFields(p, fields)));
  if (pods.length === 0) return;
  for (const p of pods) {
    const age = clock.now - clock.parseTimestamp(p.metadata.creationTimestamp ?? clock.timestamp());
    if (age > METRICS_CREATION_DELAY_MS) throw new KubectlError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${formatGoDuration(age)}`);
  }
  throw new KubectlError("metrics not available yet");
}

// ---- top node -----------------------------------------------------------------------------------

async function runTopNode(inv: Invocation): Promise<number> {
  if (inv.args.length > 1) throw new KubectlError("Usage: node [NAME | -l label]", 1, "See 'kubectl top node -h' for help and examples");
  const name = inv.args[0];
  const key = sortBy(inv);
  const labelText = inv.flag<string | undefined>("selector");
  if (name && labelText) throw new KubectlError("only one of NAME or --selector can be provided");
  const labels = selector(labelText);
  const api = metricsApi(inv);
  let items: NodeMetrics[];
  if (name) {
    const m = api.getNodeMetrics(name);
    if (!m) throw new StatusError(404, "NotFound", `nodemetrics.metrics.k8s.io "${name}" not found`);
    items = [m];
  } else items = api.listNodeMetrics(labels);
  if (items.length === 0) throw new KubectlError("metrics not available yet");
  const nodes = name ? [inv.cluster.api.get("Node", undefined, name) as Node & KObject] : (inv.cluster.store.list("Node") as (Node & KObject)[]).filter((n) => !labels || matchesLabels(labels, n.metadata.labels));
  const capacity = inv.flag<boolean>("show-capacity");
  const available = new Map(nodes.map((n) => [n.metadata.name!, (capacity ? n.status?.capacity : n.status?.allocatable) ?? {}]));
  const w = new TabWriter(KUBECTL_TABLE);
  if (!inv.flag<boolean>("no-headers")) w.write("NAME\tCPU(cores)\tCPU%\tMEMORY(bytes)\tMEMORY%\t\n");
  const sorted = key === "" ? items : byUsage([...items], key, (m) => m.usage);
  for (const m of sorted) {
    const avail = available.get(m.name);
    w.write(`${m.name}\t${cpu(m.usage)}\t`);
    if (avail) w.write(`${percent(milliCPU(m.usage), (parseQuantity(avail.cpu) ?? 0) * 1000)}\t`);
    w.write(`${memory(m.usage)}\t`);
    if (avail) w.write(`${percent(m.usage.memoryBytes, parseQuantity(avail.memory) ?? 0)}\t`);
    w.write("\n");
    available.delete(m.name);
  }
  // Nodes without metrics (a kubelet that does not answer) still get a line.
  for (const n of [...available.keys()].sort(cmp)) w.write(`${n}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`);
  inv.out(w.flush());
  return 0;
}

/** int64(usage / available * 100) with a % sign. */
function percent(used: number, available: number): string {
  return `${available === 0 ? 0 : Math.trunc((used / available) * 100)}%`;
}

// ---- plumbing -----------------------------------------------------------------------------------

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A PodMetrics as an API object, for field selectors (metadata.name, metadata.namespace). */
function asObject(m: PodMetrics): KObject {
  return { apiVersion: "metrics.k8s.io/v1beta1", kind: "PodMetrics", metadata: { name: m.name, namespace: m.namespace, labels: m.labels } };
}

const TOP_HELP = [
  "Display resource (CPU/memory) usage.",
  "",
  " The top command allows you to see the resource consumption for nodes or pods.",
  "",
  " This command requires Metrics Server to be correctly configured and working on the server.",
  "",
  "Available Commands:",
  "  node          Display resource (CPU/memory) usage of nodes",
  "  pod           Display resource (CPU/memory) usage of pods",
  "",
  "Usage:",
  "  kubectl top [flags] [options]",
  "",
  'Use "kubectl top <command> --help" for more information about a given command.',
  'Use "kubectl options" for a list of global command-line options (applies to all commands).',
  "",
].join("\n");

const PROTOBUF = { name: "use-protocol-buffers", type: "bool" as const, default: true, help: "Enables using protocol-buffers to access Metrics API." };

export const top: Verb = {
  name: "top",
  summary: "Display resource (CPU/memory) usage",
  usage: "kubectl top [flags] [options]",
  flags: [],
  run(inv) {
    if (inv.args.length > 0) throw new KubectlError(`unknown command "${inv.args[0]}" for "kubectl top"`);
    inv.out(TOP_HELP);
    return 0;
  },
};

export const topPod: Verb = {
  name: "top pod",
  aliases: ["top pods", "top po"],
  summary: "Display resource (CPU/memory) usage of pods",
  usage: "kubectl top pod [NAME | -l label] [options]",
  flags: [
    { name: "selector", short: "l", type: "string", help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: "field-selector", type: "string", help: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: "sort-by", type: "string", help: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: "containers", type: "bool", default: false, help: "If present, print usage of containers within a pod." },
    { name: "all-namespaces", short: "A", type: "bool", default: false, help: "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace." },
    { name: "no-headers", type: "bool", default: false, help: "If present, print output without headers." },
    { name: "sum", type: "bool", default: false, help: "Print the sum of the resource usage" },
    PROTOBUF,
  ],
  run: runTopPod,
};

export const topNode: Verb = {
  name: "top node",
  aliases: ["top nodes", "top no"],
  summary: "Display resource (CPU/memory) usage of nodes",
  usage: "kubectl top node [NAME | -l label] [options]",
  flags: [
    { name: "selector", short: "l", type: "string", help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: "sort-by", type: "string", help: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: "no-headers", type: "bool", default: false, help: "If present, print output without headers" },
    { name: "show-capacity", type: "bool", default: false, help: "Print node resources based on Capacity instead of Allocatable(default) of the nodes." },
    PROTOBUF,
  ],
  run: runTopNode,
};
