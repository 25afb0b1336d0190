/**
 * FakeRuntime: a small scriptable ContainerRuntime for the kubelet's unit tests. Containers follow a
 * Behaviour chosen per container name or image (run for a while then exit, ignore SIGTERM, serve
 * HTTP, hold files for exec probes); images pull after a fixed time unless told to fail.
 */
import type { Cluster } from "../../cluster";
import type {
  ConnectOutcome,
  ContainerConfig,
  ContainerRuntime,
  ContainerStatusInfo,
  ExecHandle,
  ExecResult,
  LogLine,
  PullAuth,
  PullOutcome,
  SandboxConfig,
  SandboxInfo,
  VolumeFiles,
  VolumeFs,
} from "../../runtime/cri";
import type { NodeRuntime, VolumeFactory } from "../context";

/** How a fake container behaves. */
export interface Behaviour {
  /** Exit on its own this long after starting. */
  exitAfterMs?: number;
  exitCode?: number;
  reason?: string;
  /** PID 1 ignores SIGTERM (a shell): only SIGKILL stops it. */
  ignoreSigterm?: boolean;
  /** Fail to start (StartError, exit 128). */
  startError?: string;
  /** Files visible to exec `cat` (path → content); may change over time through `setFile`. */
  files?: Record<string, string>;
  /** HTTP status by path at a time since start; undefined = connection refused. */
  http?: (path: string, sinceStartMs: number) => number | undefined;
  /** Ports accepting TCP connections. */
  tcpPorts?: number[];
  /** Lines written to stdout at start. */
  logs?: string[];
  memoryBytes?: number;
}

interface FakeContainer {
  info: ContainerStatusInfo;
  config: ContainerConfig;
  sandboxId: string;
  behaviour: Behaviour;
  files: Map<string, string>;
  logs: LogLine[];
  exitTimer?: { cancel(): void };
}

const hex = (n: number, seed: number) => {
  let s = "";
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += "0123456789abcdef"[(x >>> 16) & 15];
  }
  return s;
};

/** A minimal in-memory VolumeFs. */
export class MemoryVolume implements VolumeFs {
  files = new Map<string, { content: string; mode?: number }>();
  constructor(
    readonly name: string,
    readonly type: string,
  ) {}
  writeFiles(files: VolumeFiles): void {
    this.files = new Map(Object.entries(files).map(([path, f]) => [path, { content: typeof f.content === "string" ? f.content : f.content.text(), mode: f.mode }]));
  }
  readFile(path: string): string | undefined {
    return this.files.get(path.replace(/^\/+/, ""))?.content;
  }
  usedBytes(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.content.length;
    return n;
  }
}

export class FakeRuntime implements ContainerRuntime {
  readonly images = new Map<string, number>();
  /** Images whose pull fails, with containerd's message. */
  readonly pullFailures = new Map<string, string>();
  pullMs = 1_000;
  readonly behaviours = new Map<string, Behaviour>();
  readonly sandboxes = new Map<string, SandboxInfo & { config: SandboxConfig }>();
  readonly containers = new Map<string, FakeContainer>();
  private exitListeners = new Set<(id: string, s: ContainerStatusInfo) => void>();
  private logListeners = new Map<string, Set<(l: LogLine) => void>>();
  private seq = 1;

  constructor(
    private readonly cluster: Cluster,
    readonly nodeName: string,
  ) {}

  private get now(): number {
    return this.cluster.clock.now;
  }

  private id(): string {
    return hex(64, this.seq++ * 7919 + this.nodeName.length);
  }

  hasImage(image: string): boolean {
    return this.images.has(image);
  }

  pullImage(image: string, _auth: PullAuth | undefined, done: (o: PullOutcome) => void): void {
    const fail = this.pullFailures.get(image);
    this.cluster.clock.after(this.pullMs, () => {
      if (fail) return done({ ok: false, reason: "ErrImagePull", message: fail, durationMs: this.pullMs });
      const present = this.images.has(image);
      this.images.set(image, 10_000_000);
      done({ ok: true, imageRef: `docker.io/library/${image}@sha256:${hex(64, image.length)}`, imageID: `sha256:${hex(64, image.length + 1)}`, sizeBytes: 10_000_000, durationMs: this.pullMs, alreadyPresent: present });
    }, `pull ${image}`);
  }

