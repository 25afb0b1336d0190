/**
 * Container is one container instance as containerd runs it: a copy-on-write root filesystem from
 * its image with the kubelet's mounts, /dev and /proc, a PID namespace (its own, or the sandbox's
 * when the pod shares it), the sandbox's network namespace, the user it runs as, its main process
 * and execs, its log, its memory and CPU, and how it ended (Completed, Error, OOMKilled,
 * StartError).
 */
import type { Cluster } from "../cluster";
import type { PodNetwork } from "../network/fabric";
import type { NetNamespace } from "../network/netns";
import type { ContainerConfig, ContainerStatusInfo, ExecHandle, ExecResult } from "./cri";
import { RUNTIME_DATA } from "./data";
import { ContainerFs, type FsContext, type FsIdentity, type MountEntry, ROOT_IDENTITY } from "./vfs/container-fs";
import { type DirNode, type FsNode, type InodeCounter, makeDir } from "./vfs/nodes";
import { basename, dirname, normalizePath } from "./vfs/paths";
import { buildDev, buildProc, KERNEL_MOUNTS, type KernelFsBuilder, LazyMount, type SpecialContext, TerminationLogMount } from "./vfs/special";
import { type Volume, VolumeFileMount } from "./vfs/volume";
import { BASES } from "./images/bases";
import type { ResolvedImage } from "./images/types";
import { ContainerLog } from "./logs";
import { actingProcess } from "./process/acting";
import { FLAVOURS, redirectError, type ShellKind } from "./process/flavour";
import { createLauncher, deliverSignal } from "./process/launcher";
import { PidNamespace, type ProcessEntry } from "./process/process-table";
import type { ProcessScheduler } from "./process/scheduler";
import { signalNumber } from "./process/signals";
import type { ContainerContext, Launcher } from "./programs/program";
import { familiarName, parseImageReference } from "./images/reference";
import { LruMap } from "../util/lru";

/** A mount entry, always built with the same fields in the same order (one shape for all of them). */
function mountEntry(path: string, root: MountEntry["root"], readOnly: boolean, source: string, fsType: string, onWrite: MountEntry["onWrite"]): MountEntry {
  return { path, root, readOnly, source, fsType, onWrite };
}

/** True when the mount is of a single file; the lazily made file mounts are, and are not looked into to tell. */
function mountsFile(e: MountEntry): boolean {
  return e instanceof VolumeFileMount || e instanceof TerminationLogMount || e.root.kind !== "dir";
}

/** True when entry `i` is mounted at or under an entry before it. */
function insideEarlier(entries: readonly MountEntry[], i: number): boolean {
  const path = entries[i].path;
  for (let j = 0; j < i; j++) {
    const o = entries[j].path;
    if (path === o || path.startsWith(o === "/" ? "/" : `${o}/`)) return true;
  }
  return false;
}

/**
 * /etc/passwd and /etc/group as rows of fields, by text: every container of an image reads the
 * same files (the same strings). The rows are never changed.
 */
const parsedFiles = new LruMap<string, readonly (readonly string[])[]>(64);

function fieldsOf(text: string): readonly (readonly string[])[] {
  let rows = parsedFiles.get(text);
  if (!rows) parsedFiles.set(text, (rows = text.split("\n").map((l) => l.split(":"))));
  return rows;
}

/** An image tree's /etc/passwd and /etc/group, split into fields. */
interface UserFiles {
  passwd: readonly (readonly string[])[];
  group: readonly (readonly string[])[];
}

/**
 * The user files of each frozen image tree, read once: the tree is shared by every container of the
 * image and never changes (a container copies what it writes), while finding the files walks paths.
 */
const userFilesByTree = new WeakMap<DirNode, UserFiles>();

/** A path a mount needs to exist, as a directory or (a single file mounted) a file. */
export interface MountPoint {
  path: string;
  isFile: boolean;
}

