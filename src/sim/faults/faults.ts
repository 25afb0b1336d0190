/**
 * Faults and cluster settings as a typed API: what `podlab` session lines and the app's buttons do to
 * the simulated cluster — nodes stopped, started, rebooted, added, removed and resized; network
 * partitions; killed containers; forced probe results; registry outages. Each method returns the
 * short confirmation `podlab` prints, and throws an Error with a clear message when it cannot act.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Cluster, Component, NodeSettings } from "../cluster";
import type { TimerHandle } from "../clock";
import type { KObject } from "../api/types";
import { memoryInKi } from "../nodes/node-object";
import { podNetwork } from "../network/fabric";
import type { KubeletComponent } from "../kubelet/component";
import type { Kubelet } from "../kubelet/kubelet";
import type { PressureType } from "../kubelet/node-status";
import { rebootNode, setApiReachable, startKubelet, stopKubelet } from "../kubelet/node-power";
import type { ProbeType } from "../kubelet/prober/worker";
import { setRegistryOutage, setRegistrySlowdown } from "../runtime/images/image-store";
import { Partitions } from "./partition";
import { killContainer, type KillRequest } from "./containers";
import { registerFaultCommands } from "./commands";

export const FAULTS = "faults";
/** The actor the settings write as. */
export const PODLAB_ACTOR = "podlab";

/** A forced probe result (`podlab probe fail|pass`). */
export interface ProbeForce {
  namespace: string;
  pod: string;
  container: string;
  probe: ProbeType;
  result: "failure" | "success";
  /** How long, in virtual ms; undefined: until reset. */
  forMs?: number;
}

/** Changes to a node (`podlab node set`). Labels with a value of null are removed; taints ending in "-" too. */
export interface NodeChanges {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string | null>;
  taints?: NodeSettings["taints"];
  removeTaints?: { key: string; effect?: string }[];
}

export class Faults implements Component {
  readonly name = FAULTS;
  private cluster!: Cluster;
  private partitions!: Partitions;
  private outageTimer: TimerHandle | undefined;

  start(cluster: Cluster): void {
    this.cluster = cluster;
    this.partitions = new Partitions(cluster);
    podNetwork(cluster).registerReachability((from, to) => this.partitions.reachable(from, to));
    registerFaultCommands(cluster, this);
  }

  // ---- nodes --------------------------------------------------------------------------------

  /** `podlab node stop NODE`: the kubelet and container runtime stop; containers keep running. */
  stopNode(name: string): string {
    const k = this.kubelet(name);
    if (!k.ctx.running) throw new Error(`node "${name}" is already stopped`);
    stopKubelet(k);
    return `node/${name} stopped (kubelet and container runtime down; its containers keep running unsupervised)`;
  }

  /** `podlab node start NODE`: the kubelet comes back and resyncs. */
  startNode(name: string): string {
    const k = this.kubelet(name);
    if (k.ctx.running) throw new Error(`node "${name}" is already running`);
    startKubelet(k, this.relist);
    return `node/${name} started`;
  }

  /** `podlab node restart NODE`: a reboot; every container dies and is started again. */
  restartNode(name: string): string {
    const k = this.kubelet(name);
    const upAt = rebootNode(k, this.relist);
    return `node/${name} rebooting (up again in ${Math.round((upAt - this.cluster.clock.now) / 1000)}s)`;
  }

