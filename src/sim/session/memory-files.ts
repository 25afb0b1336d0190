/**
 * A FileSource over an in-memory map of path → text: the app's editor files, test fixtures.
 */
import type { FileSource } from "../kubectl/verb";

export function memoryFiles(files: Record<string, string>, cwd = ""): FileSource {
  const norm = (p: string) => normalizePath(p.startsWith("/") || !cwd ? p : `${cwd}/${p}`);
  const all = new Map(Object.entries(files).map(([p, t]) => [normalizePath(p), t]));
  return {
    readFile: (path) => all.get(norm(path)),
    listDir: (path) => {
      const dir = norm(path).replace(/\/$/, "");
      const prefix = dir === "" || dir === "." ? "" : `${dir}/`;
      const inDir = [...all.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"));
      return inDir.length > 0 ? inDir.sort() : undefined;
    },
  };
}

/** Resolves "." and ".." segments and duplicate slashes. */
export function normalizePath(p: string): string {
  const abs = p.startsWith("/");
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return (abs ? "/" : "") + parts.join("/");
}