/** What a container needs from its node and its sandbox. */
export interface ContainerHost {
  cluster: Cluster;
  net: PodNetwork;
  scheduler: ProcessScheduler;
  ino: InodeCounter;
  nodeName: string;
  /** The node as its containers see it: one object, shared by all of them (never changed). */
  node: { name: string; ip: string; cpus: number; memoryBytes: number };
  /**
   * The image's shared, frozen root filesystem tree with `mountPoints` made in it (built once per
   * node for each image and set of mount points).
   */
  rootfsOf(image: ResolvedImage, mountPoints: readonly MountPoint[]): DirNode;
}

export interface SandboxView {
  id: string;
  podUID: string;
  podName: string;
  namespace: string;
  hostname: string;
  podIP: string;
  netns: NetNamespace;
  /** Set when the pod shares one PID namespace (shareProcessNamespace). */
  sharedPidns?: PidNamespace;
  /** /etc/hosts, /etc/resolv.conf and /etc/hostname, mounted into each container. */
  etc: Volume;
}

/** The OCI runtime's words for a failed start. */
export function startErrorMessage(detail: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${detail}: unknown`;
}

const DEFAULT_TERMINATION_LOG = "/dev/termination-log";

/** The files of the sandbox's etc volume and where each container sees them. */
const ETC_FILES = [
  ["hosts", "/etc/hosts"],
  ["resolv.conf", "/etc/resolv.conf"],
  ["hostname", "/etc/hostname"],
] as const;

export class Container implements ContainerContext, KernelFsBuilder {
  readonly fs: ContainerFs;
  readonly pidns: PidNamespace;
  readonly netns: NetNamespace;
  readonly net: PodNetwork;
  readonly clock: Cluster["clock"];
  readonly random: Cluster["random"];
  readonly scheduler: ProcessScheduler;
  readonly userland: "busybox" | "gnu" | "none";
  readonly shell: ShellKind;
  readonly pod: ContainerContext["pod"];
  readonly node: ContainerContext["node"];
  readonly epochMs: number;
  readonly launcher: Launcher;
  readonly log: ContainerLog;

  state: "created" | "running" | "exited" = "created";
  readonly createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
  private oomKilled = false;
  private main?: { entry: ProcessEntry; exit: Promise<number> };
  private killTimer?: { cancel(): void };
  private readonly identity: { uid: number; gid: number; groups: number[] };
  /** The empty file /dev needs for a mount point inside it (the termination-log), if any. */
  private devPlaceholder: string | undefined;
  /** What /proc and /dev read, made when one of them is first built. */
  private special: SpecialContext | undefined;
  private readonly env: Record<string, string>;
  private readonly argv: string[];
  private readonly cwd: string;
  // Both lists are set at their exact size: arrays grown by push keep room for sixteen more, and
  // every container keeps these for life.
  private volumes: readonly Volume[] = [];
  private exitListeners: readonly ((c: Container) => void)[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly config: ContainerConfig,
    readonly image: ResolvedImage,
    private readonly host: ContainerHost,
    readonly sandbox: SandboxView,
  ) {
    const cluster = host.cluster;
    this.clock = cluster.clock;
    this.random = cluster.random;
    this.scheduler = host.scheduler;
    this.net = host.net;
    this.netns = sandbox.netns;
    this.epochMs = cluster.clock.epochMs;
    this.createdAt = cluster.clock.now;
    const base = BASES[image.def.base] ?? BASES.debian;
    this.userland = base.userland;
    this.shell = base.sh ?? "ash";
    this.pod = { name: sandbox.podName, namespace: sandbox.namespace, uid: sandbox.podUID, hostname: sandbox.hostname, ip: sandbox.podIP };
    this.node = host.node;
    this.pidns = sandbox.sharedPidns ?? new PidNamespace();
    this.log = new ContainerLog(this.clock);
    this.launcher = createLauncher(this);

    const fsCtx = fsContextOf(host, this.shell);
    const { entries, onRootfs, ready } = this.mountEntries(config);
    // The image's tree with the kubelet's mount points already made, shared by every container
    // mounting the same paths: making them here would copy /var, /var/run, ... for each one. The
    // filesystem copies its root on the first write under it.
    const tree = host.rootfsOf(image, onRootfs);
    this.fs = new ContainerFs(tree, fsCtx);
    this.identity = this.resolveUser(tree);
    for (const e of entries) {
      if (!ready.has(e)) this.fs.ensureMountPoint(e.path, mountsFile(e));
      this.fs.mount(e);
    }
    this.env = this.buildEnv();
    const { argv, cwd } = this.commandLine();
    this.argv = argv;
    this.cwd = cwd;
  }

  // ---- set-up ---------------------------------------------------------------------------------

  /** The process identity from the image's user and the security context; `tree` is the image tree the filesystem starts from. */
  private resolveUser(tree: DirNode): { uid: number; gid: number; groups: number[] } {
    const c = this.config;
    const imageUser = this.image.def.user ?? "";
    const [userPart, groupPart] = imageUser.split(":");
    let files = userFilesByTree.get(tree);
    if (!files) {
      files = { passwd: fieldsOf(this.fs.readText("/etc/passwd") ?? ""), group: fieldsOf(this.fs.readText("/etc/group") ?? "") };
      if (tree.frozen) userFilesByTree.set(tree, files);
    }
    const passwd = files.passwd;
    const byName = (name: string) => passwd.find((f) => f[0] === name || f[2] === name);
    let uid = 0;
    let gid = 0;
    let name = "root";
    if (c.runAsUser !== undefined) {
      uid = c.runAsUser;
      const entry = byName(String(uid));
      name = entry?.[0] ?? "";
      gid = entry ? Number(entry[3]) : 0;
    } else if (userPart) {
      const entry = byName(userPart);
      uid = entry ? Number(entry[2]) : Number(userPart) || 0;
      gid = entry ? Number(entry[3]) : 0;
      name = entry?.[0] ?? "";
    }
    if (groupPart) gid = Number(groupPart) || gid;
    if (c.runAsGroup !== undefined) gid = c.runAsGroup;
    const memberships = name ? files.group.filter((f) => f.length >= 4 && f[3].split(",").includes(name)).map((f) => Number(f[2])) : [];
    const configured = c.runAsUser !== undefined || c.runAsGroup !== undefined;
    const groups = [...new Set([...(configured ? [] : [gid]), ...memberships, ...(c.fsGroup !== undefined ? [c.fsGroup] : []), ...(c.supplementalGroups ?? [])])];
    return { uid, gid, groups };
  }

  /**
   * The container's mounts, in mounting order: /proc, /dev (built when first used), /dev/shm, the
   * termination-log file, /etc/hosts, resolv.conf and hostname, then the volumes. `onRootfs` are the
   * mount points that lie on the image's own tree (not inside another of these mounts); `ready` the
   * entries whose mount point needs no making when mounting (on that tree, or made with /dev).
   */
  private mountEntries(config: ContainerConfig): { entries: MountEntry[]; onRootfs: MountPoint[]; ready: Set<MountEntry> } {
    const termPath = normalizePath(config.terminationMessagePath ?? "/dev/termination-log");
    // The default path's name is the shared literal: every container keeps it for life.
    const devPlaceholder = termPath === DEFAULT_TERMINATION_LOG ? "termination-log" : dirname(termPath) === "/dev" ? basename(termPath) : undefined;
    const entries: MountEntry[] = this.kernelMounts(devPlaceholder);
    const termination = new TerminationLogMount(termPath, this.host.ino.take(), this.clock.now);
    entries.push(termination);
    // Found in the sandbox's etc volume when first used: most containers never read them.
    for (const [file, path] of ETC_FILES) entries.push(this.sandbox.etc.fileMount(path, file));
    const volumes: Volume[] = [];
    for (const m of config.mounts) {
      const vol = m.volume as Volume;
      if (config.fsGroup !== undefined && ["emptyDir", "configMap", "secret", "downwardAPI", "projected", "persistentVolumeClaim", "ephemeral"].includes(vol.type)) vol.applyFsGroup(config.fsGroup);
      const entry = vol.mountEntry(m.containerPath, m.subPath, m.readOnly);
      const memory = vol.medium === "Memory";
      entries.push(mountEntry(normalizePath(entry.path), entry.root, entry.readOnly, memory ? "tmpfs" : "/dev/sda1", memory ? "tmpfs" : "ext4", memory ? () => this.resourcesChanged() : undefined));
      volumes.push(vol);
    }
    if (volumes.length > 0) this.volumes = volumes.slice();
    const onRootfs: MountPoint[] = [];
    const ready = new Set<MountEntry>(entries.filter((e) => e instanceof LazyMount));
    if (devPlaceholder !== undefined) ready.add(termination);
    entries.forEach((e, i) => {
      if (ready.has(e) || insideEarlier(entries, i)) return;
      onRootfs.push({ path: e.path, isFile: mountsFile(e) });
      ready.add(e);
    });
    return { entries, onRootfs, ready };
  }

  /** /proc, /dev and /dev/shm, each built (by buildKernelFs) when first used. */
  private kernelMounts(devPlaceholder: string | undefined): MountEntry[] {
    this.devPlaceholder = devPlaceholder;
    return KERNEL_MOUNTS.map((_, i) => new LazyMount(i, this));
  }

  /** Builds a kernel filesystem the first time the container looks into it. */
  buildKernelFs(path: string): FsNode {
    if (path === "/dev/shm") return makeDir(this.host.ino, 0o1777, 0, 0, 0);
    const special = (this.special ??= this.specialContext());
    return path === "/proc" ? buildProc(special) : buildDev(special, this.devPlaceholder === undefined ? [] : [this.devPlaceholder]);
  }

  /** What /proc and /dev read from the container: its clock, processes, host and mounts. */
  private specialContext(): SpecialContext {
    return {
      ino: this.host.ino,
      now: () => this.clock.now,
      pidns: () => this.pidns,
      acting: () => actingProcess(this.scheduler),
      randomHex: (n: number) => this.random.hex(n),
      randomUuid: () => this.random.uuid(),
      hostname: () => this.sandbox.hostname,
      node: this.node,
      mounts: () => this.fs.mountList().map((m) => ({ source: m.source ?? "/dev/sda1", path: m.path, fsType: m.fsType ?? "ext4", readOnly: m.readOnly })),
    };
  }

  private buildEnv(): Record<string, string> {
    const image = this.image.def;
    const base = BASES[image.base] ?? BASES.debian;
    const env: Record<string, string> = { PATH: image.env?.PATH ?? base.env.PATH, HOSTNAME: this.sandbox.hostname };
    for (const [k, v] of Object.entries(image.env ?? {})) if (k !== "PATH") env[k] = v;
    for (const [k, v] of Object.entries(this.config.env)) env[k] = v;
    if (this.config.tty) env.TERM ??= "xterm";
    if (env.HOME === undefined) {
      const home = fieldsOf(this.fs.readText("/etc/passwd") ?? "").find((f) => Number(f[2]) === this.identity.uid)?.[5];
      env.HOME = home ?? "/";
    }
    return env;
  }

  private commandLine(): { argv: string[]; cwd: string } {
    const def = this.image.def;
    const c = this.config;
    let argv: string[];
    if (c.command && c.command.length > 0) argv = [...c.command, ...(c.args ?? [])];
    else if (c.args && c.args.length > 0) argv = [...(def.entrypoint ?? []), ...c.args];
    else argv = [...(def.entrypoint ?? []), ...(def.cmd ?? [])];
    const cwd = c.workingDir || def.workingDir || "/";
    if (!this.fs.lookup(cwd)) {
      try {
        this.fs.mkdirp(cwd, true);
      } catch {
        // a working directory in a read-only mount: the start fails below
      }
    }
    return { argv, cwd };
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  onExit(fn: (c: Container) => void): void {
    this.exitListeners = this.exitListeners.concat(fn);
  }

  /** Starts the main process; settles when it first blocks or exits. */
  start(): Promise<void> {
    if (this.state !== "created") return Promise.resolve();
    this.startedAt = this.clock.now;
    if (this.argv.length === 0) return this.failStart(startErrorMessage("no command specified"));
    const found = this.launcher.resolve(this.argv[0], this.env, this.cwd);
    if ("error" in found) return this.failStart(startErrorMessage(found.error));
    this.state = "running";
    // The log's own method, bound: the process keeps it for life, and it needs no closure.
    const child = this.launcher.spawn(
      { argv: this.argv, env: this.env, cwd: this.cwd, stdin: "", uid: this.identity.uid, gid: this.identity.gid, groups: this.identity.groups, write: this.log.write.bind(this.log) },
      0,
    );
    this.main = { entry: child.entry, exit: child.exit };
    void child.exit.then((code) => this.finished(code));
    return child.start();
  }

  private failStart(message: string): Promise<void> {
    this.state = "exited";
    this.exitCode = 128;
    this.reason = "StartError";
    this.message = message;
    this.finishedAt = this.clock.now;
    for (const l of this.exitListeners) l(this);
    return Promise.resolve();
  }

  private finished(code: number): void {
    if (this.state === "exited") return;
    this.state = "exited";
    this.finishedAt = this.clock.now;
    this.killTimer?.cancel();
    this.exitCode = this.oomKilled ? 137 : code;
    this.reason = this.oomKilled ? "OOMKilled" : code === 0 ? "Completed" : "Error";
    const msg = this.fs.readText(this.config.terminationMessagePath ?? "/dev/termination-log");
    if (msg) this.message = msg.slice(0, 4096);
    for (const p of this.processes()) void p.terminate?.(137, 9);
    this.netns.closeOwnedBy(this.id);
    this.log.flush();
    for (const l of this.exitListeners) l(this);
  }

  /** Live processes of this container (execs and children included). */
  processes(): ProcessEntry[] {
    return this.pidns.list().filter((p) => p.containerId === this.id);
  }

  /** The stop signal to PID 1, SIGKILL after the grace period. Settles when PID 1 has reacted. */
  stop(gracePeriodMs: number): Promise<void> {
    if (this.state !== "running" || !this.main) return Promise.resolve();
    if (gracePeriodMs <= 0) return this.killAll();
    this.killTimer ??= this.clock.after(gracePeriodMs, () => this.killAll(), `${this.name}: grace period over`);
    const sig = signalNumber(this.image.def.stopSignal ?? "SIGTERM") ?? 15;
    return deliverSignal(this.main.entry, sig).done;
  }

  /** SIGKILL to every process of the container. */
  killAll(): Promise<void> {
    const main = this.main?.entry;
    const others = this.processes().filter((p) => p !== main);
    return Promise.all([main && !main.exited ? main.terminate?.(137, 9) : undefined, ...others.map((p) => p.terminate?.(137, 9))]).then(() => undefined);
  }

  // ---- ContainerContext -----------------------------------------------------------------------

  kill(pid: number, signal: number, sender: ProcessEntry | undefined): "ok" | "ESRCH" | "EPERM" {
    const target = this.pidns.get(pid);
    if (!target || target.exited) return "ESRCH";
    if (sender && sender.uid !== 0 && sender.uid !== target.uid) return "EPERM";
    return deliverSignal(target, signal).result;
  }

  memoryBytes(): number {
    let n = this.pidns.usage(this.id, "memoryBytes");
    for (const v of this.volumes) n += v.memoryChargedTo(this.id);
    return n;
  }

  cpuMilli(): number {
    const n = this.pidns.usage(this.id, "cpuMilli");
    return Math.min(n, this.config.cpuLimitMilli ?? this.node.cpus * 1000, this.node.cpus * 1000);
  }

  resourcesChanged(): void {
    const limit = this.config.memoryLimitBytes;
    if (!limit || this.state !== "running" || this.oomKilled) return;
    if (this.memoryBytes() > limit) {
      // The kernel's OOM killer takes the whole container (memory.oom.group): exit 137, OOMKilled.
      this.oomKilled = true;
      void this.killAll();
    }
  }

  // ---- status and exec ------------------------------------------------------------------------

  status(): ContainerStatusInfo {
    return {
      id: this.id,
      name: this.name,
      state: this.state,
      createdAt: this.createdAt,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      exitCode: this.exitCode,
      reason: this.reason,
      message: this.message,
      imageRef: this.image.digestRef,
      memoryBytes: this.state === "running" ? this.memoryBytes() : 0,
      cpuMilli: this.state === "running" ? this.cpuMilli() : 0,
    };
  }

  exec(argv: string[], opts: { timeoutMs?: number; stdin?: string } = {}): ExecHandle {
    const callbacks: ((r: ExecResult) => void)[] = [];
    let result: ExecResult | undefined;
    const done = (r: ExecResult) => {
      if (result) return;
      result = r;
      for (const cb of callbacks.splice(0)) cb(r);
    };
    const handle = (settled: Promise<void>, kill: () => Promise<void>): ExecHandle => ({
      settled,
      get result() {
        return result;
      },
      onDone(cb) {
        if (result) cb(result);
        else callbacks.push(cb);
      },
      kill,
    });
    if (this.state !== "running") {
      done({ exitCode: 126, stdout: "", stderr: "", timedOut: false, startError: "OCI runtime exec failed: exec failed: cannot exec in a stopped container: unknown" });
      return handle(Promise.resolve(), () => Promise.resolve());
    }
    const found = argv.length ? this.launcher.resolve(argv[0], this.env, this.cwd) : { error: `exec: "": executable file not found in $PATH` };
    if ("error" in found) {
      const notFound = found.error.includes("not found") || found.error.includes("no such file");
      done({ exitCode: notFound ? 127 : 126, stdout: "", stderr: "", timedOut: false, startError: `OCI runtime exec failed: exec failed: unable to start container process: ${found.error}: unknown` });
      return handle(Promise.resolve(), () => Promise.resolve());
    }
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const child = this.launcher.spawn(
      {
        argv,
        env: this.env,
        cwd: this.cwd,
        stdin: opts.stdin ?? "",
        uid: this.identity.uid,
        gid: this.identity.gid,
        groups: this.identity.groups,
        write: (s, t) => (s === "stdout" ? (stdout += t) : (stderr += t)),
      },
      0,
    );
    const timer = opts.timeoutMs !== undefined ? this.clock.after(opts.timeoutMs, () => {
      timedOut = true;
      return child.entry.terminate?.(137, 9) ?? undefined;
    }, `exec timeout in ${this.name}`) : undefined;
    void child.exit.then((code) => {
      timer?.cancel();
      done({ exitCode: code, stdout, stderr, timedOut });
    });
    return handle(child.start(), () => Promise.resolve(child.entry.terminate?.(137, 9)));
  }

  /** The short image name as kubectl shows it. */
  imageName(): string {
    const p = parseImageReference(this.image.ref);
    return p.ok ? familiarName(p.ref) : this.image.ref;
  }
}

/**
 * The filesystem context of a host's containers with a shell: made once for them all, as it holds
 * nothing of a container's own (the acting process is found when asked for).
 */
function fsContextOf(host: ContainerHost, shell: ShellKind): ContainerFsContext {
  let byShell = fsContexts.get(host);
  if (!byShell) fsContexts.set(host, (byShell = new Map()));
  let ctx = byShell.get(shell);
  if (!ctx) byShell.set(shell, (ctx = new ContainerFsContext(host.cluster.clock, host.cluster.clock.epochMs, host.ino, host.scheduler, shell)));
  return ctx;
}

const fsContexts = new WeakMap<ContainerHost, Map<ShellKind, ContainerFsContext>>();

/**
 * What a container's filesystem asks of it: the clock, and the process acting now (its credentials,
 * its output). A class, not an object of closures: the containers of a host share one per shell.
 */
class ContainerFsContext implements FsContext {
  constructor(
    private readonly clock: Cluster["clock"],
    readonly epochMs: number,
    readonly ino: InodeCounter,
    private readonly scheduler: ProcessScheduler,
    private readonly shell: ShellKind,
  ) {}

  now(): number {
    return this.clock.now;
  }

  /** The acting process's credentials: the process entry itself (it has every field), or root. */
  identity(): FsIdentity {
    return actingProcess(this.scheduler) ?? ROOT_IDENTITY;
  }

  redirectFailed(path: string, code: string): void {
    actingProcess(this.scheduler)?.write("stderr", redirectError(path, code, FLAVOURS[this.shell]));
  }

  writeStream(fd: 1 | 2, text: string): void {
    actingProcess(this.scheduler)?.write(fd === 1 ? "stdout" : "stderr", text);
  }
}

export { RUNTIME_DATA };
