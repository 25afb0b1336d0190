/**
 * NodeRuntime is one node's containerd behind the CRI contract: the image service (pulls and the
 * node's image cache), pod sandboxes, containers and their processes, exec, logs, and the node-side
 * network checks the kubelet's probes make.
 */
import type { Node } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster";
import type { KObject } from "../api/types";
import { parseQuantity } from "../api/quantity";
import { goDialError, goHttpGetError } from "../network/client-errors";
import { podNetwork, type PodNetwork } from "../network/fabric";
import { Container, type ContainerHost, type MountPoint } from "./container";
import {
  ContainerCreateError,
  type ConnectOutcome,
  type ContainerConfig,
  type ContainerRuntime,
  type ContainerStatusInfo,
  type ExecHandle,
  type LogLine,
  type PullAuth,
  type PullOutcome,
  type SandboxConfig,
  type SandboxInfo,
  type VolumeFs,
} from "./cri";
import { ContainerFs, type FsContext } from "./vfs/container-fs";
import { freezeTree, InodeCounter, thaw, type DirNode } from "./vfs/nodes";
import { Volume } from "./vfs/volume";
import { ImageStore } from "./images/image-store";
import { isInvalidImageReference } from "./images/reference";
import { buildRootfs } from "./images/rootfs";
import type { ResolvedImage } from "./images/types";
import type { ContainerLog } from "./logs";
import { schedulerFor } from "./process/scheduler";
import { Sandbox } from "./sandbox";

export class NodeRuntime implements ContainerRuntime {
  readonly images: ImageStore;
  private readonly net: PodNetwork;
  private readonly host: ContainerHost;
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly containers = new Map<string, Container>();
  /** Logs by container id, kept until the sandbox is removed. */
  private readonly logsById = new Map<string, { sandboxId: string; log: ContainerLog }>();
  private readonly exitListeners = new Set<(id: string, s: ContainerStatusInfo) => void>();
  private readonly rootfsCache = new Map<string, DirNode>();
  private readonly fsCtx: FsContext;

  constructor(
    private readonly cluster: Cluster,
    readonly nodeName: string,
    nodeIP?: string,
  ) {
    this.net = podNetwork(cluster);
    this.images = new ImageStore(cluster);
    const ino = new InodeCounter();
    const node = cluster.api.tryGet<Node & KObject>("Node", undefined, nodeName);
    const settings = cluster.nodeSettings.find((n) => n.name === nodeName);
    const cpus = Math.max(1, Math.round((parseQuantity(node?.status?.capacity?.cpu ?? settings?.cpu ?? "4") ?? 4)));
    const memoryBytes = parseQuantity(node?.status?.capacity?.memory ?? settings?.memory ?? "8Gi") ?? 8 * 1024 ** 3;
    this.host = {
      cluster,
      net: this.net,
      scheduler: schedulerFor(cluster.clock),
      ino,
      nodeName,
      node: { name: nodeName, ip: nodeIP ?? this.net.nodeIP(nodeName) ?? "127.0.0.1", cpus, memoryBytes },
      rootfsOf: (image: ResolvedImage, mountPoints: readonly MountPoint[]) => {
        const repository = image.def.repository;
        let root = this.rootfsCache.get(repository);
        if (!root) this.rootfsCache.set(repository, (root = buildRootfs(image.def, ino)));
        if (mountPoints.length === 0) return root;
        const key = `${repository}\u0000${mountPoints.map((m) => (m.isFile ? "f" : "d") + m.path).join("\u0000")}`;
        let prepared = this.rootfsCache.get(key);
        if (!prepared) {
          const fs = new ContainerFs(thaw(root), this.fsCtx);
          for (const m of mountPoints) fs.ensureMountPoint(m.path, m.isFile);
          prepared = fs.rootDir;
          freezeTree(prepared);
          this.rootfsCache.set(key, prepared);
        }
        return prepared;
      },
    };
    this.fsCtx = { now: () => cluster.clock.now, epochMs: cluster.clock.epochMs, identity: () => ({ uid: 0, gid: 0, groups: [] }), ino, redirectFailed: () => undefined };
  }

  // ---- images ---------------------------------------------------------------------------------

  hasImage(image: string): boolean {
    return this.images.has(image);
  }

  pullImage(image: string, auth: PullAuth | undefined, done: (outcome: PullOutcome) => void): void {
    this.trace("pull", { image });
    this.images.pull(image, auth, done);
  }

  isInvalidReference(image: string): boolean {
    return isInvalidImageReference(image);
  }

  listImages(): { names: string[]; sizeBytes: number }[] {
    return this.images.list();
  }

  // ---- volumes --------------------------------------------------------------------------------

  /** A volume filesystem (the kubelet's VolumeFactory.create). */
  createVolume(spec: { name: string; type: string; medium?: string; sizeLimitBytes?: number }): VolumeFs {
    return new Volume(this.fsCtx, { name: spec.name, type: spec.type, medium: spec.medium, randomDigits: this.volumeDigits });
  }

  /** The atomic writer's directory-name digits, from the seeded random source (one function for every volume). */
  private readonly volumeDigits = (): string => String(this.cluster.random.int(100_000_000, 999_999_999));