  /** `podlab node add NAME`: a new node joins, registered by its kubelet. */
  addNode(settings: NodeSettings): string {
    if (this.cluster.api.tryGet("Node", undefined, settings.name)) throw new Error(`node "${settings.name}" already exists`);
    const capacity: Record<string, string> = { cpu: settings.cpu, memory: memoryInKi(settings.memory), pods: String(settings.pods), ...settings.extended };
    const node: KObject = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: settings.name, ...(settings.labels && Object.keys(settings.labels).length > 0 ? { labels: { ...settings.labels } } : {}) },
      spec: settings.taints && settings.taints.length > 0 ? { taints: settings.taints.map((t) => ({ ...t })) } : {},
      status: { capacity },
    };
    this.cluster.api.create(node, { actor: `kubelet/${settings.name}` });
    return `node/${settings.name} added (${settings.cpu} CPU, ${settings.memory} memory, ${settings.pods} pods)`;
  }

  /** `podlab node remove NAME`: the machine goes away and its Node object is deleted. */
  removeNode(name: string): string {
    const node = this.cluster.api.tryGet("Node", undefined, name);
    if (!node) throw new Error(`node "${name}" not found`);
    const k = this.kubelets().kubelet(name);
    if (k) {
      // The machine is gone: everything on it stops, nothing reports.
      stopKubelet(k);
      for (const w of k.workers.values()) for (const s of w.pr.rp.sandboxes) if (s.removedAt === undefined) k.ctx.runtime.stopPodSandbox(s.id);
    }
    this.cluster.api.delete("Node", undefined, name, { actor: PODLAB_ACTOR });
    return `node/${name} removed`;
  }

  /** `podlab node set NAME ...`: resize a node, change its labels and taints. */
  setNode(name: string, changes: NodeChanges): string {
    const api = this.cluster.api;
    const node = api.tryGet<Node & KObject>("Node", undefined, name);
    if (!node) throw new Error(`node "${name}" not found`);
    const done: string[] = [];
    if (changes.labels || changes.taints || changes.removeTaints) {
      api.mutate<Node & KObject>("Node", undefined, name, { actor: PODLAB_ACTOR }, (n) => {
        const labels = { ...n.metadata.labels };
        for (const [k, v] of Object.entries(changes.labels ?? {})) {
          if (v === null) delete labels[k];
          else labels[k] = v;
        }
        n.metadata.labels = labels;
        let taints = [...(n.spec?.taints ?? [])];
        for (const r of changes.removeTaints ?? []) taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
        for (const t of changes.taints ?? []) {
          taints = taints.filter((x) => !(x.key === t.key && x.effect === t.effect));
          taints.push({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect });
        }
        n.spec = { ...n.spec, taints };
        if (taints.length === 0) delete n.spec.taints;
      });
      if (changes.labels) done.push("labels");
      if (changes.taints || changes.removeTaints) done.push("taints");
    }
    const capacity: Record<string, string> = {};
    if (changes.cpu !== undefined) capacity.cpu = changes.cpu;
    if (changes.memory !== undefined) capacity.memory = memoryInKi(changes.memory);
    if (changes.pods !== undefined) capacity.pods = String(changes.pods);
    if (Object.keys(capacity).length > 0) {
      // The kubelet reports the machine's new size.
      api.mutate<KObject>("Node", undefined, name, { actor: `kubelet/${name}` }, (n) => {
        n.status = { ...n.status, capacity: { ...n.status?.capacity, ...capacity }, allocatable: { ...n.status?.allocatable, ...capacity } };
      }, "status");
      done.push("capacity");
    }
    if (done.length === 0) throw new Error("nothing to set: give --cpu, --memory, --pods, --label or --taint");
    return `node/${name} updated (${done.join(", ")})`;
  }

  /** `podlab node pressure NODE memory|disk|pid on|off`: the kubelet reports a pressure condition. */
  setPressure(name: string, type: PressureType, on: boolean): string {
    const k = this.kubelet(name);
    if (on) k.nodeStatus.pressure.add(type);
    else k.nodeStatus.pressure.delete(type);
    k.nodeStatus.statusChanged();
    return `node/${name} ${type}=${on ? "True" : "False"}`;
  }

  // ---- network ------------------------------------------------------------------------------

  /** `podlab network partition NODE...`: the nodes are cut off from the rest (and maybe the control plane). */
  partition(nodes: string[]): string {
    if (nodes.length === 0) throw new Error("name at least one node to cut off");
    for (const n of nodes) if (!this.cluster.api.tryGet("Node", undefined, n)) throw new Error(`node "${n}" not found`);
    this.partitions.cut(nodes);
    this.applyApiReachability();
    const all = this.nodeNames();
    return `network partitioned: ${this.partitions.describe(all).map((s) => s.join(", ")).join(" | ")}`;
  }

  /** `podlab network heal`: every cut is repaired. */
  heal(): string {
    const was = this.partitions.active;
    this.partitions.heal();
    this.applyApiReachability();
    return was ? "network healed" : "network healed (there was no partition)";
  }

  /** True when traffic between two nodes flows (for the UI). */
  reachable(from: string, to: string): boolean {
    return this.partitions.reachable(from, to);
  }

  private applyApiReachability(): void {
    for (const name of this.kubelets().nodes) {
      const k = this.kubelets().kubelet(name)!;
      setApiReachable(k, this.partitions.reachesApi(name), this.relist);
    }
  }

  // ---- containers and probes ----------------------------------------------------------------

  /** `podlab container kill POD [-c CONTAINER] [--signal=KILL]`. */
  killContainer(req: KillRequest): string {
    return killContainer(this.cluster, this.kubelets(), req);
  }

  /** `podlab probe fail|pass POD -c CONTAINER --probe=TYPE [--for=DURATION]`. */
  forceProbe(f: ProbeForce): string {
    const { k, pod } = this.podOnNode(f.namespace, f.pod);
    const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === f.container);
    if (!spec) throw new Error(`container "${f.container}" not found in pod "${f.pod}"`);
    const field = `${f.probe}Probe` as const;
    if (!spec[field]) throw new Error(`container "${f.container}" of pod "${f.pod}" has no ${f.probe} probe`);
    const until = f.forMs === undefined ? Number.POSITIVE_INFINITY : this.cluster.clock.now + f.forMs;
    k.probes.force(this.uidOn(k, pod), f.container, f.probe, { result: f.result, until });
    const verb = f.result === "failure" ? "failing" : "passing";
    return `${f.probe} probe of ${f.namespace}/${f.pod}/${f.container} now ${verb}${f.forMs === undefined ? "" : ` for ${Math.round(f.forMs / 1000)}s`}`;
  }

  /** `podlab probe reset POD -c CONTAINER --probe=TYPE`: back to real probing. */
  resetProbe(namespace: string, podName: string, container: string, probe: ProbeType): string {
    const { k, pod } = this.podOnNode(namespace, podName);
    k.probes.force(this.uidOn(k, pod), container, probe, undefined);
    return `${probe} probe of ${namespace}/${podName}/${container} probing for real again`;
  }

  // ---- registry -----------------------------------------------------------------------------

  /** `podlab registry outage [--registry=R] [--for=DURATION]`: pulls fail as a registry that does not answer. */
  registryOutage(registry = "*", forMs?: number): string {
    this.outageTimer?.cancel();
    this.outageTimer = undefined;
    setRegistryOutage(this.cluster, registry, true);
    if (forMs !== undefined) {
      this.outageTimer = this.cluster.clock.after(forMs, () => {
        this.outageTimer = undefined;
        setRegistryOutage(this.cluster, registry, false);
      }, `registry ${registry} back`);
    }
    const which = registry === "*" ? "every registry" : registry;
    return `registry outage: ${which} unreachable${forMs === undefined ? "" : ` for ${Math.round(forMs / 1000)}s`}`;
  }

  /** `podlab registry slow --factor=N`: pulls take N times as long. */
  registrySlow(factor: number): string {
    if (!(factor >= 1)) throw new Error(`--factor must be a number of at least 1, not ${factor}`);
    setRegistrySlowdown(this.cluster, factor);
    return `registry slow: pulls take ${factor}x as long`;
  }

  /** `podlab registry restore`: every registry answers at its usual speed again. */
  registryRestore(): string {
    this.outageTimer?.cancel();
    this.outageTimer = undefined;
    setRegistryOutage(this.cluster, "*", false);
    setRegistrySlowdown(this.cluster, 1);
    return "registry restored";
  }

  // ---- helpers ------------------------------------------------------------------------------

  private readonly relist = (nodeName: string) => this.kubelets().relist(nodeName);

  private kubelets(): KubeletComponent {
    const kc = this.cluster.component<KubeletComponent>("kubelet");
    if (!kc) throw new Error("this cluster runs no kubelets");
    return kc;
  }

  private kubelet(name: string): Kubelet {
    const k = this.kubelets().kubelet(name);
    if (!k) throw new Error(this.cluster.api.tryGet("Node", undefined, name) ? `node "${name}" has no kubelet yet` : `node "${name}" not found`);
    return k;
  }

  private nodeNames(): string[] {
    return (this.cluster.store.list("Node") as KObject[]).map((n) => n.metadata.name!);
  }

  /** The kubelet's uid of a pod: a static pod's differs from its mirror pod's. */
  private uidOn(k: Kubelet, pod: Pod): string {
    const w = [...k.workers.values()].find((x) => x.pr.namespace === pod.metadata?.namespace && x.pr.name === pod.metadata?.name);
    return w?.pr.uid ?? pod.metadata!.uid!;
  }

  private podOnNode(namespace: string, name: string): { k: Kubelet; pod: Pod } {
    const pod = this.cluster.api.tryGet<Pod & KObject>("Pod", namespace, name);
    if (!pod) throw new Error(`pods "${name}" not found in namespace "${namespace}"`);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) throw new Error(`pod "${name}" is not scheduled to a node yet`);
    return { k: this.kubelet(nodeName), pod };
  }
}
