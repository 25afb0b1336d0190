/**
 * ContainerFs is one container's view of its filesystems, as the mount namespace gives it: the image's
 * root filesystem (copied on first write), the kubelet's volume mounts (shared with other containers
 * and pods), read-only mounts, device and /proc nodes, with owners, modes and permission checks.
 * It implements just-bash's IFileSystem, so the shell and every command work on it unchanged.
 *
 * WARNING: it deliberately has no `writeFileSync`/`mkdirSync` methods: just-bash seeds its own
 * default layout (/bin stubs, /home/user) into any filesystem that has them.
 */
import { type BufferEncoding, type ByteString, type CpOptions, type FileContent, type FsStat, type IFileSystem, type MkdirOptions, type RmOptions, unsafeBytesFromLatin1 } from "just-bash";
import { FsError } from "./errors";
import { type DirNode, type FileNode, type FsNode, type InodeCounter, byteLength, makeDir, makeFile, makeSymlink, nodeSize, thaw } from "./nodes";
import { basename, dirname, joinPath, normalizePath, resolveAgainst, splitPath } from "./paths";
import { bytesToStored, storedToBytes, storedToLatin1, storedToText } from "./content";

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

interface Resolved {
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

const ROOT_IDENTITY: FsIdentity = { uid: 0, gid: 0, groups: [] };
const STREAM_STAT: FsStat = { isFile: false, isDirectory: false, isSymbolicLink: false, mode: 0o020620, size: 0, mtime: new Date(0) };
const MAX_SYMLINKS = 40;

export class ContainerFs implements IFileSystem {
  private readonly mounts = new Map<string, MountEntry>();

  constructor(
    private readonly root: DirNode,
    private readonly ctx: FsContext,
    mounts: MountEntry[] = [],
  ) {
    for (const m of mounts) this.mount(m);
  }

  /** Mounts a filesystem at `entry.path` (replacing what the path held, as a bind mount does). */
  mount(entry: MountEntry): void {
    this.mounts.set(normalizePath(entry.path), { ...entry, path: normalizePath(entry.path) });
  }

  /** The mount entries, for `mount`/`df`-like listings. */
  mountList(): MountEntry[] {
    return [...this.mounts.values()];
  }

  // ---- lookup -------------------------------------------------------------------------------

  /** Finds a path's node. `follow` resolves a final symlink; `forWrite` un-shares directories on the way. */
  resolve(path: string, syscall: string, follow = true, forWrite = false): Resolved {
    return this.walk(normalizePath(path), path, syscall, follow, forWrite, 0);
  }

  private walk(abs: string, orig: string, syscall: string, follow: boolean, forWrite: boolean, depth: number): Resolved {
    if (depth > MAX_SYMLINKS) throw new FsError("ELOOP", syscall, orig);
    const id = this.ctx.identity();
    const comps = splitPath(abs);
    let cur: DirNode = this.root;
    let curPath = "/";
    let curMount: MountEntry | undefined = this.mounts.get("/");
    if (curMount && curMount.root.kind === "dir") cur = curMount.root;
    if (comps.length === 0) return { node: cur, parent: cur, name: "", path: "/", mount: curMount, isMountPoint: !!curMount };
    for (let i = 0; i < comps.length; i++) {
      const name = comps[i];
      const last = i === comps.length - 1;
      if (!canAccess(cur, id, 1)) throw new FsError("EACCES", syscall, orig);
      const childPath = joinPath(curPath, name);
      const mounted = this.mounts.get(childPath);
      let child: FsNode | undefined = mounted ? mounted.root : this.child(cur, name);
      if (child && !mounted && forWrite && child.frozen && child.kind === "dir") {
        child = thaw(child);
        cur.children.set(name, child);
      }
      if (!child) {
        if (last) return { node: undefined, parent: cur, name, path: childPath, mount: curMount, isMountPoint: false };
        throw new FsError("ENOENT", syscall, orig);
      }
      if (child.kind === "symlink" && (!last || follow)) {
        const rest = comps.slice(i + 1).join("/");
        const target = resolveAgainst(curPath, child.target);
        return this.walk(normalizePath(rest ? `${target}/${rest}` : target), orig, syscall, follow, forWrite, depth + 1);
      }
      if (last) return { node: child, parent: cur, name, path: childPath, mount: mounted ?? curMount, isMountPoint: !!mounted };
      if (child.kind !== "dir") throw new FsError("ENOTDIR", syscall, orig);
      cur = child;
      curPath = childPath;
      if (mounted) curMount = mounted;
    }
    throw new FsError("ENOENT", syscall, orig);
  }

