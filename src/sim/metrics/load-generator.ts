/**
 * Load generators: `podlab load start NAME --target=URL --rps=N [--duration=D] [--node=NODE]` sends
 * N HTTP GETs a second to URL from a node of the cluster (as `hey` or `ab` run there would), through
 * the cluster's DNS and kube-proxy — so a Service spreads them over its ready pods — until `podlab
 * load stop NAME` or the duration ends. Unlike the walkthrough's busybox loop, the rate does not slow
 * down when the server does (an open loop). `podlab load list` shows what each has sent.
 */
import type { Cluster, Component, PodlabCommand } from "../cluster";
import { formatGoDuration, parseDuration, type TimerHandle } from "../clock";
import { CLUSTER_DNS } from "../kubelet/pods/etc-files";
import { podNetwork } from "../network/fabric";
import { parseUrl, type ParsedUrl } from "../network/http";

/** Load generator limits and pacing, as data. */
export const LOAD = {
  /** Requests go out in batches this often. */
  tickMs: 100,
  maxRps: 2_000,
  /** A request with no answer in this long counts as failed. */
  requestTimeoutMs: 10_000,
} as const;

interface Generator {
  name: string;
  target: string;
  url: ParsedUrl;
  rps: number;
  node: string;
  namespace: string;
  startedAt: number;
  until?: number;
  sent: number;
  ok: number;
  failed: number;
  carry: number;
  timer?: TimerHandle;
}

export const LOAD_GENERATORS = "load-generators";

export class LoadGenerators implements Component {
  readonly name = LOAD_GENERATORS;
  private cluster!: Cluster;
  private readonly generators = new Map<string, Generator>();

  start(cluster: Cluster): void {
    this.cluster = cluster;
    cluster.registerPodlabCommand(startCommand(this));
    cluster.registerPodlabCommand(stopCommand(this));
    cluster.registerPodlabCommand(listCommand(this));
  }

  /** Starts a generator; throws with the reason when it cannot. */
  startLoad(name: string, target: string, rps: number, opts: { durationMs?: number; node?: string; namespace?: string }): Generator {
    if (this.generators.has(name)) throw new Error(`load generator "${name}" is already running`);
    const url = parseUrl(target);
    if (!url) throw new Error(`invalid --target "${target}": expected an http:// or https:// URL`);
    if (!Number.isFinite(rps) || rps <= 0 || rps > LOAD.maxRps) throw new Error(`--rps must be between 1 and ${LOAD.maxRps}`);
    const node = opts.node ?? this.defaultNode();
    if (!node || !this.cluster.store.get("Node", undefined, node)) throw new Error(`node "${node ?? ""}" not found`);
    const now = this.cluster.clock.now;
    const g: Generator = { name, target, url, rps, node, namespace: opts.namespace ?? "default", startedAt: now, sent: 0, ok: 0, failed: 0, carry: 0 };
    if (opts.durationMs !== undefined) g.until = now + opts.durationMs;
    this.generators.set(name, g);
    this.schedule(g);
    return g;
  }

  /** Stops a generator and returns its totals. */
  stopLoad(name: string): Generator {
    const g = this.generators.get(name);
    if (!g) throw new Error(`load generator "${name}" not found`);
    g.timer?.cancel();
    this.generators.delete(name);
    return g;
  }

  list(): Generator[] {
    return [...this.generators.values()];
  }

  /** The first worker node: where an operator would run a load tool. */
  private defaultNode(): string | undefined {
    const nodes = this.cluster.store.list("Node").filter((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] === undefined);
    return (nodes[0] ?? this.cluster.store.list("Node")[0])?.metadata.name;
  }

  private schedule(g: Generator): void {
    g.timer = this.cluster.clock.after(LOAD.tickMs, () => this.tick(g), `load generator ${g.name}`);
  }

