/**
 * The lookup half of a container's filesystem view: the mount table over the image's root filesystem,
 * path resolution through mounts and symlinks with permission checks, and copy-on-write of shared
 * nodes. ContainerFs (container-fs.ts) adds the file operations on top.
 */
import { FsError } from "./errors";
import { type DirNode, type FileNode, type FsNode, type InodeCounter, thaw } from "./nodes";
import { normalizePath, resolveAgainst } from "./paths";

/** Who is acting on the filesystem: the current process's credentials. */
export interface FsIdentity {
  uid: number;
  gid: number;
  groups: readonly number[];
  /** The container the process belongs to (memory accounting of tmpfs writes). */
  containerId?: string;
  /** The process's pid as its /proc shows it. */
  pid?: number;
}

/** What a filesystem needs from the runtime around it. */
export interface FsContext {
  /** Virtual ms now. */
  now(): number;
  /** The credentials of the process currently running (root when none). */
  identity(): FsIdentity;
  ino: InodeCounter;
  /** Unix ms of virtual time 0, so dates shown are virtual calendar dates. */
  epochMs: number;
  /**
   * A shell could not open a redirection target (`echo x > /readonly/file`). The shell reports it
   * in its own words; the write itself is dropped.
   */
  redirectFailed?(path: string, code: string): void;
  /** Output of the acting process (`/proc/self/fd/1` and `2`): its container log or its exec's buffers. */
  writeStream?(fd: 1 | 2, text: string): void;
}

/** A mounted filesystem: a volume's root (or a sub-path of it), a device tree, /proc. */
export interface MountEntry {
  /** Normalised absolute mount point. */
  path: string;
  /** What `mount` and `df` show: the source device and filesystem type. */
  source?: string;
  fsType?: string;
  root: FsNode;
  readOnly: boolean;
  /** Called after a write under this mount (volume usage and memory accounting). */
  onWrite?: (node: FileNode) => void;
}

/** What `mount` and `df` show for what lives on the node's own disk (volumes, the termination-log). */
export const NODE_DISK = { source: "/dev/sda1", fsType: "ext4" } as const;

/**
 * A writable mount of one file on the node's disk whose node is made or found when first used
 * (the termination log, a sandbox's /etc files).
 */
export abstract class NodeDiskFileMount implements MountEntry {
  constructor(public path: string) {}

  // The same for every such mount, so not kept by each.
  get readOnly(): boolean {
    return false;
  }

  get source(): string {
    return NODE_DISK.source;
  }

  get fsType(): string {
    return NODE_DISK.fsType;
  }

  abstract get root(): FsNode;
}

export interface Resolved {
  /** The node found, or undefined when only the parent exists. */
  node: FsNode | undefined;
  parent: DirNode;
  name: string;
  /** Absolute path of the node after symlinks. */
  path: string;
  mount: MountEntry | undefined;
  /** The node is a mount point (cannot be removed or renamed). */
  isMountPoint: boolean;
}

export const ROOT_IDENTITY: FsIdentity = { uid: 0, gid: 0, groups: [] };
const MAX_SYMLINKS = 40;
/** What a quiet walk throws: not an Error, so no stack is captured. */
const LOOKUP_FAILED = Symbol("lookup failed");

function failure(code: string, syscall: string, path: string, quiet: boolean): unknown {
  return quiet ? LOOKUP_FAILED : new FsError(code, syscall, path);
}

/** Mount table and path resolution shared by ContainerFs's operations. */
export abstract class MountNamespace {
  /**
   * The mount entries in mounting order, found by a walk over them: a container has eight or so and
   * keeps them for life, and a Map of them cost several times what a list at its exact size does.
   */
  protected mounts: MountEntry[] = [];

  /**
   * `root` may be a shared, frozen tree (an image's): it is copied when something first writes
   * under it, so a container that never writes to its own filesystem keeps none of it.
   */
  constructor(
    protected root: DirNode,
    protected readonly ctx: FsContext,
    mounts: MountEntry[] = [],
  ) {
    for (const m of mounts) this.mount(m);
  }

  /** Mounts a filesystem at `entry.path` (replacing what the path held, as a bind mount does). */
  mount(entry: MountEntry): void {
    // The entry itself, not a copy: a lazily built one (LazyMount) keeps its root getter.
    const path = normalizePath(entry.path);
    if (entry.path !== path) entry.path = path;
    const mounts = this.mounts;
    for (let i = 0; i < mounts.length; i++) {
      if (mounts[i].path === path) {
        // Mounting over a mount point keeps its place in the table, as the map this was did.
        mounts[i] = entry;
        return;
      }
    }
    this.mounts = mounts.concat(entry);
  }

  /** The entry mounted at a normalised path. */
  protected mountAt(path: string): MountEntry | undefined {
    const mounts = this.mounts;
    for (let i = 0; i < mounts.length; i++) if (mounts[i].path === path) return mounts[i];
    return undefined;
  }

  /** The root directory of the namespace's own tree (under its mounts). */
  get rootDir(): DirNode {
    return this.root;
  }

