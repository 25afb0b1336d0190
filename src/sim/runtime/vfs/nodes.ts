/**
 * The inodes of the simulated filesystems: files, directories and symlinks with a mode, an owner and
 * a virtual mtime. Image layers are trees of frozen nodes shared by every container of that image; a
 * container's root filesystem copies a node on first write (copy-on-write), so containers never see
 * each other's changes.
 */
import type { DeferredText } from "../cri";

/** Permission and type bits as `stat` reports them. */
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

interface NodeBase {
  /** Permission bits (including setuid/setgid/sticky), without the type bits. */
  mode: number;
  uid: number;
  gid: number;
  /** Virtual ms of the last change. */
  mtime: number;
  /** Inode number, for `ls -i` and hard-link identity. */
  ino: number;
  /** Shared with an image or another container: copy before changing. */
  frozen?: boolean;
}

/** A regular file. Content is a string (text) or bytes; `read` makes it a generated file (/proc). */
export interface FileNode extends NodeBase {
  kind: "file";
  data: string | Uint8Array;
  /** A modelled executable: the program the runtime runs for it ("sh", "applet:cat", "nginx", ...). */
  program?: string;
  /** Generated content (read each time), for /proc and device files. */
  read?: () => string;
  /** A device: writes go to the handler instead of the content (/dev/null, /proc/self/fd/1). */
  write?: (text: string) => void;
  /** For medium: Memory volumes, the container the bytes are charged to. */
  chargedTo?: string;
  /** Called after the content changes (`tail -f` waits on this instead of polling). */
  watchers?: Set<() => void>;
}

export interface DirNode extends NodeBase {
  kind: "dir";
  children: Map<string, FsNode>;
  /** Hidden from listings (runtime plumbing). */
  hidden?: Set<string>;
  /** Entries computed on each lookup (/proc: one directory per live process). */
  generate?: () => Map<string, FsNode>;
}

export interface SymlinkNode extends NodeBase {
  kind: "symlink";
  target: string;
}

export type FsNode = FileNode | DirNode | SymlinkNode;

/** Hands out inode numbers. One per runtime, so numbering is deterministic. */
export class InodeCounter {
  /** `next`: the first number to hand out (a counter over numbers reserved earlier starts there). */
  constructor(private next = 2) {}

  take(): number {
    return this.next++;
  }

  /** Sets aside `n` consecutive numbers for nodes made later; returns the first. */
  reserve(n: number): number {
    const first = this.next;
    this.next += n;
    return first;
  }
}

const encoder = new TextEncoder();

/** Byte length of file content. */
export function byteLength(data: string | Uint8Array): number {
  if (typeof data !== "string") return data.byteLength;
  // Fast path: ASCII text is one byte per character.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(data) ? data.length : encoder.encode(data).byteLength;
}

/** Size as `stat` reports it. */
export function nodeSize(node: FsNode): number {
  if (node.kind === "file") return node.read ? 0 : byteLength(node.data);
  if (node.kind === "symlink") return node.target.length;
  return 4096;
}

export function makeDir(ino: InodeCounter, mode: number, uid: number, gid: number, mtime: number): DirNode {
  return { kind: "dir", children: new Map(), mode, uid, gid, mtime, ino: ino.take() };
}

export function makeFile(ino: InodeCounter, data: string | Uint8Array, mode: number, uid: number, gid: number, mtime: number): FileNode {
  return { kind: "file", data, mode, uid, gid, mtime, ino: ino.take() };
}

/**
 * A regular file whose content `source` makes on first access (read, stat, copy), then keeps. Until
 * then it holds only the source: a pod's token file costs nothing until something reads it.
 */
class DeferredFile {
  readonly kind = "file";
  private made: string | Uint8Array | undefined;

  constructor(
    private source: DeferredText | undefined,
    public mode: number,
    public uid: number,
    public gid: number,
    public mtime: number,
    public ino: number,
  ) {}

  get data(): string | Uint8Array {
    if (this.source) {
      this.made = this.source.text();
      this.source = undefined;
    }
    return this.made!;
  }

  set data(data: string | Uint8Array) {
    this.made = data;
    this.source = undefined;
  }
}

/** A file whose content `source` makes when something first reads it (see DeferredFile). */
export function makeDeferredFile(ino: InodeCounter, source: DeferredText, mode: number, uid: number, gid: number, mtime: number): FileNode {
  return new DeferredFile(source, mode, uid, gid, mtime, ino.take());
}

export function makeSymlink(ino: InodeCounter, target: string, uid: number, gid: number, mtime: number): SymlinkNode {
  return { kind: "symlink", target, mode: 0o777, uid, gid, mtime, ino: ino.take() };
}

/** A shallow copy that may be changed: directories copy their child map, not the children. */
export function thaw<T extends FsNode>(node: T): T {
  if (node.kind === "dir") {
    return { ...node, frozen: false, children: new Map(node.children), hidden: node.hidden ? new Set(node.hidden) : undefined } as T;
  }
  if (node instanceof DeferredFile) {
    // Spreading would not copy `data`, an accessor of the class.
    const copy: FileNode = { kind: "file", data: node.data, mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime, ino: node.ino, frozen: false };
    return copy as T;
  }
  return { ...node, frozen: false };
}

/** Marks a whole tree as shared (an image layer). */
export function freezeTree(node: FsNode): void {
  // A frozen node never changes again, so everything under it is frozen already.
  if (node.frozen) return;
  node.frozen = true;
  if (node.kind === "dir") for (const c of node.children.values()) freezeTree(c);
}

/** The mode string `ls -l` prints ("drwxr-xr-x", "-rwsr-xr-x", "drwxrwsrwx", "lrwxrwxrwx"). */
export function modeString(node: FsNode): string {
  const type = node.kind === "dir" ? "d" : node.kind === "symlink" ? "l" : "-";
  const m = node.mode;
  const bit = (mask: number, c: string) => (m & mask ? c : "-");
  const special = (exec: number, sp: number, set: string, unset: string) => (m & sp ? (m & exec ? set : unset) : m & exec ? "x" : "-");
  return (
    type +
    bit(0o400, "r") + bit(0o200, "w") + special(0o100, 0o4000, "s", "S") +
    bit(0o040, "r") + bit(0o020, "w") + special(0o010, 0o2000, "s", "S") +
    bit(0o004, "r") + bit(0o002, "w") + special(0o001, 0o1000, "t", "T")
  );
}

/** Total bytes of the regular files under a node (emptyDir usage, `du`). */
export function treeBytes(node: FsNode): number {
  if (node.kind === "file") return node.read ? 0 : byteLength(node.data);
  if (node.kind === "dir") {
    let n = 0;
    for (const c of node.children.values()) n += treeBytes(c);
    return n;
  }
  return 0;
}
