/**
 * HostFs: the parts of a node's own filesystem that hostPath volumes reach. Paths that exist on a
 * fresh node (/etc, /var/log, /run/containerd/containerd.sock, /dev/null, ...) pass hostPath type
 * checks; DirectoryOrCreate and FileOrCreate add paths; a directory's content is one VolumeFs shared by
 * every pod on the node that mounts it, and it outlives the pods.
 */
import type { VolumeFs } from "../../runtime/cri";
import type { VolumeFactory } from "../context";

export type HostPathKind = "dir" | "file" | "socket" | "char" | "block";

const HOST_DIRS = [
  "/", "/etc", "/etc/kubernetes", "/etc/kubernetes/manifests", "/etc/ssl", "/etc/ssl/certs", "/var", "/var/log", "/var/log/pods",
  "/var/log/containers", "/var/lib", "/var/lib/kubelet", "/var/run", "/run", "/run/containerd", "/tmp", "/usr", "/usr/share",
  "/usr/local", "/usr/local/bin", "/opt", "/home", "/root", "/srv", "/mnt", "/dev", "/proc", "/sys", "/lib", "/lib/modules",
];
const HOST_FILES: [string, HostPathKind][] = [
  ["/etc/hosts", "file"], ["/etc/hostname", "file"], ["/etc/resolv.conf", "file"], ["/etc/localtime", "file"], ["/etc/timezone", "file"],
  ["/etc/os-release", "file"], ["/etc/passwd", "file"], ["/etc/group", "file"], ["/run/containerd/containerd.sock", "socket"],
  ["/var/run/containerd/containerd.sock", "socket"], ["/dev/null", "char"], ["/dev/zero", "char"], ["/dev/random", "char"],
  ["/dev/urandom", "char"], ["/dev/tty", "char"], ["/dev/fuse", "char"], ["/dev/kmsg", "char"], ["/dev/sda", "block"],
];

function normalize(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}

function parentOf(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

export class HostFs {
  private kinds = new Map<string, HostPathKind>();
  private volumes = new Map<string, VolumeFs>();

  constructor(
    private readonly factory: VolumeFactory,
    /** Initial content of host files a pod may read (/etc/hostname, /etc/os-release, ...). */
    private readonly seed: (dir: string) => Record<string, string> = () => ({}),
  ) {
    for (const d of HOST_DIRS) this.kinds.set(d, "dir");
    for (const [f, k] of HOST_FILES) this.kinds.set(f, k);
  }

  kind(path: string): HostPathKind | undefined {
    return this.kinds.get(normalize(path));
  }

  /** Creates a directory (and its parents). */
  mkdirAll(path: string): void {
    let p = normalize(path);
    const chain: string[] = [];
    while (!this.kinds.has(p)) {
      chain.push(p);
      p = parentOf(p);
    }
    for (const d of chain) this.kinds.set(d, "dir");
  }

  /** Creates an empty file (and its parent directories). */
  touch(path: string): void {
    const p = normalize(path);
    this.mkdirAll(parentOf(p));
    if (!this.kinds.has(p)) this.kinds.set(p, "file");
  }

  /**
   * The volume for a host directory: the nearest ancestor that already has one (with a subPath), so
   * two hostPath volumes on /data and /data/app see the same files.
   */
  dir(path: string): { fs: VolumeFs; subPath?: string } {
    const p = normalize(path);
    for (let a = p; ; a = parentOf(a)) {
      const fs = this.volumes.get(a);
      if (fs) return a === p ? { fs } : { fs, subPath: p.slice(a === "/" ? 1 : a.length + 1) };
      if (a === "/") break;
    }
    const fs = this.factory.create({ name: `host${p}`, type: "hostPath" });
    const seed = this.seed(p);
    if (Object.keys(seed).length > 0) fs.writeFiles(Object.fromEntries(Object.entries(seed).map(([k, v]) => [k, { content: v }])));
    this.volumes.set(p, fs);
    return { fs };
  }

  /**
   * `rm -rf path`: the path and everything under it go (a provisioner deleting a volume's directory).
   * Pods that still mount it keep the old tree; the next mount gets an empty directory.
   */
  removeAll(path: string): void {
    const p = normalize(path);
    if (p === "/") return;
    const under = (k: string) => k === p || k.startsWith(`${p}/`);
    for (const k of [...this.kinds.keys()]) if (under(k)) this.kinds.delete(k);
    for (const k of [...this.volumes.keys()]) if (under(k)) this.volumes.delete(k);
  }

  /** The volume for a host file: its directory's volume with the file as subPath. */
  file(path: string): { fs: VolumeFs; subPath: string } {
    const p = normalize(path);
    const dir = this.dir(parentOf(p));
    const base = p.slice(p.lastIndexOf("/") + 1);
    return { fs: dir.fs, subPath: dir.subPath ? `${dir.subPath}/${base}` : base };
  }
}
