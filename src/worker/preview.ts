/**
 * Previews for the editor: kubectl runs that leave no trace on the simulation — a server-side dry
 * run of the editor's documents (its markers and the diff view) and reads of live objects.
 *
 * WARNING: a preview is not a recorded input, so it must not change anything a replay would
 * rebuild. The clock is not run, and the random source is put back after each run: a dry-run create
 * still draws (the service-account token volume's name, generateName), and a replay that never
 * made those draws would otherwise name the next objects differently.
 */
import { findVerb } from "../sim/kubectl/kubectl";
import { parseFlags } from "../sim/kubectl/flags";
import { GLOBAL_FLAGS } from "../sim/kubectl/verb";
import type { Cluster } from "../sim/cluster";
import type { CommandOutcome } from "./protocol";
import { formatGoDuration } from "../sim/clock";

/** One kubectl run: argv after "kubectl", and its standard input. */
export interface PreviewRun {
  argv: string[];
  stdin?: string;
}

/** True for the runs a preview allows: a server-side dry run of apply or delete, or a read. */
export function isPreviewable(argv: string[]): boolean {
  const found = findVerb(argv);
  if (!found) return false;
  let values: Map<string, unknown>;
  try {
    values = parseFlags(found.rest, [...GLOBAL_FLAGS, ...found.verb.flags]).values;
  } catch {
    // kubectl reports the bad flag itself; nothing runs.
    return true;
  }
  switch (found.verb.name) {
    case "get":
      return values.get("watch") !== true && values.get("watch-only") !== true;
    case "describe":
      return true;
    case "apply":
    case "delete":
      return values.get("dry-run") === "server";
    default:
      return false;
  }
}

/** Runs each preview; a run that is not allowed gets kubectl's exit code 1 and says why. */
export async function runPreview(cluster: Cluster, runs: PreviewRun[]): Promise<CommandOutcome[]> {
  const out: CommandOutcome[] = [];
  const time = formatGoDuration(cluster.clock.now);
  for (const run of runs) {
    if (!isPreviewable(run.argv)) {
      out.push({ exitCode: 1, stdout: "", stderr: `error: not a preview: kubectl ${run.argv.join(" ")}\n`, time });
      continue;
    }
    const state = cluster.random.save();
    try {
      const r = await cluster.kubectl(run.argv, { stdin: run.stdin });
      out.push({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, time });
    } finally {
      cluster.random.restore(state);
    }
  }
  return out;
}
