/**
 * Volume is the runtime's VolumeFs: one filesystem tree shared by every container (and, for hostPath,
 * every pod on the node) that mounts it. configMap, secret, downwardAPI and projected volumes are
 * written the way the kubelet's atomic writer does (a timestamped directory, a `..data` symlink and
 * one symlink per key); `medium: Memory` volumes charge their bytes to the writing container.
 *
 * Most pods never look into their volumes (the service account token, /etc/hosts), so a volume's
 * first files are laid out when something first looks: writing sets aside the inode numbers, the
 * time and the atomic writer's directory name the layout will use, and the tree is built from them
 * later, exactly as it would have been built then.
 */
import type { FileContent, VolumeFiles, VolumeFs } from "../cri";
import type { FsContext, MountEntry } from "./container-fs";
import { NODE_DISK, NodeDiskFileMount } from "./mount-ns";
import { FsError } from "./errors";
import { type DirNode, type FileNode, type FsNode, InodeCounter, makeDeferredFile, makeDir, makeFile, makeSymlink, treeBytes } from "./nodes";
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

/**
 * A volume's root directory, whose entries are made when something first looks at them: the files
 * written before then are laid out at that moment, from what writeFiles set aside (see `defer`).
 */
class VolumeRoot implements DirNode {
  readonly kind = "dir";
  private entries: Map<string, FsNode> | undefined;
  /** Files written but not laid out yet, and what their layout uses: the write's time, the first of its inode numbers, its group, and the atomic writer's directory name (plain layouts have none). */
  private files: VolumeFiles | undefined;
  private writtenAt = 0;
  private firstIno = 0;
  private filesGid = 0;
  private dirName: string | undefined;

  constructor(
    public mode: number,
    public uid: number,
    public gid: number,
    public mtime: number,
    public ino: number,
  ) {}

  get children(): Map<string, FsNode> {
    const entries = (this.entries ??= new Map());
    const files = this.files;
    if (files) {
      const dirName = this.dirName;
      this.files = undefined;
      this.dirName = undefined;
      const ino = new InodeCounter(this.firstIno);
      if (dirName !== undefined) layOutAtomic(this, files, ino, this.writtenAt, dirName, this.filesGid, undefined);
      else layOutPlain(this, files, ino, this.writtenAt);
      // WARNING: the numbers were reserved by count (inodesFor); a layout taking more would reuse later nodes' numbers.
      if (ino.take() !== this.firstIno + inodesFor(files, dirName !== undefined)) throw new Error("volume layout took other inode numbers than it reserved");
    }
    return entries;
  }

  /** True until something looks into the directory or writes into it. */
  get untouched(): boolean {
    return this.entries === undefined && this.files === undefined;
  }

  /** True while written files wait to be laid out. */
  get deferred(): boolean {
    return this.files !== undefined;
  }

  /** Sets `files` aside, to be laid out (at `writtenAt`, from inode `firstIno`) when first looked at. */
  defer(files: VolumeFiles, writtenAt: number, firstIno: number, gid: number, dirName: string | undefined): void {
    this.files = files;
    this.writtenAt = writtenAt;
    this.firstIno = firstIno;
    this.filesGid = gid;
    this.dirName = dirName;
  }

  /** True when `name` is one of the files waiting to be laid out. */
  defers(name: string): boolean {
    return this.files !== undefined && Object.hasOwn(this.files, name);
  }
}

/**
 * True when every path is a plain name in the volume's top directory: the layout of such files takes
 * a number of inodes known in advance (inodesFor). Nested paths (configMap items with a path) are
 * written at once.
 */
function plainNames(files: VolumeFiles): boolean {
  for (const path in files) if (path === "" || path === "." || path === ".." || path.includes("/")) return false;
  return true;
}

/** Inodes the layout of plain-named files takes: a file each; the atomic writer adds its directory, `..data` and a symlink per file. */
function inodesFor(files: VolumeFiles, atomic: boolean): number {
  const n = Object.keys(files).length;
  return atomic ? 2 * n + 2 : n;
}

/** The kubelet's AtomicWriter layout: `..<timestamp>/<files>`, `..data -> ..<timestamp>`, `<key> -> ..data/<key>`. */
function layOutAtomic(root: DirNode, files: VolumeFiles, ino: InodeCounter, now: number, dirName: string, gid: number, previous: string | undefined): void {
  const gen = makeDir(ino, 0o755, 0, gid, now);
  for (const [path, f] of Object.entries(files)) put(gen, path, f.content, f.mode ?? 0o644, gid, ino, now);
  root.children.set(dirName, gen);
  root.children.set("..data", makeSymlink(ino, dirName, 0, gid, now));
  const tops = new Set(Object.keys(files).map((p) => shared(splitPath(normalizePath(p))[0])));
  for (const [name, node] of [...root.children]) {
    if (name.startsWith("..")) continue;
    if (node.kind === "symlink" && !tops.has(name)) root.children.delete(name);
  }
  for (const top of tops) root.children.set(top, makeSymlink(ino, shared(`..data/${top}`), 0, gid, now));
  if (previous && previous !== dirName) root.children.delete(previous);
}

