/**
 * Builds an image's root filesystem as a frozen tree that every container of the image shares
 * (each container copies what it changes). Tools of the base's userland become files whose
 * `program` says which command runs; modelled binaries get a two-line shim so a shell can run them
 * by path.
 */
import { BASES } from "./bases";
import type { FileSpec, ImageDef } from "./types";
import { type DirNode, type FsNode, type InodeCounter, freezeTree, makeDir, makeFile, makeSymlink } from "../vfs/nodes";
import { normalizePath, splitPath } from "../vfs/paths";

/** Shell built-ins just-bash lacks, provided as commands (hidden from `ls`). */
export const HIDDEN_HELPERS = ["__podlab_exec"];

/** What a shell finds in a modelled binary: a call back into the runtime. */
export const PROGRAM_SHIM = '#!/podlab/exec\n__podlab_exec "$0" "$@"\n';

/** The program tag of a tool: shells are "sh:<flavour>", everything else "tool:<name>". */
export function toolProgram(name: string, sh: string | undefined): string {
  if (name === "sh") return `sh:${sh ?? "ash"}`;
  if (name === "ash") return "sh:ash";
  if (name === "dash") return "sh:dash";
  if (name === "bash") return "sh:bash";
  return `tool:${name}`;
}

export function buildRootfs(def: ImageDef, ino: InodeCounter): DirNode {
  const base = BASES[def.base] ?? BASES.debian;
  const root = makeDir(ino, 0o755, 0, 0, 0);
  const put = (path: string, spec: FileSpec) => addFile(root, ino, path, spec);
  for (const [p, s] of Object.entries(base.files)) put(p, s);
  const tools = new Set(base.tools.concat(def.addTools ?? []));
  for (const t of def.removeTools ?? []) tools.delete(t);
  if (tools.size > 0) {
    const dir = base.toolDir;
    for (const t of [...tools].sort()) put(`${dir}/${t}`, { program: toolProgram(t, base.sh), mode: 0o755 });
    if (base.userland === "busybox") {
      // busybox installs sh in /bin; some applets live in /usr/bin and /sbin too, which scripts rely on.
      put("/usr/bin/env", { program: "tool:env", mode: 0o755 });
    } else if (!tools.has("sh")) put(`${dir}/sh`, { program: toolProgram("sh", base.sh), mode: 0o755 });
    const hidden = ensureDir(root, ino, "/usr/bin");
    hidden.hidden = new Set(HIDDEN_HELPERS);
    for (const h of HIDDEN_HELPERS) hidden.children.set(h, makeFile(ino, "", 0o755, 0, 0, 0));
  }
  for (const [p, s] of Object.entries(def.files ?? {})) put(p, s);
  freezeTree(root);
  return root;
}

function ensureDir(root: DirNode, ino: InodeCounter, path: string): DirNode {
  let cur = root;
  for (const c of splitPath(normalizePath(path))) {
    let next = cur.children.get(c);
    if (next?.kind === "symlink") {
      next = resolveLink(root, cur, next.target);
    }
    if (!next || next.kind !== "dir") {
      next = makeDir(ino, 0o755, 0, 0, 0);
      cur.children.set(c, next);
    }
    cur = next as DirNode;
  }
  return cur;
}

/** Follows a symlink inside the image (for "/bin -> usr/bin" in Debian). */
function resolveLink(root: DirNode, parent: DirNode, target: string): FsNode | undefined {
  let cur: FsNode | undefined = target.startsWith("/") ? root : parent;
  for (const c of splitPath(normalizePath("/" + target))) {
    if (!cur || cur.kind !== "dir") return undefined;
    cur = cur.children.get(c);
  }
  return cur;
}

function addFile(root: DirNode, ino: InodeCounter, rawPath: string, spec: FileSpec): void {
  const append = rawPath.endsWith("+");
  const path = normalizePath(append ? rawPath.slice(0, -1) : rawPath);
  const comps = splitPath(path);
  const name = comps.pop()!;
  const dir = ensureDir(root, ino, "/" + comps.join("/"));
  if (typeof spec === "string") {
    const existing = dir.children.get(name);
    if (append && existing?.kind === "file" && typeof existing.data === "string") existing.data += spec;
    else dir.children.set(name, makeFile(ino, spec, 0o644, 0, 0, 0));
    return;
  }
  if ("symlink" in spec) {
    dir.children.set(name, makeSymlink(ino, spec.symlink, 0, 0, 0));
    return;
  }
  if ("dir" in spec) {
    const existing = dir.children.get(name);
    const d = existing?.kind === "dir" ? existing : makeDir(ino, 0o755, 0, 0, 0);
    d.mode = spec.mode ?? d.mode;
    d.uid = spec.uid ?? d.uid;
    d.gid = spec.gid ?? d.gid;
    dir.children.set(name, d);
    return;
  }
  const content = spec.program && !spec.program.startsWith("tool:") && !spec.program.startsWith("sh:") ? PROGRAM_SHIM : (spec.content ?? "");
  const file = makeFile(ino, spec.content ?? content, spec.mode ?? 0o644, spec.uid ?? 0, spec.gid ?? 0, 0);
  if (spec.program) file.program = spec.program;
  dir.children.set(name, file);
}