  private child(dir: DirNode, name: string): FsNode | undefined {
    return dir.children.get(name) ?? dir.generate?.().get(name);
  }

  /** The node at a path, or undefined. Never throws. */
  lookup(path: string, follow = true): FsNode | undefined {
    try {
      return this.resolve(path, "stat", follow).node;
    } catch {
      return undefined;
    }
  }

  private existing(path: string, syscall: string, follow = true, forWrite = false): Resolved & { node: FsNode } {
    const r = this.resolve(path, syscall, follow, forWrite);
    if (!r.node) throw new FsError("ENOENT", syscall, path);
    return r as Resolved & { node: FsNode };
  }

  private writable(r: Resolved, syscall: string, path: string): void {
    if (r.mount?.readOnly) throw new FsError("EROFS", syscall, path);
  }

  /** Replaces a shared file with a private copy before it changes. */
  private ownFile(r: Resolved & { node: FsNode }): FileNode {
    let node = r.node as FileNode;
    if (node.frozen && !r.isMountPoint) {
      node = thaw(node);
      r.parent.children.set(r.name, node);
    }
    return node;
  }

  // ---- reading ------------------------------------------------------------------------------

  async readFile(path: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding): Promise<string> {
    const enc = typeof options === "string" ? options : options?.encoding;
    const node = this.readableFile(path);
    const data = node.read ? node.read() : node.data;
    return enc === "binary" || enc === "latin1" ? storedToLatin1(data) : storedToText(data);
  }

  async readFileBytes(path: string): Promise<ByteString> {
    const node = this.readableFile(path);
    return unsafeBytesFromLatin1(storedToLatin1(node.read ? node.read() : node.data));
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    const node = this.readableFile(path);
    return storedToBytes(node.read ? node.read() : node.data);
  }

  /** Synchronous read for the runtime and modelled programs; undefined when missing. */
  readText(path: string): string | undefined {
    try {
      const node = this.readableFile(path);
      return storedToText(node.read ? node.read() : node.data);
    } catch {
      return undefined;
    }
  }

  private readableFile(path: string): FileNode {
    const r = this.existing(path, "open");
    if (r.node.kind === "dir") throw new FsError("EISDIR", "read", path);
    const node = r.node as FileNode;
    if (!canAccess(node, this.ctx.identity(), 4)) throw new FsError("EACCES", "open", path);
    return node;
  }

  async exists(path: string): Promise<boolean> {
    if (path.includes("\0")) return false;
    if (this.isStream(path)) return true;
    return this.lookup(path) !== undefined;
  }

  async stat(path: string): Promise<FsStat> {
    if (this.isStream(path)) return STREAM_STAT;
    return this.statOf(this.existing(path, "stat").node);
  }

  /** The acting process's stdout or stderr, which every command's output is routed through. */
  private isStream(path: string): boolean {
    return path.length === 15 && path.startsWith("/proc/self/fd/") && (path[14] === "1" || path[14] === "2") && this.ctx.writeStream !== undefined;
  }

  async lstat(path: string): Promise<FsStat> {
    return this.statOf(this.existing(path, "lstat", false).node);
  }

