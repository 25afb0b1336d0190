/**
 * ContainerFs is one container's view of its filesystems, as the mount namespace gives it: the image's
 * root filesystem (copied on first write), the kubelet's volume mounts (shared with other containers
 * and pods), read-only mounts, device and /proc nodes, with owners, modes and permission checks.
 * It implements just-bash's IFileSystem, so the shell and every command work on it unchanged.
 *
 * WARNING: it deliberately has no `writeFileSync`/`mkdirSync` methods: just-bash seeds its own
 * default layout (/bin stubs, /home/user) into any filesystem that has them.
 */
import type { BufferEncoding, ByteString, CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from "just-bash";
import { unsafeBytesFromLatin1 } from "../process/bash-compat";
import { FsError } from "./errors";
import { type DirNode, type FileNode, type FsNode, byteLength, makeDir, makeFile, makeSymlink, nodeSize, thaw } from "./nodes";
import { basename, dirname, joinPath, normalizePath, resolveAgainst, splitPath } from "./paths";
import { concatStored, storedToBytes, storedToLatin1, storedToText, toStored } from "./content";
import { type FsContext, type MountEntry, MountNamespace, type Resolved, canAccess } from "./mount-ns";

export type { FsContext, FsIdentity, MountEntry } from "./mount-ns";
export { ROOT_IDENTITY, canAccess } from "./mount-ns";

const STREAM_STAT: FsStat = { isFile: false, isDirectory: false, isSymbolicLink: false, mode: 0o020620, size: 0, mtime: new Date(0) };

/** One container's filesystem view, as just-bash's IFileSystem. */
export class ContainerFs extends MountNamespace implements IFileSystem {
  constructor(root: DirNode, ctx: FsContext, mounts: MountEntry[] = []) {
    super(root, ctx, mounts);
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
    // One quiet walk: a missing file (no /etc/passwd in a scratch image) is common, and found out
    // without an FsError's stack. A walk that follows symlinks never ends on one.
    const node = this.lookup(path);
    if (!node || node.kind !== "file" || !canAccess(node, this.ctx.identity(), 4)) return undefined;
    try {
      return storedToText(node.read ? node.read() : node.data);
    } catch {
      return undefined;
    }
  }

  /** The text of a file node already looked up (a server that checked its permissions itself). */
  textOf(node: FsNode): string | undefined {
    return node.kind === "file" ? storedToText(node.read ? node.read() : node.data) : undefined;
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
    for (const { path: m } of this.mounts) if (m !== "/" && dirname(m) === dirPath) names.add(basename(m));
    for (const name of [...names].sort()) {
      if (r.node.hidden?.has(name)) continue;
      const child = this.mountAt(joinPath(dirPath, name))?.root ?? r.node.children.get(name) ?? generated!.get(name)!;
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
    for (const { path: m } of this.mounts) if (m !== "/" && dirname(m) === r.path) names.add(basename(m));
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
  /** Made on first failure: most containers never have one. */
  private failedOpens: Set<string> | undefined;

  /**
   * WARNING: just-bash opens a redirection target with an empty "binary" write and does not catch
   * errors from it (nor from the writes that follow), so a throw there would abort the whole script.
   * Those writes report the failure through the context and are dropped; every other write throws.
   */
  private shellWrite(path: string, content: FileContent, encoding: BufferEncoding | undefined, append: boolean): void {
    const isOpen = content === "" && encoding === "binary";
    if (!isOpen && this.failedOpens?.has(path)) {
      this.failedOpens?.delete(path);
      return;
    }
    if (!isOpen) {
      this.write(path, content, encoding, append);
      return;
    }
    try {
      this.write(path, content, encoding, append);
      this.failedOpens?.delete(path);
    } catch (e) {
      if (!(e instanceof FsError) || !this.ctx.redirectFailed) throw e;
      (this.failedOpens ??= new Set()).add(path);
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
      node.data = append ? concatStored(node.data, stored) : stored;
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
    const saved = this.mountAt(abs);
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