  private tick(g: Generator): void {
    if (this.generators.get(g.name) !== g) return;
    g.carry += (g.rps * LOAD.tickMs) / 1000;
    const n = Math.floor(g.carry);
    g.carry -= n;
    const net = podNetwork(this.cluster);
    const from = net.hostNamespace(g.node);
    const resolvConf = `search ${g.namespace}.svc.${CLUSTER_DNS.domain} svc.${CLUSTER_DNS.domain} ${CLUSTER_DNS.domain}\nnameserver ${CLUSTER_DNS.nameserver}\noptions ndots:5\n`;
    for (let i = 0; i < n; i++) {
      const o = net.http(from, { host: g.url.host, port: g.url.port, path: g.url.path, scheme: g.url.scheme as "http" | "https", headers: { "user-agent": "hey/0.0.1" }, timeoutMs: LOAD.requestTimeoutMs, resolvConf });
      g.sent++;
      if (o.ok && o.response.status < 400) g.ok++;
      else g.failed++;
    }
    if (g.until !== undefined && this.cluster.clock.now >= g.until) this.generators.delete(g.name);
    else this.schedule(g);
  }
}

function flags(args: string[]): { positional: string[]; values: Map<string, string> } {
  const positional: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = (eq < 0 ? a : a.slice(0, eq)).replace(/^--?/, "");
    const known = name === "n" ? "namespace" : name;
    if (!["target", "rps", "duration", "node", "namespace"].includes(known)) throw new Error(`unknown flag: ${a.slice(0, eq < 0 ? undefined : eq)}`);
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (value === undefined) throw new Error(`flag needs an argument: ${a}`);
    values.set(known, value);
  }
  return { positional, values };
}

function startCommand(gens: LoadGenerators): PodlabCommand {
  return {
    name: "load start",
    usage: "podlab load start NAME --target=URL [--rps=N] [--duration=D] [--node=NODE]",
    summary: "Send N HTTP requests a second to URL from a node (through Services and DNS)",
    run(args, _cluster, out) {
      const { positional, values } = flags(args);
      if (positional.length !== 1 || !values.has("target")) throw new Error(`usage: ${this.usage}`);
      const durationText = values.get("duration");
      const durationMs = durationText !== undefined ? parseDuration(durationText) : undefined;
      if (durationText !== undefined && durationMs === undefined) throw new Error(`invalid --duration "${durationText}"`);
      const g = gens.startLoad(positional[0], values.get("target")!, Number(values.get("rps") ?? "10"), { durationMs, node: values.get("node"), namespace: values.get("namespace") });
      out(`load generator "${g.name}" started: ${g.rps} requests/s to ${g.target} from node ${g.node}${durationMs !== undefined ? ` for ${formatGoDuration(durationMs)}` : ""}\n`);
      return 0;
    },
  };
}

function stopCommand(gens: LoadGenerators): PodlabCommand {
  return {
    name: "load stop",
    usage: "podlab load stop NAME",
    summary: "Stop a load generator and print what it sent",
    run(args, cluster, out) {
      if (args.length !== 1) throw new Error(`usage: ${this.usage}`);
      const g = gens.stopLoad(args[0]);
      out(`load generator "${g.name}" stopped after ${formatGoDuration(cluster.clock.now - g.startedAt)}: ${g.sent} requests, ${g.ok} succeeded, ${g.failed} failed\n`);
      return 0;
    },
  };
}

function listCommand(gens: LoadGenerators): PodlabCommand {
  return {
    name: "load list",
    usage: "podlab load list",
    summary: "List the running load generators",
    run(_args, cluster, out) {
      const rows = gens.list().map((g) => [g.name, g.target, String(g.rps), g.node, String(g.sent), String(g.ok), String(g.failed), formatGoDuration(Math.floor((cluster.clock.now - g.startedAt) / 1000) * 1000)]);
      if (rows.length === 0) {
        out("No load generators running.\n");
        return 0;
      }
      const table = [["NAME", "TARGET", "RPS", "NODE", "SENT", "OK", "FAILED", "AGE"], ...rows];
      const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
      for (const r of table) out(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join("")}\n`);
      return 0;
    },
  };
}