  /** stat with owner, inode and link count (for `ls -l`, `stat`, `id`-aware tools). */
  statEx(path: string, follow = true): (FsStat & { uid: number; gid: number; ino: number; nlink: number; kind: FsNode["kind"] }) | undefined {
    const node = this.lookup(path, follow);
    if (!node) return undefined;
    const nlink = node.kind === "dir" ? 2 + [...node.children.values()].filter((c) => c.kind === "dir").length : 1;
    return { ...this.statOf(node), uid: node.uid, gid: node.gid, ino: node.ino, nlink, kind: node.kind };
  }

  private statOf(node: FsNode): FsStat {
    return {
      isFile: node.kind === "file",
      isDirectory: node.kind === "dir",
      isSymbolicLink: node.kind === "symlink",
      mode: node.mode | (node.kind === "dir" ? 0o040000 : node.kind === "symlink" ? 0o120000 : 0o100000),
      size: nodeSize(node),
      mtime: new Date(this.epochOf(node.mtime)),
      ino: node.ino,
      identity: `vfs:${node.ino}`,
    };
  }

  /** Virtual ms → Unix ms for Date fields. */
  epochOf(virtualMs: number): number {
    return this.ctx.epochMs + virtualMs;
  }

  async readdir(path: string): Promise<string[]> {
    return (await this.readdirWithFileTypes(path)).map((d) => d.name);
  }

  async readdirWithFileTypes(path: string): Promise<{ name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }[]> {
    const r = this.existing(path, "scandir");
    if (r.node.kind !== "dir") throw new FsError("ENOTDIR", "scandir", path);
    if (!canAccess(r.node, this.ctx.identity(), 4)) throw new FsError("EACCES", "scandir", path);
    const out: { name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }[] = [];
    const dirPath = r.path;
    const generated = r.node.generate?.();
    const names = new Set([...r.node.children.keys(), ...(generated?.keys() ?? [])]);
    for (const m of this.mounts.keys()) if (m !== "/" && dirname(m) === dirPath) names.add(basename(m));
    for (const name of [...names].sort()) {
      if (r.node.hidden?.has(name)) continue;
      const child = this.mounts.get(joinPath(dirPath, name))?.root ?? r.node.children.get(name) ?? generated!.get(name)!;
      out.push({ name, isFile: child.kind === "file", isDirectory: child.kind === "dir", isSymbolicLink: child.kind === "symlink" });
    }
    return out;
  }

  /** The sorted names in a directory (mount points included, runtime plumbing hidden). Throws like readdir. */
  listDir(path: string): string[] {
    const r = this.existing(path, "scandir");
    if (r.node.kind !== "dir") throw new FsError("ENOTDIR", "scandir", path);
    if (!canAccess(r.node, this.ctx.identity(), 4)) throw new FsError("EACCES", "scandir", path);
    const dir = r.node as DirNode;
    const names = new Set(dir.children.keys());
    if (dir.generate) for (const n of dir.generate().keys()) names.add(n);
    for (const m of this.mounts.keys()) if (m !== "/" && dirname(m) === r.path) names.add(basename(m));
    return [...names].filter((n) => !dir.hidden?.has(n)).sort();
  }

  async readlink(path: string): Promise<string> {
    const r = this.existing(path, "readlink", false);
    if (r.node.kind !== "symlink") throw new FsError("EINVAL", "readlink", path);
    return r.node.target;
  }

  async realpath(path: string): Promise<string> {
    const r = this.existing(path, "realpath");
    return r.path;
  }

  resolvePath(base: string, path: string): string {
    return resolveAgainst(base, path);
  }

  getAllPaths(): string[] {
    const out: string[] = [];
    const visit = (dir: DirNode, path: string) => {
      for (const [name, child] of dir.children) {
        if (out.length > 100_000) return;
        const p = joinPath(path, name);
        out.push(p);
        if (child.kind === "dir") visit(child, p);
      }
    };
    visit(this.root, "/");
    return out;
  }

  // ---- writing ------------------------------------------------------------------------------

  async writeFile(path: string, content: FileContent, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
    this.shellWrite(path, content, typeof options === "string" ? options : options?.encoding, false);
  }

  async appendFile(path: string, content: FileContent, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
    this.shellWrite(path, content, typeof options === "string" ? options : options?.encoding, true);
  }