  isInvalidReference(image: string): boolean {
    return !/^[a-z0-9]+([._/:@-][a-zA-Z0-9_.-]+)*$/.test(image) || /[A-Z]/.test(image.split(":")[0]);
  }

  listImages(): { names: string[]; sizeBytes: number }[] {
    return [...this.images].map(([n, s]) => ({ names: [n], sizeBytes: s }));
  }

  runPodSandbox(config: SandboxConfig): SandboxInfo {
    const info = { id: this.id(), podUID: config.podUID, pauseImage: "registry.k8s.io/pause:3.10", podIP: config.podIP, createdAt: this.now, state: "ready" as const, config };
    this.sandboxes.set(info.id, info);
    return info;
  }

  stopPodSandbox(id: string): void {
    const s = this.sandboxes.get(id);
    if (s) s.state = "notready";
  }

  removePodSandbox(id: string): void {
    this.sandboxes.delete(id);
  }

  sandbox(id: string): SandboxInfo | undefined {
    return this.sandboxes.get(id);
  }

  createContainer(sandboxId: string, config: ContainerConfig): string {
    const id = this.id();
    const behaviour = this.behaviours.get(config.name) ?? this.behaviours.get(config.image) ?? {};
    this.containers.set(id, {
      info: { id, name: config.name, state: "created", createdAt: this.now, imageRef: `docker.io/library/${config.image}@sha256:${hex(64, config.image.length)}`, memoryBytes: 0, cpuMilli: 0 },
      config,
      sandboxId,
      behaviour,
      files: new Map(Object.entries(behaviour.files ?? {})),
      logs: [],
    });
    return id;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.containers.get(id)!;
    if (c.behaviour.startError) {
      c.info = { ...c.info, state: "exited", exitCode: 128, reason: "StartError", message: c.behaviour.startError, finishedAt: this.now };
      return;
    }
    c.info = { ...c.info, state: "running", startedAt: this.now, memoryBytes: c.behaviour.memoryBytes ?? 1_000_000 };
    for (const l of c.behaviour.logs ?? []) this.log(c, l);
    if (c.behaviour.exitAfterMs !== undefined) {
      c.exitTimer = this.cluster.clock.after(c.behaviour.exitAfterMs, () => this.exit(id, c.behaviour.exitCode ?? 0, c.behaviour.reason), `exit ${c.config.name}`);
    }
  }

  async stopContainer(id: string, gracePeriodMs: number): Promise<void> {
    const c = this.containers.get(id);
    if (!c || c.info.state !== "running") return;
    if (!c.behaviour.ignoreSigterm) {
      this.exit(id, 0, "Completed");
      return;
    }
    c.exitTimer?.cancel();
    c.exitTimer = this.cluster.clock.after(gracePeriodMs, () => this.exit(id, 137, "Error"), `sigkill ${c.config.name}`);
  }

  /** Makes a running container exit now (a crash, an OOM kill). */
  exit(id: string, code: number, reason?: string): void {
    const c = this.containers.get(id);
    if (!c || c.info.state !== "running") return;
    c.exitTimer?.cancel();
    c.info = { ...c.info, state: "exited", exitCode: code, reason: reason ?? (code === 0 ? "Completed" : "Error"), finishedAt: this.now };
    for (const l of this.exitListeners) l(id, c.info);
  }

  removeContainer(id: string): void {
    const c = this.containers.get(id);
    if (c) c.info = { ...c.info };
  }

  containerStatus(id: string): ContainerStatusInfo | undefined {
    return this.containers.get(id)?.info;
  }

