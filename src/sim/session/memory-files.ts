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
      const inDir = new Set<string>();
      for (const p of all.keys()) {
        if (!p.startsWith(prefix)) continue;
        // Files directly inside, and the subdirectories that hold deeper files (for -R).
        const slash = p.indexOf("/", prefix.length);
        if (slash === prefix.length) continue;
        inDir.add(slash < 0 ? p : p.slice(0, slash));
      }
      return inDir.size > 0 ? [...inDir].sort() : undefined;
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
