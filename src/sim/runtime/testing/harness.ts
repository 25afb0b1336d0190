/**
 * A runtime test bench: a cluster with its nodes and the pod network but no kubelet, one node's
 * runtime, and builders for sandboxes and containers, so tests drive the CRI the way the kubelet
 * does and read logs, statuses and exits.
 */
import { Bootstrap } from "../../bootstrap";
import { Cluster } from "../../cluster";
import { PodNetwork } from "../../network/fabric";
import type { ContainerConfig, ContainerStatusInfo, ExecResult, MountSpec, SandboxConfig } from "../cri";
import { createRuntime } from "../index";
import type { NodeRuntime } from "../runtime";

export interface PodOptions {
  name?: string;
  shareProcessNamespace?: boolean;
  hostNetwork?: boolean;
  portMappings?: SandboxConfig["portMappings"];
  resolvConf?: string;
}

export class Bench {
  readonly cluster: Cluster;
  readonly runtime: NodeRuntime;
  readonly exits: { id: string; status: ContainerStatusInfo; at: number }[] = [];
  private pods = 0;

  constructor(seed: number | string = 1, nodeName = "node-1") {
    this.cluster = new Cluster({ seed, components: [new Bootstrap(), new PodNetwork()] }).start();
    this.runtime = createRuntime(this.cluster, nodeName);
    this.runtime.onContainerExit((id, status) => this.exits.push({ id, status, at: this.cluster.clock.now }));
  }

  get now(): number {
    return this.cluster.clock.now;
  }

  /** Pulls an image (advancing the clock until it is done). */
  async pull(image: string): Promise<void> {
    if (this.runtime.hasImage(image)) return;
    let done = false;
    let error: string | undefined;
    this.runtime.pullImage(image, undefined, (o) => {
      done = true;
      if (!o.ok) error = o.message;
    });
    await this.cluster.clock.advanceUntil(() => done, 600_000);
    if (error) throw new Error(error);
  }

  /** A sandbox with a pod IP on node-1's pod CIDR. */
  sandbox(opts: PodOptions = {}): { id: string; ip: string } {
    const n = ++this.pods;
    const name = opts.name ?? `pod-${n}`;
    const ip = `10.244.1.${n + 1}`;
    const info = this.runtime.runPodSandbox({
      podUID: `uid-${n}`,
      podName: name,
      namespace: "default",
      hostname: name,
      podIP: ip,
      hostNetwork: !!opts.hostNetwork,
      etcHosts: `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${name}\n`,
      resolvConf: opts.resolvConf ?? "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
      shareProcessNamespace: !!opts.shareProcessNamespace,
      portMappings: opts.portMappings ?? [],
    });
    return { id: info.id, ip };
  }

  /** Creates (pulling its image first) and starts a container. */
  async run(sandboxId: string, config: Partial<ContainerConfig> & { image: string }): Promise<string> {
    await this.pull(config.image);
    const id = this.runtime.createContainer(sandboxId, {
      name: config.name ?? "c",
      role: "app",
      env: {},
      mounts: [] as MountSpec[],
      tty: false,
      stdin: false,
      attempt: 0,
      ...config,
    });
    await this.runtime.startContainer(id);
    return id;
  }

  /** One container in a fresh sandbox. */
  async pod(config: Partial<ContainerConfig> & { image: string }, opts: PodOptions = {}): Promise<{ sandbox: string; id: string; ip: string }> {
    const s = this.sandbox(opts);
    const id = await this.run(s.id, config);
    return { sandbox: s.id, id, ip: s.ip };
  }

  advance(ms: number): Promise<void> {
    return this.cluster.clock.advance(ms);
  }

  /** The log as `kubectl logs` prints it. */
  logs(id: string): string {
    return this.runtime.logs(id).map((l) => l.text + (l.partial ? "" : "\n")).join("");
  }

  status(id: string): ContainerStatusInfo {
    return this.runtime.containerStatus(id)!;
  }

  /** Runs an exec to completion (advancing the clock up to `maxMs`). */
  async exec(id: string, argv: string[], opts: { timeoutMs?: number; stdin?: string } = {}, maxMs = 120_000): Promise<ExecResult> {
    const h = this.runtime.exec(id, argv, opts);
    await h.settled;
    if (!h.result) await this.cluster.clock.advanceUntil(() => h.result !== undefined, maxMs);
    return h.result!;
  }

  /** `sh -c script` in a container. */
  sh(id: string, script: string, opts: { timeoutMs?: number; stdin?: string } = {}, maxMs?: number): Promise<ExecResult> {
    return this.exec(id, ["sh", "-c", script], opts, maxMs);
  }
}
