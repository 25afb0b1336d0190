/**
 * Test helpers for session scenarios: replay a scenario folder's session file on a fresh cluster and
 * look at what each command printed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createCluster, type ClusterOptions } from "../src/sim";
import type { Cluster } from "../src/sim/cluster";
import type { FileSource } from "../src/sim/kubectl/verb";
import { runSession, type SessionRecord } from "../src/sim/session/session";

/** Files under `baseDir`, as the command-line runner reads them. */
export function folderFiles(baseDir: string): FileSource {
  return {
    readFile(path) {
      try {
        const full = resolve(baseDir, path);
        return statSync(full).isFile() ? readFileSync(full, "utf8") : undefined;
      } catch {
        return undefined;
      }
    },
    listDir(path) {
      try {
        const full = resolve(baseDir, path);
        if (!statSync(full).isDirectory()) return undefined;
        return readdirSync(full).sort().map((f) => relative(baseDir, join(full, f)) || f);
      } catch {
        return undefined;
      }
    },
  };
}

/** The result of replaying a scenario. */
export interface Replay {
  cluster: Cluster;
  records: SessionRecord[];
  /** The record of the first command whose text contains `fragment` at or after `from` (an index). */
  find(fragment: string, from?: number): SessionRecord;
  /** Every record whose command contains `fragment`. */
  all(fragment: string): SessionRecord[];
}

/** Replays `<dir>/session.txt` (or another file in dir) on a fresh cluster. */
export async function replay(dir: string, file = "session.txt", options: ClusterOptions = {}): Promise<Replay> {
  const cluster = createCluster(options);
  const text = readFileSync(join(dir, file), "utf8");
  const records = await runSession(cluster, text, folderFiles(dir));
  return {
    cluster,
    records,
    find(fragment, from = 0) {
      const r = records.slice(from).find((x) => x.command.includes(fragment));
      if (!r) throw new Error(`no command containing "${fragment}" in ${dir}/${file}`);
      return r;
    },
    all(fragment) {
      return records.filter((x) => x.command.includes(fragment));
    },
  };
}

/** Runs inline session text against a fresh cluster, with inline files. */
export async function replayText(text: string, files: Record<string, string> = {}, options: ClusterOptions = {}): Promise<Replay> {
  const { memoryFiles } = await import("../src/sim/session/memory-files");
  const cluster = createCluster(options);
  const records = await runSession(cluster, text, memoryFiles(files));
  return {
    cluster,
    records,
    find(fragment, from = 0) {
      const r = records.slice(from).find((x) => x.command.includes(fragment));
      if (!r) throw new Error(`no command containing "${fragment}"`);
      return r;
    },
    all(fragment) {
      return records.filter((x) => x.command.includes(fragment));
    },
  };
}

/** The output of the nth run of exactly this command. */
export function run(r: Replay, command: string, nth = 0): { stdout: string; stderr: string; exitCode: number } {
  const found = r.records.filter((x) => x.command === command)[nth];
  if (!found) throw new Error(`no run ${nth} of "${command}"`);
  return found;
}

/** The Events table rows of `kubectl describe`, each as its cells. */
export function eventRows(describe: string): string[][] {
  const lines = describe.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Events:"));
  return lines
    .slice(start + 3)
    .filter((l) => l.trim() !== "")
    .map((l) => l.trim().split(/ {2,}/));
}
