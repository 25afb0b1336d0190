/**
 * The kernel's filesystems inside a container: /dev (null, zero, urandom, stdout/stderr that reach
 * the acting process's output, shm, the termination-log file) and /proc (one directory per process
 * of the PID namespace, self, and the host facts tools read: version, uptime, meminfo, cpuinfo,
 * mounts, a fresh random uuid each read).
 */
import type { ProcessEntry, PidNamespace } from "../process/process-table";
import { type MountEntry, NodeDiskFileMount } from "./mount-ns";
import { type DirNode, type FileNode, type FsNode, InodeCounter, makeDir, makeFile, makeSymlink } from "./nodes";

/**
 * What reading /dev/zero yields (tools read what they need of it: `head -c 1M /dev/zero`). Made on
 * first read, flat: "\0".repeat builds a tree of pieces several times its size.
 */
let zeroes: string | undefined;
const readZeroes = () => (zeroes ??= new TextDecoder().decode(new Uint8Array(2 * 1024 * 1024)));

// Readers and writers that depend on nothing: one function each, shared by every container's
// /dev and /proc (they are built for each container, so closures per node would add up).
const readNothing = () => "";
const writeNowhere = (): undefined => undefined;
const readVersion = () => "Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)\n";
const readLoadavg = () => "0.08 0.03 0.01 1/214 42\n";
const readFilesystems = () => "nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\toverlay\n\text4\n";
const readBootId = () => "3f8e2b1c-7d4a-4e2f-9a6b-1c5d8e7f2a3b\n";
const readPidMax = () => "4194304\n";

export interface SpecialContext {
  ino: InodeCounter;
  now(): number;
  pidns: () => PidNamespace;
  acting(): ProcessEntry | undefined;
  randomHex(n: number): string;
  randomUuid(): string;
  hostname(): string;
  node: { cpus: number; memoryBytes: number };
  mounts(): { source: string; path: string; fsType: string; readOnly: boolean }[];
}

function device(ino: InodeCounter, read: () => string, write?: (text: string) => void, mode = 0o666): FileNode {
  return { kind: "file", data: "", mode, uid: 0, gid: 0, mtime: 0, ino: ino.take(), read, write: write ?? writeNowhere };
}

/** The kernel filesystems a container mounts, in mounting order: where, and what `mount` shows. */
export const KERNEL_MOUNTS = [
  { path: "/proc", source: "proc", fsType: "proc" },
  { path: "/dev", source: "tmpfs", fsType: "tmpfs" },
  { path: "/dev/shm", source: "shm", fsType: "tmpfs" },
] as const;

/**
 * A kernel filesystem (/proc, /dev) built on first use: most containers never look into theirs, and
 * built for each container they were a good part of its memory. Where it is mounted and what `mount`
 * shows of it are the same for every container: an entry keeps only which one it is, its builder
 * and what was built.
 */
export class LazyMount implements MountEntry {
  private built: FsNode | undefined;

  constructor(
    /** An index into KERNEL_MOUNTS. */
    private readonly which: number,
    /** Builds the tree; one builder (the container) serves all its kernel mounts, by path. */
    private readonly builder: KernelFsBuilder,
  ) {}

  get path(): string {
    return KERNEL_MOUNTS[this.which].path;
  }

  get source(): string {
    return KERNEL_MOUNTS[this.which].source;
  }

  get fsType(): string {
    return KERNEL_MOUNTS[this.which].fsType;
  }

  get readOnly(): boolean {
    return false;
  }

  get root(): FsNode {
    return (this.built ??= this.builder.buildKernelFs(this.path));
  }
}

/**
 * The termination-log file a container's runtime mounts (terminationMessagePath): empty and
 * writable, made when first used — at the latest when the kubelet reads it as the container ends —
 * with the inode number and time it was given when the container was created.
 */
export class TerminationLogMount extends NodeDiskFileMount {
  private file: FileNode | undefined;

  constructor(
    path: string,
    private readonly ino: number,
    private readonly createdAt: number,
  ) {
    super(path);
  }

  get root(): FsNode {
    return (this.file ??= makeFile(new InodeCounter(this.ino), "", 0o666, 0, 0, this.createdAt));
  }
}

/** What builds a container's kernel filesystems when first used. */
export interface KernelFsBuilder {
  /** The tree to mount at `path` ("/proc", "/dev", "/dev/shm"). */
  buildKernelFs(path: string): FsNode;
}

/** /dev; `placeholders` are empty files for mount points inside it (the termination-log). */
export function buildDev(ctx: SpecialContext, placeholders: readonly string[] = []): DirNode {
  const { ino } = ctx;
  const dev = makeDir(ino, 0o755, 0, 0, 0);
  const set = (name: string, node: FsNode) => dev.children.set(name, node);
  set("null", device(ino, readNothing));
  set("zero", device(ino, readZeroes));
  set("full", device(ino, readZeroes));
  const random = () => {
    const hex = ctx.randomHex(8192);
    let s = "";
    for (let i = 0; i < hex.length; i += 2) s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
    return s;
  };
  set("random", device(ino, random));
  set("urandom", device(ino, random));
  set("stdin", device(ino, readNothing));
  set("stdout", device(ino, readNothing, (t) => ctx.acting()?.write("stdout", t)));
  set("stderr", device(ino, readNothing, (t) => ctx.acting()?.write("stderr", t)));
  set("tty", device(ino, readNothing));
  set("fd", makeSymlink(ino, "/proc/self/fd", 0, 0, 0));
  set("ptmx", makeSymlink(ino, "pts/ptmx", 0, 0, 0));
  set("core", makeSymlink(ino, "/proc/kcore", 0, 0, 0));
  const shm = makeDir(ino, 0o1777, 0, 0, 0);
  set("shm", shm);
  set("pts", makeDir(ino, 0o755, 0, 0, 0));
  set("mqueue", makeDir(ino, 0o1777, 0, 0, 0));
  for (const name of placeholders) if (!dev.children.has(name)) set(name, makeFile(ino, "", 0o644, 0, 0, 0));
  return dev;
}