/** Files written in place, root's (emptyDir seeds, the sandbox's /etc files). */
function layOutPlain(root: DirNode, files: VolumeFiles, ino: InodeCounter, now: number): void {
  for (const [path, f] of Object.entries(files)) put(root, path, f.content, f.mode ?? 0o644, 0, ino, now);
}

function put(dir: DirNode, path: string, content: FileContent, mode: number, gid: number, ino: InodeCounter, now: number): void {
  const comps = splitPath(normalizePath(path)).map(shared);
  let cur = dir;
  for (const c of comps.slice(0, -1)) {
    let next = cur.children.get(c);
    if (!next || next.kind !== "dir") {
      next = makeDir(ino, 0o755, 0, gid, now);
      cur.children.set(c, next);
    }
    cur = next;
  }
  const file = typeof content === "string" ? makeFile(ino, content, mode & 0o7777, 0, gid, now) : makeDeferredFile(ino, content, mode & 0o7777, 0, gid, now);
  cur.children.set(comps[comps.length - 1], file);
}

/**
 * A writable mount of one of a volume's top-level files whose layout waits (the sandbox's
 * /etc/hosts, on the node's disk): the file's node is found when something first goes through it.
 */
export class VolumeFileMount extends NodeDiskFileMount {
  private node: FsNode | undefined;

  constructor(
    path: string,
    private readonly volume: Volume,
    private readonly name: string,
  ) {
    super(path);
  }

  get root(): FsNode {
    return (this.node ??= this.volume.fileNode(this.name));
  }
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
    this.root = opts.root ?? new VolumeRoot(opts.type === "emptyDir" ? 0o777 : ATOMIC_TYPES.has(opts.type) ? 0o1777 : 0o755, 0, 0, ctx.now(), ctx.ino.take());
    this.randomDigits = opts.randomDigits;
  }

  private readonly randomDigits: (() => string) | undefined;
  /** Set when a VolumeFileMount waits on the layout: the volume is not written again. */
  private filesMounted = false;

  /**
   * Writes files into the volume. The first write into a volume nothing has looked into yet is laid
   * out when something first does, with the inode numbers, time and names it would have had now.
   * WARNING: `files` is kept until then; callers never change it after writing it.
   */
  writeFiles(files: VolumeFiles): void {
    const root = this.root;
    if (root.kind !== "dir") throw new FsError("ENOTDIR", "open", this.name);
    if (this.filesMounted) throw new Error(`volume ${this.name}: written again after its files were mounted`);
    const atomic = ATOMIC_TYPES.has(this.type);
    const now = this.ctx.now();
    // The atomic writer's directory name is drawn first, as the eager layout draws it.
    const dirName = atomic ? this.generationName(now) : undefined;
    if (root instanceof VolumeRoot && root.untouched && plainNames(files)) {
      root.defer(files, now, this.ctx.ino.reserve(inodesFor(files, atomic)), atomic ? root.gid : 0, dirName);
    } else if (dirName !== undefined) {
      layOutAtomic(root, files, this.ctx.ino, now, dirName, root.gid, this.generation);
    } else {
      layOutPlain(root, files, this.ctx.ino, now);
    }
    if (dirName !== undefined) this.generation = dirName;
  }

  /** The atomic writer's directory for a write at `now`: `..2025_01_01_00_00_05.123456789`. */
  private generationName(now: number): string {
    const iso = new Date(this.ctx.epochMs + now).toISOString();
    // Joined in one go: the volume keeps the name for life, and a name made by replacing and
    // appending keeps every piece it was made of (a dozen for the date alone).
    // "2025-01-01T00:00:05.123Z": year, month, day, hours, minutes and seconds at fixed places.
    const date = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), iso.slice(11, 13), iso.slice(14, 16), iso.slice(17, 19)].join("_");
    return ["..", date, ".", this.randomDigits ? this.randomDigits() : String(this.ctx.ino.take())].join("");
  }

  /**
   * A writable mount of one of the volume's top-level files at `containerPath` (the sandbox's
   * /etc/hosts into each container), shown as on the node's disk. While the volume's layout waits,
   * the file is found when first used, and the volume may not be written again (the mount would
   * then find the new file, not the one it had).
   */
  fileMount(containerPath: string, name: string): MountEntry {
    if (this.root instanceof VolumeRoot && this.root.deferred && this.root.defers(name)) {
      this.filesMounted = true;
      return new VolumeFileMount(containerPath, this, name);
    }
    const e = this.mountEntry(containerPath, name, false);
    return { path: e.path, root: e.root, readOnly: false, source: NODE_DISK.source, fsType: NODE_DISK.fsType, onWrite: undefined };
  }

  /** A top-level file's node (after symlinks), for a VolumeFileMount. */
  fileNode(name: string): FsNode {
    const node = this.followLinks(name);
    if (!node) throw new FsError("ENOENT", "mount", name);
    return node;
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
