/**
 * Sandbox is a pod sandbox: the Infra container (`/pause` from the pause image) that holds the pod's
 * network namespace and IP (or the node's, with hostNetwork), its hostPort mappings, the
 * /etc/hosts, /etc/resolv.conf and /etc/hostname every container mounts, and — with
 * shareProcessNamespace — the PID namespace where /pause is PID 1.
 */
import type { NetNamespace } from "../network/netns";
import type { SandboxConfig, SandboxInfo } from "./cri";
import type { ContainerHost, SandboxView } from "./container";
import type { FsContext } from "./vfs/container-fs";
import { Volume } from "./vfs/volume";
import { PAUSE_IMAGE } from "./images/image-store";
import { PidNamespace, type ProcessEntry } from "./process/process-table";

export class Sandbox {
  readonly netns: NetNamespace;
  readonly etc: Volume;
  readonly sharedPidns?: PidNamespace;
  readonly info: SandboxInfo;
  private readonly sandboxView: SandboxView;
  private readonly closers: (() => void)[] = [];
  /**
   * Ids of its containers, in creation order. A list at its size, replaced when one is added or
   * removed: a pod has one or two, and a set of them cost a hash table each.
   */
  containers: readonly string[] = [];

  constructor(
    readonly id: string,
    readonly config: SandboxConfig,
    host: ContainerHost,
    fsCtx: FsContext,
  ) {
    const net = host.net;
    this.netns = config.hostNetwork ? net.hostNamespace(host.nodeName) : net.createPodNamespace(config.podIP, host.nodeName, { uid: config.podUID, name: config.podName, namespace: config.namespace });
    for (const m of config.portMappings) {
      if (config.hostNetwork || !m.hostPort) continue;
      this.closers.push(net.addHostPort(host.nodeName, m.hostPort, m.protocol || "TCP", this.netns, m.containerPort));
    }
    this.etc = new Volume(fsCtx, { name: "etc", type: "etc" });
    this.etc.writeFiles({
      hosts: { content: config.etcHosts, mode: 0o644 },
      "resolv.conf": { content: config.resolvConf, mode: 0o644 },
      hostname: { content: [config.hostname, "\n"].join(""), mode: 0o644 },
    });
    if (config.shareProcessNamespace) {
      // /pause is PID 1 of the shared namespace. It only waits for signals, so it needs no thread of
      // its own here: SIGTERM/SIGINT end it (exit 0), as pause.c does.
      this.sharedPidns = new PidNamespace();
      const pid = this.sharedPidns.allocate();
      const pause: ProcessEntry = {
        pid,
        ppid: 0,
        argv: ["/pause"],
        uid: 65535,
        gid: 65535,
        groups: [],
        startedAt: host.cluster.clock.now,
        task: undefined as never,
        containerId: "",
        exited: false,
        handlers: new Map(),
        signalStyle: "c",
        memoryBytes: 320_000,
        cpuMilli: 0,
        write: () => undefined,
      };
      pause.terminate = () => void (pause.exited = true);
      for (const sig of [2, 15]) pause.handlers.set(sig, () => void (pause.exited = true));
      this.sharedPidns.add(pause);
    }
    this.sandboxView = {
      id,
      podUID: config.podUID,
      podName: config.podName,
      namespace: config.namespace,
      hostname: config.hostname,
      podIP: config.podIP,
      netns: this.netns,
      sharedPidns: this.sharedPidns,
      etc: this.etc,
    };
    this.info = { id, podUID: config.podUID, pauseImage: PAUSE_IMAGE, podIP: config.podIP, createdAt: host.cluster.clock.now, state: "ready" };
  }

  /** What containers of this sandbox see of it. */
  view(): SandboxView {
    return this.sandboxView;
  }

  /** Tears down the network (CNI DEL): the IP is released, hostPorts unmapped. */
  stop(net: { removeNamespace(ns: NetNamespace): void }): void {
    if (this.info.state === "notready") return;
    this.info.state = "notready";
    for (const close of this.closers.splice(0)) close();
    if (!this.config.hostNetwork) net.removeNamespace(this.netns);
  }
}