function procFile(ino: InodeCounter, read: () => string): FileNode {
  return { kind: "file", data: "", mode: 0o444, uid: 0, gid: 0, mtime: 0, ino: ino.take(), read };
}

export function buildProc(ctx: SpecialContext): DirNode {
  const { ino } = ctx;
  const proc = makeDir(ino, 0o555, 0, 0, 0);
  const staticFiles: Record<string, () => string> = {
    version: readVersion,
    uptime: () => {
      const up = ctx.now() / 1000 + 273_600;
      return `${up.toFixed(2)} ${(up * 3.7).toFixed(2)}\n`;
    },
    loadavg: readLoadavg,
    meminfo: () => {
      const kb = Math.floor(ctx.node.memoryBytes / 1024);
      return `MemTotal:       ${String(kb).padStart(8)} kB\nMemFree:        ${String(Math.floor(kb * 0.6)).padStart(8)} kB\nMemAvailable:   ${String(Math.floor(kb * 0.78)).padStart(8)} kB\nBuffers:        ${String(98012).padStart(8)} kB\nCached:         ${String(Math.floor(kb * 0.2)).padStart(8)} kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n`;
    },
    cpuinfo: () =>
      Array.from({ length: ctx.node.cpus }, (_, i) => `processor\t: ${i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu MHz\t\t: 2200.000\ncpu cores\t: ${ctx.node.cpus}\n\n`).join(""),
    mounts: () => ctx.mounts().map((m) => `${m.source} ${m.path} ${m.fsType} ${m.readOnly ? "ro" : "rw"},relatime 0 0\n`).join(""),
    filesystems: readFilesystems,
  };
  for (const [name, read] of Object.entries(staticFiles)) proc.children.set(name, procFile(ino, read));
  const sys = makeDir(ino, 0o555, 0, 0, 0);
  const kernel = makeDir(ino, 0o555, 0, 0, 0);
  const rnd = makeDir(ino, 0o555, 0, 0, 0);
  rnd.children.set("uuid", procFile(ino, () => `${ctx.randomUuid()}\n`));
  rnd.children.set("boot_id", procFile(ino, readBootId));
  kernel.children.set("random", rnd);
  kernel.children.set("hostname", procFile(ino, () => `${ctx.hostname()}\n`));
  kernel.children.set("pid_max", procFile(ino, readPidMax));
  sys.children.set("kernel", kernel);
  proc.children.set("sys", sys);
  // Per-process directories, built when looked up (their content reflects the process now).
  const cache = new Map<number, { entry: ProcessEntry; dir: DirNode }>();
  proc.generate = () => {
    const out = new Map<string, FsNode>();
    const acting = ctx.acting();
    for (const p of ctx.pidns().list()) {
      let c = cache.get(p.pid);
      if (!c || c.entry !== p) {
        c = { entry: p, dir: pidDir(ctx, p) };
        cache.set(p.pid, c);
      }
      out.set(String(p.pid), c.dir);
    }
    out.set("self", makeSymlink(ino, String(acting?.pid ?? 1), 0, 0, 0));
    out.set("thread-self", makeSymlink(ino, `${acting?.pid ?? 1}/task/${acting?.pid ?? 1}`, 0, 0, 0));
    return out;
  };
  return proc;
}

function pidDir(ctx: SpecialContext, p: ProcessEntry): DirNode {
  const { ino } = ctx;
  const dir = makeDir(ino, 0o555, p.uid, p.gid, p.startedAt);
  dir.children.set("cmdline", procFile(ino, () => p.argv.join("\0") + "\0"));
  dir.children.set("comm", procFile(ino, () => `${(p.argv[0] ?? "").split("/").pop()!.slice(0, 15)}\n`));
  dir.children.set(
    "status",
    procFile(ino, () => `Name:\t${(p.argv[0] ?? "").split("/").pop()!.slice(0, 15)}\nState:\tS (sleeping)\nTgid:\t${p.pid}\nPid:\t${p.pid}\nPPid:\t${p.ppid}\nUid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}\nGid:\t${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}\nGroups:\t${p.groups.join(" ")} \nVmRSS:\t${String(Math.round(p.memoryBytes / 1024)).padStart(8)} kB\nThreads:\t1\nCapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\n`),
  );
  const fd = makeDir(ino, 0o500, p.uid, p.gid, p.startedAt);
  fd.children.set("0", device(ino, readNothing));
  fd.children.set("1", device(ino, readNothing, (t) => p.write("stdout", t)));
  fd.children.set("2", device(ino, readNothing, (t) => p.write("stderr", t)));
  dir.children.set("fd", fd);
  dir.children.set("cwd", makeSymlink(ino, "/", p.uid, p.gid, p.startedAt));
  dir.children.set("exe", makeSymlink(ino, p.argv[0] ?? "", p.uid, p.gid, p.startedAt));
  return dir;
}