  /** Redirection targets the shell failed to open, whose writes are dropped. */
  private readonly failedOpens = new Set<string>();

  /**
   * WARNING: just-bash opens a redirection target with an empty "binary" write and does not catch
   * errors from it (nor from the writes that follow), so a throw there would abort the whole script.
   * Those writes report the failure through the context and are dropped; every other write throws.
   */
  private shellWrite(path: string, content: FileContent, encoding: BufferEncoding | undefined, append: boolean): void {
    const isOpen = content === "" && encoding === "binary";
    if (!isOpen && this.failedOpens.has(path)) {
      this.failedOpens.delete(path);
      return;
    }
    if (!isOpen) {
      this.write(path, content, encoding, append);
      return;
    }
    try {
      this.write(path, content, encoding, append);
      this.failedOpens.delete(path);
    } catch (e) {
      if (!(e instanceof FsError) || !this.ctx.redirectFailed) throw e;
      this.failedOpens.add(path);
      this.ctx.redirectFailed(path, e.code);
    }
  }

  /** Synchronous write for the runtime and modelled programs (as root unless a process runs). */
  writeText(path: string, text: string, append = false): void {
    this.write(path, text, "utf8", append);
  }

  private write(path: string, content: FileContent, encoding: BufferEncoding | undefined, append: boolean): void {
    // The shell's own stdout and stderr: every command's output passes here, so skip the lookup.
    if (path.length === 15 && path.startsWith("/proc/self/fd/") && this.ctx.writeStream) {
      const fd = path[14];
      if (fd === "1" || fd === "2") {
        this.ctx.writeStream(fd === "1" ? 1 : 2, storedToText(toStored(content, encoding)));
        return;
      }
    }
    const id = this.ctx.identity();
    const r = this.resolve(path, "open", true, true);
    const stored = toStored(content, encoding);
    if (r.node) {
      if (r.node.kind === "dir") throw new FsError("EISDIR", "open", path);
      const target = r.node as FileNode;
      if (target.write) {
        target.write(storedToText(stored));
        return;
      }
      this.writable(r, "open", path);
      if (!canAccess(target, id, 2)) throw new FsError("EACCES", "open", path);
      const node = this.ownFile(r as Resolved & { node: FsNode });
      node.data = append ? concat(node.data, stored) : stored;
      node.mtime = this.ctx.now();
      if (id.containerId) node.chargedTo = id.containerId;
      r.mount?.onWrite?.(node);
      if (node.watchers) for (const w of [...node.watchers]) w();
      return;
    }
    this.writable(r, "open", path);
    if (!canAccess(r.parent, id, 2)) throw new FsError("EACCES", "open", path);
    const gid = r.parent.mode & 0o2000 ? r.parent.gid : id.gid;
    const node = makeFile(this.ctx.ino, stored, 0o644, id.uid, gid, this.ctx.now());
    if (id.containerId) node.chargedTo = id.containerId;
    r.parent.children.set(r.name, node);
    r.parent.mtime = node.mtime;
    r.mount?.onWrite?.(node);
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    this.mkdirp(path, !!options?.recursive);
  }

  /** mkdir, optionally with parents; owned by the acting process. Returns the directory. */
  mkdirp(path: string, recursive: boolean, mode = 0o755): DirNode {
    const abs = normalizePath(path);
    if (recursive) {
      const comps = splitPath(abs);
      let dir: DirNode | undefined;
      for (let i = 1; i <= comps.length; i++) dir = this.mkdirOne("/" + comps.slice(0, i).join("/"), path, true, mode);
      return dir ?? (this.existing("/", "mkdir").node as DirNode);
    }
    return this.mkdirOne(abs, path, false, mode);
  }