  /** The mount entries, for `mount`/`df`-like listings. */
  mountList(): MountEntry[] {
    return this.mounts.slice();
  }

  // ---- lookup -------------------------------------------------------------------------------

  /** Finds a path's node. `follow` resolves a final symlink; `forWrite` un-shares directories on the way. */
  resolve(path: string, syscall: string, follow = true, forWrite = false): Resolved {
    return this.walk(normalizePath(path), path, syscall, follow, forWrite, 0);
  }

  /**
   * Walks a normalised path. `quiet` (lookups, which only want to know whether the path exists)
   * throws a bare marker instead of an FsError: building the error's message and stack for every
   * missing path was most of the cost of setting up a container's mounts.
   */
  protected walk(abs: string, orig: string, syscall: string, follow: boolean, forWrite: boolean, depth: number, quiet = false): Resolved {
    if (depth > MAX_SYMLINKS) throw failure("ELOOP", syscall, orig, quiet);
    const id = this.ctx.identity();
    if (forWrite && this.root.frozen) this.root = thaw(this.root);
    let cur: DirNode = this.root;
    let curMount: MountEntry | undefined = this.mountAt("/");
    if (curMount && curMount.root.kind === "dir") cur = curMount.root;
    if (abs === "/") return { node: cur, parent: cur, name: "", path: "/", mount: curMount, isMountPoint: !!curMount };
    // The components are walked by their place in `abs` (normalised): the path of the directory
    // reached at a component is the prefix of `abs` ending there, so none is built along the way.
    let start = 1;
    for (;;) {
      const slash = abs.indexOf("/", start);
      const end = slash < 0 ? abs.length : slash;
      const name = abs.slice(start, end);
      const last = end === abs.length;
      if (!canAccess(cur, id, 1)) throw failure("EACCES", syscall, orig, quiet);
      const mounted = this.mountEndingAt(abs, end);
      let child: FsNode | undefined = mounted ? mounted.root : this.child(cur, name);
      if (child && !mounted && forWrite && child.frozen && child.kind === "dir") {
        child = thaw(child);
        cur.children.set(name, child);
      }
      if (!child) {
        if (last) return { node: undefined, parent: cur, name, path: abs, mount: curMount, isMountPoint: false };
        throw failure("ENOENT", syscall, orig, quiet);
      }
      if (child.kind === "symlink" && (!last || follow)) {
        const rest = last ? "" : abs.slice(end + 1);
        const target = resolveAgainst(start === 1 ? "/" : abs.slice(0, start - 1), child.target);
        return this.walk(normalizePath(rest ? `${target}/${rest}` : target), orig, syscall, follow, forWrite, depth + 1, quiet);
      }
      if (last) return { node: child, parent: cur, name, path: abs, mount: mounted ?? curMount, isMountPoint: !!mounted };
      if (child.kind !== "dir") throw failure("ENOTDIR", syscall, orig, quiet);
      cur = child;
      if (mounted) curMount = mounted;
      start = end + 1;
    }
  }

  /** The entry mounted at the first `end` characters of `abs`, found without cutting them out. */
  private mountEndingAt(abs: string, end: number): MountEntry | undefined {
    const mounts = this.mounts;
    for (let i = 0; i < mounts.length; i++) {
      const path = mounts[i].path;
      if (path.length === end && abs.startsWith(path)) return mounts[i];
    }
    return undefined;
  }

  protected child(dir: DirNode, name: string): FsNode | undefined {
    return dir.children.get(name) ?? dir.generate?.().get(name);
  }

  /** The node at a path, or undefined. Never throws. */
  lookup(path: string, follow = true): FsNode | undefined {
    try {
      return this.walk(normalizePath(path), path, "stat", follow, false, 0, true).node;
    } catch {
      return undefined;
    }
  }

  protected existing(path: string, syscall: string, follow = true, forWrite = false): Resolved & { node: FsNode } {
    const r = this.resolve(path, syscall, follow, forWrite);
    if (!r.node) throw new FsError("ENOENT", syscall, path);
    return r as Resolved & { node: FsNode };
  }

  protected writable(r: Resolved, syscall: string, path: string): void {
    if (r.mount?.readOnly) throw new FsError("EROFS", syscall, path);
  }

  /** Replaces a shared file with a private copy before it changes. */
  protected ownFile(r: Resolved & { node: FsNode }): FileNode {
    let node = r.node as FileNode;
    if (node.frozen && !r.isMountPoint) {
      node = thaw(node);
      r.parent.children.set(r.name, node);
    }
    return node;
  }
}

/** The three permission classes: 4 read, 2 write, 1 execute/search. Root passes except for execute. */
export function canAccess(node: FsNode, id: FsIdentity, want: 1 | 2 | 4): boolean {
  if (id.uid === 0) return want !== 1 || node.kind === "dir" || (node.mode & 0o111) !== 0;
  const m = node.mode;
  if (id.uid === node.uid) return ((m >> 6) & want) !== 0;
  if (id.gid === node.gid || id.groups.includes(node.gid)) return ((m >> 3) & want) !== 0;
  return (m & want) !== 0;
}
