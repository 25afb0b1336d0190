/**
 * Shell flavours: the simulated shell is one interpreter (just-bash), but busybox ash, Debian's dash
 * and bash each word their own errors. Diagnostics are rewritten into the right shell's and tools'
 * words as they are written ("sh: foo: not found", "cat: can't open '/x': No such file or directory").
 */
import { STRERROR } from "../vfs/errors";

export type ShellKind = "ash" | "dash" | "bash";

export interface ShellFlavour {
  kind: ShellKind;
  /** The name the shell prints before its own errors ("sh" or "bash"). */
  name: string;
  /** busybox applets or GNU tools: they word their errors differently too. */
  tools: "busybox" | "gnu";
}

const NODE_ERROR = /\b(E[A-Z]+): [a-z][a-z -]*, [a-z]+ '[^']*'/g;

/** "EACCES: permission denied, open '/x'" → "Permission denied". */
export function strerrorize(text: string): string {
  return text.replace(NODE_ERROR, (m, code: string) => STRERROR[code] ?? m);
}

/** Rewrites just-bash's bash-worded diagnostics into the flavour's. */
export function rewriteDiagnostics(text: string, f: ShellFlavour): string {
  if (!text.includes(":")) return text;
  const lines = strerrorize(text).split("\n");
  for (let i = 0; i < lines.length; i++) lines[i] = rewriteLine(lines[i], f);
  return lines.join("\n");
}

function shellPrefix(f: ShellFlavour): string {
  return f.kind === "dash" ? `${f.name}: 1: ` : f.kind === "bash" ? `${f.name}: line 1: ` : `${f.name}: `;
}

function rewriteLine(line: string, f: ShellFlavour): string {
  let m: RegExpExecArray | null;
  if ((m = /^bash: cd: (.+): (.+)$/.exec(line))) {
    if (f.kind === "bash") return `${shellPrefix(f)}cd: ${m[1]}: ${m[2]}`;
    return f.kind === "dash" ? `${shellPrefix(f)}cd: can't cd to ${m[1]}` : `${shellPrefix(f)}cd: can't cd to ${m[1]}: ${m[2]}`;
  }
  if ((m = /^bash: (.+): command not found$/.exec(line))) {
    return f.kind === "bash" ? `${shellPrefix(f)}${m[1]}: command not found` : `${shellPrefix(f)}${m[1]}: not found`;
  }
  if ((m = /^bash: (.+): No such file or directory$/.exec(line))) {
    return f.kind === "bash" ? `${shellPrefix(f)}${m[1]}: No such file or directory` : `${shellPrefix(f)}${m[1]}: not found`;
  }
  if ((m = /^bash: (.+): Permission denied$/.exec(line))) return `${shellPrefix(f)}${m[1]}: Permission denied`;
  if ((m = /^bash: (.*)$/.exec(line)) && f.kind !== "bash") return `${f.name}: ${m[1]}`;
  if (f.tools !== "busybox") return line;
  if ((m = /^(cat|head|tail|wc|grep|sort|uniq|md5sum|sha256sum|sha1sum|base64|od|tac): (?!can't )([^:]+): No such file or directory$/.exec(line))) {
    return `${m[1]}: can't open '${m[2]}': No such file or directory`;
  }
  if ((m = /^rm: cannot remove '(.+)': Is a directory$/.exec(line))) return `rm: '${m[1]}' is a directory`;
  if ((m = /^(rm|rmdir): cannot remove '(.+)': (.+)$/.exec(line))) return `${m[1]}: can't remove '${m[2]}': ${m[3]}`;
  if ((m = /^mkdir: cannot create directory '(.+)': (.+)$/.exec(line))) return `mkdir: can't create directory '${m[1]}': ${m[2]}`;
  if ((m = /^(cp|mv): cannot stat '(.+)': (.+)$/.exec(line))) return `${m[1]}: can't stat '${m[2]}': ${m[3]}`;
  if ((m = /^cp: cannot create regular file '(.+)': (.+)$/.exec(line))) return `cp: can't create '${m[1]}': ${m[2]}`;
  if ((m = /^touch: cannot touch '(.+)': (.+)$/.exec(line))) return `touch: ${m[1]}: ${m[2]}`;
  return line;
}

/** The shell's message for a command it cannot find. */
export function notFound(name: string, f: ShellFlavour): string {
  return f.kind === "bash" ? `${shellPrefix(f)}${name}: command not found\n` : `${shellPrefix(f)}${name}: not found\n`;
}

/** The shell's message when it cannot open a redirection target. */
export function redirectError(path: string, code: string, f: ShellFlavour): string {
  const text = STRERROR[code] ?? code;
  if (f.kind === "bash") return `${shellPrefix(f)}${path}: ${text}\n`;
  if (f.kind === "dash") return `${shellPrefix(f)}cannot create ${path}: ${code === "ENOENT" ? "Directory nonexistent" : text}\n`;
  return `${f.name}: can't create ${path}: ${code === "ENOENT" ? "nonexistent directory" : text}\n`;
}

export const FLAVOURS: Record<ShellKind, ShellFlavour> = {
  ash: { kind: "ash", name: "sh", tools: "busybox" },
  dash: { kind: "dash", name: "sh", tools: "gnu" },
  bash: { kind: "bash", name: "bash", tools: "gnu" },
};
