/**
 * POSIX path helpers for the simulated filesystems: normalisation without touching any filesystem.
 */

/** Normalises an absolute path: collapses `//`, resolves `.` and `..`, drops a trailing slash. */
export function normalizePath(path: string): string {
  if (isNormal(path)) return path;
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}

/**
 * True when the path is already normal: absolute, no empty, `.` or `..` component, no trailing
 * slash. Most paths are (every lookup normalises its argument first), and need no splitting.
 */
function isNormal(path: string): boolean {
  if (path.charCodeAt(0) !== 47) return false;
  if (path.length === 1) return true;
  let start = 1;
  for (let i = 1; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue;
    const len = i - start;
    if (len === 0) return false;
    if (path.charCodeAt(start) === 46 && (len === 1 || (len === 2 && path.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

/** Resolves `path` against the directory `base` (both POSIX). */
export function resolveAgainst(base: string, path: string): string {
  return normalizePath(path.startsWith("/") ? path : `${base}/${path}`);
}

/** The components of a normalised absolute path ("/" has none). */
export function splitPath(path: string): string[] {
  return path === "/" ? [] : path.slice(1).split("/");
}

/** The directory part of a normalised absolute path. */
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

/** The last component of a normalised absolute path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Joins a directory and a name. */
export function joinPath(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}
