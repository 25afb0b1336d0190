/**
 * The container runtime interface between a node's kubelet and its simulated containerd, shaped
 * after CRI: image service (pull, list), pod sandboxes (the Infra/pause container that holds the
 * network namespace and the pod IP), containers (create, start, stop, status, exit notifications),
 * exec, and logs. Operations that take virtual time report through callbacks on the virtual clock.
 *
 * WARNING: a container's process runs JavaScript (a shell interpreter or a modelled program). It may
 * only run inside a virtual-clock callback: every method below that starts or resumes a process
 * returns a promise that settles when the process is blocked again (on a virtual sleep, a socket, a
 * signal) or has exited. A clock callback that calls such a method must return (or await) that
 * promise, so the clock never moves while a process is mid-step and every replay is identical.
 */

/** Where an image pull ended. */
export type PullOutcome =
  | { ok: true; imageRef: string; imageID: string; sizeBytes: number; durationMs: number; alreadyPresent: boolean }
  | {
      ok: false;
      /** "ErrImagePull" (not found, unauthorized, registry down) — the kubelet turns repeats into ImagePullBackOff. */
      reason: "ErrImagePull";
      /** containerd's message, e.g. `rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": ...`. */
      message: string;
      durationMs: number;
    };

/** Credentials from imagePullSecrets, as the kubelet resolves them (registry → username). */
export interface PullAuth {
  registries: Record<string, { username: string }>;
}

/** A volume as the kubelet has prepared it, mounted into a container's filesystem. */
export interface MountSpec {
  /** The kubelet-prepared volume (see VolumeFs). */
  volume: VolumeFs;
  /** Absolute path in the container. */
  containerPath: string;
  /** Mount only this sub-path of the volume (volumeMounts[].subPath). */
  subPath?: string;
  readOnly: boolean;
}

/**
 * A volume's filesystem: one instance shared by every container (and pod, for hostPath and PVs) that
 * mounts it, so a file one container writes is what another reads. Implemented by the runtime's
 * filesystem module; the kubelet creates and fills them (configMap, secret, downwardAPI, projected).
 */
/** Text made when first read: content nobody reads (most pods' service account token) is never built. */
export interface DeferredText {
  text(): string;
}

/** A file's content for VolumeFs.writeFiles. */
export type FileContent = string | DeferredText;

/** Files to write into a volume, by path. */
export type VolumeFiles = Record<string, { content: FileContent; mode?: number }>;

export interface VolumeFs {
  readonly name: string;
  /** "emptyDir", "hostPath", "configMap", "secret", "downwardAPI", "projected", "persistentVolumeClaim", ... */
  readonly type: string;
  /** Replaces the volume's whole content (the kubelet's atomic writer for configMap/secret/projected). */
  writeFiles(files: VolumeFiles): void;
  readFile(path: string): string | undefined;
  /** Bytes stored (emptyDir sizeLimit, medium: Memory counts against the container's memory). */
  usedBytes(): number;
}

/** The sandbox's configuration, from the pod spec. */
export interface SandboxConfig {
  podUID: string;
  podName: string;
  namespace: string;
  hostname: string;
  /** The IP the CNI plugin assigned (the kubelet allocates it from the node's podCIDR). */
  podIP: string;
  hostNetwork: boolean;
  /** /etc/hosts, /etc/resolv.conf and /etc/hostname content the kubelet manages. */
  etcHosts: string;
  resolvConf: string;
  shareProcessNamespace: boolean;
  /** hostPorts to map from the node (containerPort → hostPort, protocol). */
  portMappings: { containerPort: number; hostPort: number; protocol: string }[];
}

/** A running sandbox: the Infra (pause) container. */
export interface SandboxInfo {
  id: string;
  podUID: string;
  /** The pause container's image, "registry.k8s.io/pause:3.10". */
  pauseImage: string;
  podIP: string;
  createdAt: number;
  state: "ready" | "notready";
}

/** Everything needed to create one container. */
export interface ContainerConfig {
  /** The container's name in the pod spec. */
  name: string;
  /** "init" | "sidecar" | "app" | "ephemeral" — for the UI and for `ps`. */
  role: "init" | "sidecar" | "app" | "ephemeral";
  image: string;
  /** spec command (replaces the image ENTRYPOINT) and args (replace CMD), already `$(VAR)`-expanded. */
  command?: string[];
  args?: string[];
  workingDir?: string;
  env: Record<string, string>;
  mounts: MountSpec[];
  /** Memory limit in bytes (OOM kill above it), CPU limit in millicores (throttling); undefined = none. */
  memoryLimitBytes?: number;
  cpuLimitMilli?: number;
  cpuRequestMilli?: number;
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  fsGroup?: number;
  tty: boolean;
  stdin: boolean;
  /** The restart number (kubelet restartCount), used in container names and log file names. */
  attempt: number;
  terminationMessagePath?: string;
  /** spec.containers[].ports: an image the catalogue does not know listens on these. */
  ports?: { containerPort: number; protocol?: string; name?: string }[];
}

/** Container state as CRI ContainerStatus reports it. */
export interface ContainerStatusInfo {
  id: string;
  name: string;
  state: "created" | "running" | "exited" | "unknown";
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** containerd reasons: "Completed", "Error", "OOMKilled", "ContainerCannotRun", "StartError". */
  reason?: string;
  /** e.g. the StartError text or the termination message file's content. */
  message?: string;
  imageRef: string;
  /** Memory in use now (bytes) and CPU in use now (millicores), for OOM and `kubectl top`. */
  memoryBytes: number;
  cpuMilli: number;
}

