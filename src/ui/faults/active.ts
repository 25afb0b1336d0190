/**
 * The faults in force, read from the recorded inputs that have run: which nodes are stopped or cut
 * off, whether the registry is down or slow, which probes are forced. The panel uses it to offer the
 * way back (Start, Reconnect, Restore, Reset) rather than the same fault twice. Inputs are the
 * truth here because a replay of them is what built the cluster.
 */
import { parseDuration } from "../../sim/clock";
import { KUBELET_TIMINGS } from "../../sim/kubelet/timings";
import { parseSession } from "../../sim/session/session";
import type { RecordedInput } from "../../worker/protocol";

export interface ActiveFaults {
  stopped: Set<string>;
  /** Nodes cut off by a partition. */
  partitioned: Set<string>;
  /** Nodes rebooting, with the virtual instant they are up again. */
  rebooting: Map<string, number>;
  removed: Set<string>;
  /** Registries out ("*" for all), with when the outage ends (Infinity: until restored). */
  outage?: { registry: string; until: number };
  /** Pull slowdown factor (1: normal). */
  slow: number;
  /** Forced probe results by "namespace/pod/container/probe". */
  probes: Map<string, { result: "fail" | "pass"; until: number }>;
}

const REBOOT_MS = KUBELET_TIMINGS.nodeRebootDowntime;

function flag(argv: string[], name: string, short?: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    if (a === `--${name}` || (short && a === `-${short}`)) return argv[i + 1];
  }
  return undefined;
}

/** Positional arguments after the two command words, skipping flags and their values. */
function positional(argv: string[], valueFlags: string[]): string[] {
  const out: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      if (!a.includes("=") && valueFlags.includes(a.slice(2))) i++;
    } else if (a.startsWith("-") && a.length === 2) i++;
    else out.push(a);
  }
  return out;
}

/**
 * The faults that the first `cursor` inputs left in force at virtual time `now`. Lines that failed
 * are read as if they worked; the panel only uses this to choose which button to show.
 */
export function activeFaults(inputs: readonly RecordedInput[], cursor: number, now: number): ActiveFaults {
  const f: ActiveFaults = { stopped: new Set(), partitioned: new Set(), rebooting: new Map(), removed: new Set(), slow: 1, probes: new Map() };
  for (const input of inputs.slice(0, cursor)) {
    for (const cmd of parseSession(input.text)) {
      if (cmd.kind !== "podlab") continue;
      const [group, verb] = cmd.argv;
      const args = positional(cmd.argv, ["container", "namespace", "probe", "for", "registry", "factor", "signal", "cpu", "memory", "pods", "label", "taint"]);
      const forMs = parseDuration(flag(cmd.argv, "for") ?? "") ?? Infinity;
      const node = args[0];
      if (group === "node" && node) {
        if (verb === "stop") f.stopped.add(node);
        if (verb === "start") f.stopped.delete(node);
        if (verb === "restart" || verb === "reboot") {
          f.stopped.delete(node);
          f.rebooting.set(node, input.at + REBOOT_MS);
        }
        if (verb === "remove") f.removed.add(node);
        if (verb === "add") f.removed.delete(node);
      }
      if (group === "network" && verb === "partition") for (const n of args) f.partitioned.add(n);
      if (group === "network" && verb === "heal") f.partitioned.clear();
      if (group === "registry" && verb === "outage") f.outage = { registry: flag(cmd.argv, "registry") ?? "*", until: input.at + forMs };
      if (group === "registry" && verb === "slow") f.slow = Number(flag(cmd.argv, "factor")) || 1;
      if (group === "registry" && verb === "restore") {
        f.outage = undefined;
        f.slow = 1;
      }
      if (group === "probe" && args[0]) {
        const key = `${flag(cmd.argv, "namespace", "n") ?? "default"}/${args[0]}/${flag(cmd.argv, "container", "c")}/${flag(cmd.argv, "probe")}`;
        if (verb === "reset") f.probes.delete(key);
        else if (verb === "fail" || verb === "pass") f.probes.set(key, { result: verb, until: input.at + forMs });
      }
    }
  }
  if (f.outage && f.outage.until <= now) f.outage = undefined;
  for (const [k, p] of f.probes) if (p.until <= now) f.probes.delete(k);
  for (const [n, up] of f.rebooting) if (up <= now) f.rebooting.delete(n);
  return f;
}
