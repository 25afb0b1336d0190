/**
 * Volume is the runtime's VolumeFs: one filesystem tree shared by every container (and, for hostPath,
 * every pod on the node) that mounts it. configMap, secret, downwardAPI and projected volumes are
 * written the way the kubelet's atomic writer does (a timestamped directory, a `..data` symlink and
 * one symlink per key); `medium: Memory` volumes charge their bytes to the writing container.
 */
import type { FileContent, VolumeFiles, VolumeFs } from "../cri";
import type { FsContext, MountEntry } from "./container-fs";
import { FsError } from "./errors";
import { type DirNode, type FileNode, type FsNode, makeDeferredFile, makeDir, makeFile, makeSymlink, treeBytes } from "./nodes";
import { splitPath, normalizePath } from "./paths";
import { storedToText } from "./content";

/** File names and link targets every pod's volumes repeat ("token", "..data/ca.crt"), kept once. */
const names = new Map<string, string>();
const MAX_NAMES = 4_096;

function shared(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size < MAX_NAMES) names.set(name, name);
  return name;
}

/** Volume types whose content the kubelet writes through its atomic writer. */
const ATOMIC_TYPES = new Set(["configMap", "secret", "downwardAPI", "projected"]);

export interface VolumeOptions {
  name: string;
  type: string;
  /** emptyDir medium: "Memory" is a tmpfs whose bytes count against the pod's memory. */
  medium?: string;
  /** A tree to share instead of a fresh one (hostPath: a directory of the node's filesystem). */
  root?: FsNode;
  /** Digits for the atomic writer's directory names, from the seeded random source. */
  randomDigits?: () => string;
}

export class Volume implements VolumeFs {
  readonly name: string;
  readonly type: string;
  readonly medium: string;
  readonly root: FsNode;
  private generation: string | undefined;

  constructor(
    private readonly ctx: FsContext,
    opts: VolumeOptions,
  ) {
    this.name = opts.name;
    this.type = opts.type;
    this.medium = opts.medium ?? "";
    // emptyDir is world-writable (drwxrwxrwx); the atomic-writer volumes are root's (drwxrwxrwt is tmpfs).
    this.root = opts.root ?? makeDir(ctx.ino, opts.type === "emptyDir" ? 0o777 : ATOMIC_TYPES.has(opts.type) ? 0o1777 : 0o755, 0, 0, ctx.now());
    this.randomDigits = opts.randomDigits;
  }

  private readonly randomDigits: (() => string) | undefined;

  writeFiles(files: VolumeFiles): void {
    if (this.root.kind !== "dir") throw new FsError("ENOTDIR", "open", this.name);
    if (ATOMIC_TYPES.has(this.type)) this.writeAtomic(this.root, files);
    else for (const [path, f] of Object.entries(files)) this.put(this.root, path, f.content, f.mode ?? 0o644);
  }

  /** The kubelet's AtomicWriter layout: `..<timestamp>/<files>`, `..data -> ..<timestamp>`, `<key> -> ..data/<key>`. */
  private writeAtomic(root: DirNode, files: VolumeFiles): void {
    const now = this.ctx.now();
    const iso = new Date(this.ctx.epochMs + now).toISOString();
    const dirName = `..${iso.slice(0, 19).replace(/[-T:]/g, "_")}.${this.randomDigits ? this.randomDigits() : String(this.ctx.ino.take())}`;
    const gen = makeDir(this.ctx.ino, 0o755, 0, root.gid, now);
    for (const [path, f] of Object.entries(files)) this.put(gen, path, f.content, f.mode ?? 0o644, root.gid);
    const previous = this.generation;
    root.children.set(dirName, gen);
    root.children.set("..data", makeSymlink(this.ctx.ino, dirName, 0, root.gid, now));
    const tops = new Set(Object.keys(files).map((p) => shared(splitPath(normalizePath(p))[0])));
    for (const [name, node] of [...root.children]) {
      if (name.startsWith("..")) continue;
      if (node.kind === "symlink" && !tops.has(name)) root.children.delete(name);
    }
    for (const top of tops) root.children.set(top, makeSymlink(this.ctx.ino, shared(`..data/${top}`), 0, root.gid, now));
    if (previous && previous !== dirName) root.children.delete(previous);
    this.generation = dirName;
  }