  private mkdirOne(abs: string, orig: string, okIfExists: boolean, mode: number): DirNode {
    const r = this.resolve(abs, "mkdir", true, true);
    if (r.node) {
      if (r.node.kind === "dir" && okIfExists) return r.node;
      throw new FsError("EEXIST", "mkdir", orig);
    }
    this.writable(r, "mkdir", orig);
    const id = this.ctx.identity();
    if (!canAccess(r.parent, id, 2)) throw new FsError("EACCES", "mkdir", orig);
    const setgid = r.parent.mode & 0o2000;
    const dir = makeDir(this.ctx.ino, mode | setgid, id.uid, setgid ? r.parent.gid : id.gid, this.ctx.now());
    r.parent.children.set(r.name, dir);
    r.parent.mtime = dir.mtime;
    return dir;
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    let r: Resolved;
    try {
      r = this.resolve(path, "rm", false, true);
    } catch (e) {
      if (options?.force && (e as FsError).code === "ENOENT") return;
      throw e;
    }
    if (!r.node) {
      if (options?.force) return;
      throw new FsError("ENOENT", "rm", path);
    }
    if (r.isMountPoint) throw new FsError("EBUSY", "rm", path);
    this.writable(r, "rm", path);
    const id = this.ctx.identity();
    if (!canAccess(r.parent, id, 2) || (r.parent.mode & 0o1000 && id.uid !== 0 && id.uid !== r.node.uid)) throw new FsError("EACCES", "rm", path);
    if (r.node.kind === "dir" && r.node.children.size > 0) {
      if (!options?.recursive) throw new FsError("ENOTEMPTY", "rm", path);
      for (const name of [...r.node.children.keys()]) await this.rm(joinPath(r.path, name), options);
    }
    r.parent.children.delete(r.name);
    r.parent.mtime = this.ctx.now();
    r.mount?.onWrite?.(r.node as FileNode);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const s = this.existing(src, "cp");
    if (s.node.kind === "dir") {
      if (!options?.recursive) throw new FsError("EISDIR", "cp", src);
      this.mkdirp(dest, true, s.node.mode);
      for (const name of s.node.children.keys()) await this.cp(joinPath(s.path, name), joinPath(normalizePath(dest), name), options);
      return;
    }
    if (s.node.kind === "symlink") {
      await this.symlink(s.node.target, dest);
      return;
    }
    if (!canAccess(s.node, this.ctx.identity(), 4)) throw new FsError("EACCES", "open", src);
    const data = s.node.read ? s.node.read() : s.node.data;
    this.write(dest, typeof data === "string" ? data : new Uint8Array(data), "utf8", false);
    const d = this.lookup(dest);
    if (d && d.kind === "file" && !d.write) {
      d.mode = s.node.mode & 0o777;
      if (s.node.program) d.program = s.node.program;
    }
  }

  async mv(src: string, dest: string): Promise<void> {
    const s = this.resolve(src, "rename", false, true);
    if (!s.node) throw new FsError("ENOENT", "rename", src);
    if (s.isMountPoint) throw new FsError("EBUSY", "rename", src);
    const d = this.resolve(dest, "rename", false, true);
    if (d.isMountPoint) throw new FsError("EBUSY", "rename", dest);
    this.writable(s, "rename", src);
    this.writable(d, "rename", dest);
    if (s.mount !== d.mount) {
      // Crossing a mount is a copy and a delete (EXDEV in the kernel, which mv handles so).
      await this.cp(src, dest, { recursive: true });
      await this.rm(src, { recursive: true, force: true });
      return;
    }
    const id = this.ctx.identity();
    if (!canAccess(s.parent, id, 2) || !canAccess(d.parent, id, 2)) throw new FsError("EACCES", "rename", src);
    if (d.node?.kind === "dir" && s.node.kind !== "dir") throw new FsError("EISDIR", "rename", dest);
    s.parent.children.delete(s.name);
    d.parent.children.set(d.name, s.node);
    s.parent.mtime = d.parent.mtime = this.ctx.now();
  }

  async chmod(path: string, mode: number): Promise<void> {
    const r = this.existing(path, "chmod", true, true);
    this.writable(r, "chmod", path);
    const id = this.ctx.identity();
    if (id.uid !== 0 && id.uid !== r.node.uid) throw new FsError("EPERM", "chmod", path);
    const node = r.node.frozen && !r.isMountPoint ? thaw(r.node) : r.node;
    if (node !== r.node) r.parent.children.set(r.name, node);
    node.mode = mode & 0o7777;
  }