  // ---- sandboxes ------------------------------------------------------------------------------

  runPodSandbox(config: SandboxConfig): SandboxInfo {
    const id = this.cluster.random.hex(64);
    const sandbox = new Sandbox(id, config, this.host, this.fsCtx);
    this.sandboxes.set(id, sandbox);
    this.trace("sandbox", { podIP: config.podIP, pod: `${config.namespace}/${config.podName}` });
    return sandbox.info;
  }

  stopPodSandbox(sandboxId: string): void {
    const s = this.sandboxes.get(sandboxId);
    if (!s) return;
    const running = [...s.containers].map((cid) => this.containers.get(cid)).filter((c) => c?.state === "running");
    if (running.length) this.soon(`stop sandbox ${sandboxId.slice(0, 12)}`, () => Promise.all(running.map((c) => c!.killAll())).then(() => undefined));
    s.stop(this.net);
  }

  /**
   * Work a synchronous CRI call starts in processes (killing them) runs in a clock callback of the
   * same instant, so the clock waits for it.
   */
  private soon(label: string, fn: () => Promise<void>): void {
    this.cluster.clock.after(0, fn, label);
  }

  removePodSandbox(sandboxId: string): void {
    const s = this.sandboxes.get(sandboxId);
    if (!s) return;
    this.stopPodSandbox(sandboxId);
    for (const cid of s.containers) this.containers.delete(cid);
    for (const [cid, l] of this.logsById) if (l.sandboxId === sandboxId) this.logsById.delete(cid);
    this.sandboxes.delete(sandboxId);
  }

  sandbox(sandboxId: string): SandboxInfo | undefined {
    return this.sandboxes.get(sandboxId)?.info;
  }

  // ---- containers -----------------------------------------------------------------------------

  createContainer(sandboxId: string, config: ContainerConfig): string {
    const s = this.sandboxes.get(sandboxId);
    if (!s || s.info.state !== "ready") throw new ContainerCreateError("CreateContainerError", `failed to create containerd container: sandbox ${sandboxId} is not ready`);
    const image = this.images.get(config.image);
    if (!image) throw new ContainerCreateError("CreateContainerError", `failed to create containerd container: error unpacking image: failed to resolve rootfs: content digest ${config.image}: not found`);
    const id = this.cluster.random.hex(64);
    let c: Container;
    try {
      c = new Container(id, config.name, config, image, this.host, s.view());
    } catch (e) {
      throw new ContainerCreateError("CreateContainerError", `failed to generate container "${id}" spec: failed to apply OCI options: ${(e as Error).message}`);
    }
    c.onExit(this.containerExited);
    this.containers.set(id, c);
    this.logsById.set(id, { sandboxId, log: c.log });
    s.containers = [...s.containers, id];
    return id;
  }

  /** Tells the exit listeners (PLEG) that a container ended: one function for all containers of the node. */
  private readonly containerExited = (x: Container): void => {
    this.trace("exit", { container: x.name, exitCode: x.exitCode, reason: x.reason });
    const status = x.status();
    for (const l of [...this.exitListeners]) l(x.id, status);
  };

  startContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (!c) return Promise.reject(new Error(`container "${containerId}" not found`));
    this.trace("start", { container: c.name, image: c.config.image });
    return c.start();
  }

  stopContainer(containerId: string, gracePeriodMs: number): Promise<void> {
    const c = this.containers.get(containerId);
    return c ? c.stop(gracePeriodMs) : Promise.resolve();
  }

  removeContainer(containerId: string): void {
    const c = this.containers.get(containerId);
    if (!c) return;
    if (c.state === "running") this.soon(`remove ${c.name}`, () => c.killAll());
    this.containers.delete(containerId);
    const s = this.sandboxes.get(c.sandbox.id);
    if (s?.containers.includes(containerId)) s.containers = s.containers.filter((cid) => cid !== containerId);
  }

  containerStatus(containerId: string): ContainerStatusInfo | undefined {
    return this.containers.get(containerId)?.status();
  }

  onContainerExit(listener: (containerId: string, status: ContainerStatusInfo) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** The container object, for tests and the UI's inspector. */
  container(containerId: string): Container | undefined {
    return this.containers.get(containerId);
  }

  // ---- exec and network checks ----------------------------------------------------------------

  exec(containerId: string, argv: string[], opts?: { timeoutMs?: number; stdin?: string }): ExecHandle {
    const c = this.containers.get(containerId);
    if (!c) throw new Error(`container "${containerId}" not found`);
    return c.exec(argv, opts);
  }

  async httpGet(sandboxId: string, req: { host?: string; port: number; path: string; scheme: "HTTP" | "HTTPS"; headers: Record<string, string>; timeoutMs: number }): Promise<ConnectOutcome> {
    const s = this.sandboxes.get(sandboxId);
    const host = req.host || s?.info.podIP || "";
    const path = req.path.startsWith("/") ? req.path : `/${req.path}`;
    const scheme = req.scheme === "HTTPS" ? "https" : "http";
    const headers = probeHeaders(host, req.port, req.headers);
    const from = this.net.hostNamespace(this.nodeName);
    let target = { host, port: req.port, path };
    // The URL is only quoted in errors: built when one happens.
    const urlOf = () => `${scheme}://${target.host}:${target.port}${target.path}`;
    let elapsed = 0;
    // Go's client follows redirects on the same host (the prober stops at another host).
    for (let hop = 0; hop <= 10; hop++) {
      const o = this.net.http(from, { host: target.host, port: target.port, path: target.path, scheme, headers, timeoutMs: req.timeoutMs - elapsed });
      elapsed += o.elapsedMs;
      if (!o.ok) {
        const error = o.error === "timeout" || o.error === "nxdomain" || o.error === "dns-timeout" ? "timeout" : o.error === "eof" || o.error === "malformed" ? "reset" : o.error;
        return { ok: false, error, message: goHttpGetError(urlOf(), o.error, target.host, o.ip, target.port, o.detail), elapsedMs: elapsed };
      }
      const res = o.response;
      const loc = res.headers?.location;
      if (res.status >= 300 && res.status < 400 && loc) {
        const m = /^(?:https?:\/\/([^/:]+)(?::(\d+))?)?(\/.*)?$/.exec(loc);
        if (m && (!m[1] || m[1] === target.host)) {
          target = { host: target.host, port: m[2] ? Number(m[2]) : target.port, path: m[3] ?? "/" };
          continue;
        }
      }
      const body = res.body.length > 10 * 1024 ? res.body.slice(0, 10 * 1024) : res.body;
      return { ok: true, status: res.status, headers: res.headers, body, elapsedMs: elapsed };
    }
    return { ok: false, error: "reset", message: `Get "${urlOf()}": stopped after 10 redirects`, elapsedMs: elapsed };
  }

  async tcpConnect(sandboxId: string, req: { host?: string; port: number; timeoutMs: number }): Promise<ConnectOutcome> {
    const s = this.sandboxes.get(sandboxId);
    const host = req.host || s?.info.podIP || "";
    const o = this.net.dial(this.net.hostNamespace(this.nodeName), host, req.port, { timeoutMs: req.timeoutMs });
    if (o.ok) return { ok: true, elapsedMs: o.elapsedMs };
    const error = o.error === "nxdomain" || o.error === "dns-timeout" ? "timeout" : o.error;
    return { ok: false, error, message: goDialError(o.error, host, o.ip, req.port), elapsedMs: o.elapsedMs };
  }

  async grpcCheck(sandboxId: string, req: { port: number; service?: string; timeoutMs: number }): Promise<ConnectOutcome> {
    const s = this.sandboxes.get(sandboxId);
    const host = s?.info.podIP ?? "";
    const addr = `${host}:${req.port}`;
    const o = this.net.dial(this.net.hostNamespace(this.nodeName), host, req.port, { timeoutMs: req.timeoutMs });
    const secs = `${req.timeoutMs / 1000}s`;
    // grpc.WithBlock retries the connection until the deadline: refused and non-gRPC servers time out alike.
    if (!o.ok || !o.listener.grpcHealth) return { ok: false, error: "timeout", message: `timeout: failed to connect service "${addr}" within ${secs}: context deadline exceeded`, elapsedMs: req.timeoutMs };
    const status = o.listener.grpcHealth(req.service ?? "");
    if (status === "SERVICE_UNKNOWN") return { ok: false, error: "reset", message: "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service", elapsedMs: o.elapsedMs };
    return { ok: true, body: status, message: status === "SERVING" ? "service healthy" : `service unhealthy (responded with "${status}")`, elapsedMs: o.elapsedMs };
  }

  // ---- logs -----------------------------------------------------------------------------------

  logs(containerId: string): readonly LogLine[] {
    return this.logsById.get(containerId)?.log.lines ?? [];
  }

  onLog(containerId: string, listener: (line: LogLine) => void): () => void {
    const l = this.logsById.get(containerId);
    return l ? l.log.subscribe(listener) : () => undefined;
  }

  private trace(action: string, detail: Record<string, unknown>): void {
    if (!this.cluster.trace.active) return;
    this.cluster.trace.emit({ time: this.cluster.clock.now, component: "containerd", node: this.nodeName, action, detail });
  }
}

/** The last header set a probe sent, by its caller's header object: probes repeat the same request. */
const headerCache = new WeakMap<Record<string, string>, { host: string; port: number; headers: Record<string, string> }>();

/**
 * The headers Go's client sends for a probe: the URL's host as given, with the port the prober always
 * writes, then the probe's own. WARNING: shared between requests — the fabric copies before handing
 * them to a server, so nothing may change them.
 */
function probeHeaders(host: string, port: number, given: Record<string, string>): Record<string, string> {
  const hit = headerCache.get(given);
  if (hit && hit.host === host && hit.port === port) return hit.headers;
  const headers: Record<string, string> = { host: `${host}:${port}`, "user-agent": "kube-probe/1.31", accept: "*/*" };
  for (const k in given) headers[k.toLowerCase()] = given[k];
  headerCache.set(given, { host, port, headers });
  return headers;
}