/** The outcome of an exec (probes, hooks, kubectl exec). */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when the exec was stopped by its timeout. */
  timedOut: boolean;
  /**
   * Set when the process could not be started at all (executable not found, container stopped):
   * the OCI runtime's message, e.g. `OCI runtime exec failed: exec failed: unable to start container
   * process: exec: "foo": executable file not found in $PATH: unknown`.
   */
  startError?: string;
}

/** A running exec. */
export interface ExecHandle {
  /** Settles when the exec is blocked or done (see the WARNING above). */
  readonly settled: Promise<void>;
  /** Set once the exec has finished. */
  readonly result: ExecResult | undefined;
  /** Called once with the result (at once if already done). */
  onDone(cb: (result: ExecResult) => void): void;
  /** Kills the exec (probe timeout). */
  kill(): Promise<void>;
}

/** An HTTP or TCP check or request from the node (kubelet probes, hooks) or from a pod. */
export type ConnectOutcome =
  | { ok: true; status?: number; headers?: Record<string, string>; body?: string; message?: string; elapsedMs?: number }
  | {
      ok: false;
      error: "refused" | "timeout" | "unreachable" | "reset";
      /** The prober's own words (Go's net/http, net.Dial or the gRPC health client), ready for "probe failed: ". */
      message: string;
      /**
       * Virtual ms the attempt took (a timeout takes the whole timeout). The outcome is known at once;
       * a kubelet that wants real pacing reports it this much later.
       */
      elapsedMs?: number;
    };

/** One log line as the CRI log file stores it. */
export interface LogLine {
  /** Virtual ms when written. */
  time: number;
  stream: "stdout" | "stderr";
  /** The line without its newline. */
  text: string;
  /** The process ended before finishing this line: print it without a newline. */
  partial?: boolean;
}

/** The runtime of one node. */
export interface ContainerRuntime {
  readonly nodeName: string;

  // Images
  /** True when the image is in this node's image cache. */
  hasImage(image: string): boolean;
  /** Pulls an image (taking virtual time); `done` is called on the clock when it finishes. */
  pullImage(image: string, auth: PullAuth | undefined, done: (outcome: PullOutcome) => void): void;
  /** True when `image` is not a valid reference (the kubelet reports InvalidImageName). */
  isInvalidReference(image: string): boolean;
  /** The images in the node's cache, for node.status.images. */
  listImages(): { names: string[]; sizeBytes: number }[];

  // Sandboxes
  runPodSandbox(config: SandboxConfig): SandboxInfo;
  stopPodSandbox(sandboxId: string): void;
  removePodSandbox(sandboxId: string): void;
  sandbox(sandboxId: string): SandboxInfo | undefined;

  // Containers
  /** Creates a container; throws a ContainerCreateError (e.g. a subPath that cannot be mounted). */
  createContainer(sandboxId: string, config: ContainerConfig): string;
  /**
   * Starts a created container's process. Settles when the process first blocks or exits; start
   * failures (executable not found) end in the exited state with reason StartError / exit code 128.
   */
  startContainer(containerId: string): Promise<void>;
  /** SIGTERM to PID 1, then SIGKILL after `gracePeriodMs`. Settles when the process has reacted. */
  stopContainer(containerId: string, gracePeriodMs: number): Promise<void>;
  /** Removes an exited container (its logs stay readable for `--previous` until the pod goes). */
  removeContainer(containerId: string): void;
  containerStatus(containerId: string): ContainerStatusInfo | undefined;
  /** Subscribes to container exits (PLEG). Returns the unsubscribe function. */
  onContainerExit(listener: (containerId: string, status: ContainerStatusInfo) => void): () => void;

  // Exec and network checks
  /** Runs argv in the container's namespaces and filesystem, bounded by timeoutMs of virtual time. */
  exec(containerId: string, argv: string[], opts?: { timeoutMs?: number; stdin?: string }): ExecHandle;
  /** An HTTP GET from the node to the pod (httpGet probes and hooks). */
  httpGet(sandboxId: string, req: { host?: string; port: number; path: string; scheme: "HTTP" | "HTTPS"; headers: Record<string, string>; timeoutMs: number }): Promise<ConnectOutcome>;
  /** A TCP connect from the node to the pod (tcpSocket probes). */
  tcpConnect(sandboxId: string, req: { host?: string; port: number; timeoutMs: number }): Promise<ConnectOutcome>;
  /** A gRPC health check (grpc probes). */
  grpcCheck(sandboxId: string, req: { port: number; service?: string; timeoutMs: number }): Promise<ConnectOutcome>;

  // Logs
  /** The log of a container instance (this one or an earlier, removed one). */
  logs(containerId: string): readonly LogLine[];
  /** Subscribes to new log lines of a container (for `logs -f`). */
  onLog(containerId: string, listener: (line: LogLine) => void): () => void;
}

/** A failure to create a container that the kubelet reports as CreateContainerError / CreateContainerConfigError. */
export class ContainerCreateError extends Error {
  constructor(
    readonly reason: "CreateContainerError" | "CreateContainerConfigError" | "RunContainerError",
    message: string,
  ) {
    super(message);
    this.name = "ContainerCreateError";
  }
}