  onContainerExit(listener: (id: string, s: ContainerStatusInfo) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** The running instance of a container by name (tests poke at it). */
  running(name: string): FakeContainer | undefined {
    for (const c of this.containers.values()) if (c.config.name === name && c.info.state === "running") return c;
    return undefined;
  }

  exec(id: string, argv: string[], opts: { timeoutMs?: number; stdin?: string } = {}): ExecHandle {
    const c = this.containers.get(id);
    let result: ExecResult;
    if (!c || c.info.state !== "running") result = { exitCode: 126, stdout: "", stderr: "container not running", timedOut: false };
    else if (argv[0] === "cat") {
      const f = c.files.get(argv[1]);
      result = f === undefined ? { exitCode: 1, stdout: "", stderr: `cat: can't open '${argv[1]}': No such file or directory\n`, timedOut: false } : { exitCode: 0, stdout: f, stderr: "", timedOut: false };
    } else if (argv[0] === "true") result = { exitCode: 0, stdout: "", stderr: "", timedOut: false };
    else if (argv[0] === "false") result = { exitCode: 1, stdout: "", stderr: "", timedOut: false };
    else if (argv[0] === "echo") result = { exitCode: 0, stdout: argv.slice(1).join(" ") + "\n", stderr: "", timedOut: false };
    else result = { exitCode: 127, stdout: "", stderr: `sh: ${argv[0]}: not found\n`, timedOut: false };
    void opts;
    return { settled: Promise.resolve(), result, onDone: (cb) => cb(result), kill: async () => {} };
  }

  private container(sandboxId: string, port: number, kind: "http" | "tcp"): FakeContainer | undefined {
    for (const c of this.containers.values()) {
      if (c.sandboxId !== sandboxId || c.info.state !== "running") continue;
      if (kind === "http" && c.behaviour.http) return c;
      if (kind === "tcp" && (c.behaviour.tcpPorts ?? []).includes(port)) return c;
    }
    return undefined;
  }

  async httpGet(sandboxId: string, req: { host?: string; port: number; path: string }): Promise<ConnectOutcome> {
    const c = this.container(sandboxId, req.port, "http");
    const status = c?.behaviour.http?.(req.path, this.now - (c.info.startedAt ?? 0));
    if (status === undefined) {
      const host = req.host || this.sandboxes.get(sandboxId)?.podIP || "";
      return { ok: false, error: "refused", message: `Get "http://${host}:${req.port}${req.path}": dial tcp ${host}:${req.port}: connect: connection refused` };
    }
    return { ok: true, status, body: "" };
  }

  async tcpConnect(sandboxId: string, req: { host?: string; port: number }): Promise<ConnectOutcome> {
    const host = req.host || this.sandboxes.get(sandboxId)?.podIP || "";
    return this.container(sandboxId, req.port, "tcp") ? { ok: true } : { ok: false, error: "refused", message: `dial tcp ${host}:${req.port}: connect: connection refused` };
  }

  async grpcCheck(sandboxId: string, req: { port: number }): Promise<ConnectOutcome> {
    return this.container(sandboxId, req.port, "tcp") ? { ok: true, body: "SERVING" } : { ok: false, error: "refused", message: "connection refused" };
  }

  logs(id: string): readonly LogLine[] {
    return this.containers.get(id)?.logs ?? [];
  }

  onLog(id: string, listener: (l: LogLine) => void): () => void {
    let set = this.logListeners.get(id);
    if (!set) this.logListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** Appends a line to a container's log. */
  log(c: FakeContainer, text: string, stream: "stdout" | "stderr" = "stdout"): void {
    const line = { time: this.now, stream, text };
    c.logs.push(line);
    for (const l of this.logListeners.get(c.info.id) ?? []) l(line);
  }
}

/** The volume factory of the fake runtime. */
export const memoryVolumes: VolumeFactory = { create: (s) => new MemoryVolume(s.name, s.type) };

/** A RuntimeFactory giving every node a FakeRuntime; `fakes` collects them by node name. */
export function fakeRuntimeFactory(fakes: Map<string, FakeRuntime> = new Map(), setup?: (rt: FakeRuntime) => void) {
  return (cluster: Cluster, node: { name: string }): NodeRuntime => {
    const rt = new FakeRuntime(cluster, node.name);
    setup?.(rt);
    fakes.set(node.name, rt);
    return { runtime: rt, volumes: memoryVolumes };
  };
}