  private put(dir: DirNode, path: string, content: FileContent, mode: number, gid = 0): void {
    const comps = splitPath(normalizePath(path)).map(shared);
    let cur = dir;
    for (const c of comps.slice(0, -1)) {
      let next = cur.children.get(c);
      if (!next || next.kind !== "dir") {
        next = makeDir(this.ctx.ino, 0o755, 0, gid, this.ctx.now());
        cur.children.set(c, next);
      }
      cur = next;
    }
    const now = this.ctx.now();
    const file = typeof content === "string" ? makeFile(this.ctx.ino, content, mode & 0o7777, 0, gid, now) : makeDeferredFile(this.ctx.ino, content, mode & 0o7777, 0, gid, now);
    cur.children.set(comps[comps.length - 1], file);
  }

  readFile(path: string): string | undefined {
    const node = this.followLinks(path);
    return node?.kind === "file" ? storedToText(node.read ? node.read() : node.data) : undefined;
  }

  usedBytes(): number {
    return treeBytes(this.root);
  }

  /** Bytes of a memory-backed volume that a container wrote (they count against its memory). */
  memoryChargedTo(containerId: string): number {
    if (this.medium !== "Memory") return 0;
    let n = 0;
    const visit = (node: FsNode) => {
      if (node.kind === "dir") for (const c of node.children.values()) visit(c);
      else if (node.kind === "file" && node.chargedTo === containerId) n += treeBytes(node);
    };
    visit(this.root);
    return n;
  }

  /** Gives the volume to a pod's fsGroup as the kubelet does: group ownership, setgid directories, g+rw. */
  applyFsGroup(gid: number): void {
    const visit = (node: FsNode) => {
      node.gid = gid;
      if (node.kind === "dir") {
        node.mode |= 0o2070;
        for (const c of node.children.values()) visit(c);
      } else if (node.kind === "file") node.mode |= 0o060;
    };
    visit(this.root);
  }

  /**
   * The mount entry for a container: the whole volume or one sub-path of it (created as a directory
   * when missing, as the kubelet does).
   */
  mountEntry(containerPath: string, subPath: string | undefined, readOnly: boolean): MountEntry {
    if (!subPath) return { path: containerPath, root: this.root, readOnly };
    const found = this.followLinks(subPath);
    if (found) return { path: containerPath, root: found, readOnly };
    let dir = this.root;
    for (const c of splitPath(normalizePath(subPath))) {
      if (dir.kind !== "dir") throw new FsError("ENOTDIR", "mount", subPath);
      let next = dir.children.get(c);
      if (!next) {
        next = makeDir(this.ctx.ino, 0o755, 0, this.root.gid, this.ctx.now());
        dir.children.set(c, next);
      }
      dir = next;
    }
    return { path: containerPath, root: dir, readOnly };
  }

  /** The node at `path` in this volume after symlinks (atomic-writer keys are symlinks). */
  private followLinks(path: string): FsNode | undefined {
    let node: FsNode | undefined = this.root;
    let comps = splitPath(normalizePath(path));
    let hops = 0;
    for (let i = 0; i < comps.length && node; i++) {
      if (node.kind !== "dir") return undefined;
      node = node.children.get(comps[i]);
      if (node?.kind === "symlink") {
        if (hops++ > 40) return undefined;
        comps = [...splitPath(normalizePath("/" + [...comps.slice(0, i), node.target].join("/"))), ...comps.slice(i + 1)];
        node = this.root;
        i = -1;
      }
    }
    return node;
  }
}

/** A file node's text, for tests. */
export function fileText(node: FileNode): string {
  return storedToText(node.data);
}