  /** chown; only root may give files away. */
  chown(path: string, uid: number | undefined, gid: number | undefined): void {
    const r = this.existing(path, "chown", true, true);
    this.writable(r, "chown", path);
    if (this.ctx.identity().uid !== 0) throw new FsError("EPERM", "chown", path);
    const node = r.node.frozen && !r.isMountPoint ? thaw(r.node) : r.node;
    if (node !== r.node) r.parent.children.set(r.name, node);
    if (uid !== undefined) node.uid = uid;
    if (gid !== undefined) node.gid = gid;
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    const r = this.resolve(linkPath, "symlink", false, true);
    if (r.node) throw new FsError("EEXIST", "symlink", linkPath);
    this.writable(r, "symlink", linkPath);
    const id = this.ctx.identity();
    if (!canAccess(r.parent, id, 2)) throw new FsError("EACCES", "symlink", linkPath);
    r.parent.children.set(r.name, makeSymlink(this.ctx.ino, target, id.uid, id.gid, this.ctx.now()));
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    const s = this.existing(existingPath, "link");
    if (s.node.kind !== "file") throw new FsError("EPERM", "link", existingPath);
    const d = this.resolve(newPath, "link", false, true);
    if (d.node) throw new FsError("EEXIST", "link", newPath);
    this.writable(d, "link", newPath);
    d.parent.children.set(d.name, s.node);
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const r = this.existing(path, "utimes", true, true);
    this.writable(r, "utimes", path);
    const node = r.node.frozen && !r.isMountPoint ? thaw(r.node) : r.node;
    if (node !== r.node) r.parent.children.set(r.name, node);
    node.mtime = mtime.getTime() - this.ctx.epochMs;
  }

  /** Sets a node's mtime to virtual now (touch). */
  touch(path: string): void {
    const r = this.resolve(path, "utimes", true, true);
    if (!r.node) {
      this.write(path, "", "utf8", false);
      return;
    }
    this.writable(r, "utimes", path);
    const id = this.ctx.identity();
    if (id.uid !== 0 && id.uid !== r.node.uid && !canAccess(r.node, id, 2)) throw new FsError("EACCES", "utimes", path);
    const node = r.node.frozen && !r.isMountPoint ? thaw(r.node) : r.node;
    if (node !== r.node) r.parent.children.set(r.name, node);
    node.mtime = this.ctx.now();
  }

  /** Creates the directories a mount point needs (runc does this before bind-mounting). */
  ensureMountPoint(path: string, isFile: boolean): void {
    const abs = normalizePath(path);
    if (this.lookup(abs)) return;
    const saved = this.mounts.get(abs);
    if (saved) return;
    this.mkdirp(dirname(abs), true);
    if (isFile) this.write(abs, "", "utf8", false);
    else this.mkdirp(abs, true);
  }

  /** Bytes of a text as stored. */
  static size(text: string): number {
    return byteLength(text);
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

export { ROOT_IDENTITY };

function toStored(content: FileContent, encoding: BufferEncoding | undefined): string | Uint8Array {
  if (typeof content !== "string") return bytesToStored(content);
  if (encoding === "binary" || encoding === "latin1") {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(content)) return content;
    const bytes = new Uint8Array(content.length);
    for (let i = 0; i < content.length; i++) bytes[i] = content.charCodeAt(i) & 0xff;
    return bytesToStored(bytes);
  }
  return content;
}

function concat(a: string | Uint8Array, b: string | Uint8Array): string | Uint8Array {
  if (typeof a === "string" && typeof b === "string") return a + b;
  const x = storedToBytes(a);
  const y = storedToBytes(b);
  const out = new Uint8Array(x.length + y.length);
  out.set(x);
  out.set(y, x.length);
  return bytesToStored(out);
}
