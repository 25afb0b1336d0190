/**
 * Cluster wires one simulated Kubernetes cluster together: the virtual clock, the seeded random
 * source, the store and API server, the event recorder, and the components (scheduler, controllers,
 * kubelets, network) that each register themselves. It runs session lines: kubectl commands,
 * `sleep`, and `podlab ...` lines for what kubectl cannot do (faults, cluster settings).
 */
import { EventRecorder } from "./api/events";
import { ApiServer } from "./api/server";
import type { Actor, KObject } from "./api/types";
import { VirtualClock } from "./clock";
import { runKubectl, type CommandResult, type KubectlEnv } from "./kubectl/kubectl";
import type { FileSource } from "./kubectl/verb";
import { Random } from "./random";
import { ObjectStore } from "./store/store";
import { DEFAULT_TIMINGS, type Delay, type Timings } from "./timings";
import { Trace } from "./trace";

/** A part of the cluster (scheduler, a controller, the kubelets, ...). */
export interface Component {
  readonly name: string;
  /** Registers watches, strategies, podlab commands. Called once, in registration order. */
  start(cluster: Cluster): void;
}

/** A `podlab <name> ...` session command: faults and settings kubectl has no verb for. */
export interface PodlabCommand {
  name: string;
  /** "podlab node stop NODE" */
  usage: string;
  summary: string;
  run(args: string[], cluster: Cluster, out: (t: string) => void, io?: PodlabIO): Promise<number> | number;
}

/** What a podlab command may read: the session's files (for `-f`) and a here-document as stdin. */
export interface PodlabIO {
  files?: FileSource;
  stdin?: string;
  /** Standard error, for commands that print diagnostics beside their output (set by Cluster.podlab). */
  err?: (text: string) => void;
}

/** A node of the simulated cluster as the cluster settings describe it. */
export interface NodeSettings {
  name: string;
  cpu: string;
  memory: string;
  pods: number;
  ephemeralStorage?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }[];
  /** Extended resources such as "example.com/dongle": "4". */
  extended?: Record<string, string>;
}

export interface ClusterOptions {
  seed?: number | string;
  /** The nodes to start with; defaults to DEFAULT_NODES. */
  nodes?: NodeSettings[];
  timings?: Partial<Timings>;
  /** Components to start; defaults to every registered component (see components.ts). */
  components?: Component[];
  /**
   * The kube-system add-ons a kubeadm (kind) cluster runs: control-plane static pods, kube-proxy,
   * CoreDNS, component statuses. On unless false (a bare cluster for tests of other areas).
   */
  addons?: boolean;
  /** kube-controller-manager's --cluster-cidr: the pod network nodes get their pod CIDRs from. */
  clusterCIDR?: string;
  /** kube-controller-manager's --node-cidr-mask-size: the size of each node's pod CIDR. */
  nodeCIDRMaskSize?: number;
}

/** The default cluster: a tainted control plane and three workers. */
export const DEFAULT_NODES: NodeSettings[] = [
  {
    name: "control-plane",
    cpu: "2",
    memory: "4Gi",
    pods: 110,
    labels: { "node-role.kubernetes.io/control-plane": "" },
    taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }],
  },
  { name: "node-1", cpu: "4", memory: "8Gi", pods: 110 },
  { name: "node-2", cpu: "4", memory: "8Gi", pods: 110 },
  { name: "node-3", cpu: "4", memory: "8Gi", pods: 110 },
];

/** The Kubernetes version the simulated cluster reports. */
export const KUBERNETES_VERSION = "v1.31.0";

export class Cluster {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly store: ObjectStore;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly trace = new Trace();
  readonly timings: Timings;
  readonly nodeSettings: NodeSettings[];
  private readonly components = new Map<string, Component>();
  private readonly podlabCommands = new Map<string, PodlabCommand>();
  private started = false;

  constructor(readonly options: ClusterOptions = {}) {
    this.clock = new VirtualClock();
    this.random = new Random(options.seed ?? 1);
    this.store = new ObjectStore();
    this.api = new ApiServer(this.store, this.clock, this.random);
    this.events = new EventRecorder(this.api);
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings } as Timings;
    this.nodeSettings = options.nodes ?? DEFAULT_NODES;
    for (const c of options.components ?? []) this.components.set(c.name, c);
  }

  /** Starts every component. Idempotent. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    for (const c of this.components.values()) c.start(this);
    return this;
  }

  /** Adds a component; started at once if the cluster is already running. */
  addComponent(component: Component): void {
    if (this.components.has(component.name)) throw new Error(`component ${component.name} registered twice`);
    this.components.set(component.name, component);
    if (this.started) component.start(this);
  }

  component<T extends Component>(name: string): T | undefined {
    return this.components.get(name) as T | undefined;
  }

  registerPodlabCommand(cmd: PodlabCommand): void {
    this.podlabCommands.set(cmd.name, cmd);
  }

  podlabCommandList(): PodlabCommand[] {
    return [...this.podlabCommands.values()];
  }

  /** A delay from the timings table with its jitter applied. */
  delay(d: Delay | number): number {
    if (typeof d === "number") return d;
    return this.random.jitter(d.ms, d.jitter ?? 0);
  }

  /** A timing by name, with jitter. */
  timing(name: keyof Timings & string): number {
    const t = this.timings[name];
    if (t === undefined) throw new Error(`unknown timing ${name}`);
    return this.delay(t);
  }

  /** Runs `kubectl <argv>`. */
  kubectl(argv: string[], env: KubectlEnv): Promise<CommandResult> {
    return runKubectl(this, argv, env);
  }

  /** Runs `podlab <argv>`. */
  async podlab(argv: string[], io: PodlabIO = {}): Promise<CommandResult> {
    let stdout = "";
    let stderr = "";
    const out = (t: string) => {
      stdout += t;
    };
    const err = (t: string) => {
      stderr += t;
    };
    const [name, ...args] = argv;
    // Commands may be one or two words ("node stop", "registry outage").
    const two = args.length > 0 ? this.podlabCommands.get(`${name} ${args[0]}`) : undefined;
    const cmd = two ?? this.podlabCommands.get(name ?? "");
    if (!cmd) {
      const known = [...this.podlabCommands.values()].map((c) => `  ${c.usage.padEnd(48)}${c.summary}`).join("\n");
      return { exitCode: 1, stdout: "", stderr: `podlab: unknown command "${argv.join(" ")}"\nAvailable commands:\n${known}\n` };
    }
    try {
      const exitCode = await cmd.run(two ? args.slice(1) : args, this, out, { ...io, err });
      return { exitCode, stdout, stderr };
    } catch (e) {
      return { exitCode: 1, stdout, stderr: `${stderr}podlab ${cmd.name}: ${(e as Error).message}\n` };
    }
  }

  /** Advances virtual time by `ms`, running everything due. */
  advance(ms: number): Promise<void> {
    return this.clock.advance(ms);
  }

  /** Writes through the API as `actor`; a convenience for components and tests. */
  create<T extends KObject>(obj: KObject, actor: Actor): T {
    return this.api.create<T>(obj, { actor });
  }
}
