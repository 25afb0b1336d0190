/**
 * The `podlab` session commands for faults and cluster settings, parsed into calls of the typed
 * Faults API. Flags take `--name=value` or `--name value`; `--label` and `--taint` may repeat.
 */
import type { Cluster, NodeSettings } from "../cluster";
import { parseDuration } from "../clock";
import type { PressureType } from "../kubelet/node-status";
import type { ProbeType } from "../kubelet/prober/worker";
import type { Faults, NodeChanges } from "./faults";

/** Flags of a podlab command: the value flags it takes (short aliases map to long names). */
interface FlagSpec {
  values: string[];
  repeat?: string[];
  short?: Record<string, string>;
}

interface Parsed {
  args: string[];
  flags: Map<string, string[]>;
}

export function parseFlags(argv: string[], spec: FlagSpec): Parsed {
  const args: string[] = [];
  const flags = new Map<string, string[]>();
  const known = new Set([...spec.values, ...(spec.repeat ?? [])]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let name: string | undefined;
    let value: string | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) value = a.slice(eq + 1);
    } else if (a.startsWith("-") && a.length > 1) {
      const short = a.slice(1);
      name = spec.short?.[short];
      if (!name) throw new Error(`unknown shorthand flag: '${short}' in ${a}`);
    } else {
      args.push(a);
      continue;
    }
    if (!known.has(name)) throw new Error(`unknown flag: --${name}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new Error(`flag needs an argument: --${name}`);
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
    if (!spec.repeat?.includes(name) && flags.get(name)!.length > 1) throw new Error(`flag --${name} given twice`);
  }
  return { args, flags };
}

function one(p: Parsed, name: string): string | undefined {
  return p.flags.get(name)?.[0];
}

function duration(p: Parsed, name: string): number | undefined {
  const text = one(p, name);
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new Error(`invalid --${name} "${text}": give a duration such as 30s, 2m or 1h`);
  return ms;
}

function positiveInt(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) <= 0) throw new Error(`invalid --${flag} "${text}": give a whole number`);
  return Number(text);
}

/** "k=v" labels; "k-" removes (for node set). */
function labelsOf(list: string[] | undefined, allowRemove: boolean): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const l of list ?? []) {
    if (allowRemove && /^[^=]+-$/.test(l)) out[l.slice(0, -1)] = null;
    else {
      const eq = l.indexOf("=");
      if (eq <= 0) throw new Error(`invalid --label "${l}": give key=value${allowRemove ? " or key- to remove" : ""}`);
      out[l.slice(0, eq)] = l.slice(eq + 1);
    }
  }
  return out;
}

type Effect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/** "key[=value]:Effect" taints; "key[:Effect]-" removes (for node set). */
function taintsOf(list: string[] | undefined, allowRemove: boolean): { add: NonNullable<NodeSettings["taints"]>; remove: { key: string; effect?: string }[] } {
  const add: NonNullable<NodeSettings["taints"]> = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const t of list ?? []) {
    if (allowRemove && t.endsWith("-")) {
      const [key, effect] = t.slice(0, -1).split(":");
      remove.push({ key, effect });
      continue;
    }
    const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(t);
    if (!m) throw new Error(`invalid --taint "${t}": give key=value:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute`);
    add.push({ key: m[1], ...(m[2] ? { value: m[2] } : {}), effect: m[3] as Effect });
  }
  return { add, remove };
}

function nodeArg(p: Parsed, usage: string): string {
  if (p.args.length !== 1) throw new Error(`usage: ${usage}`);
  return p.args[0];
}

const PROBES: ProbeType[] = ["liveness", "readiness", "startup"];
const PRESSURES: Record<string, PressureType> = { memory: "MemoryPressure", disk: "DiskPressure", pid: "PIDPressure" };

/** Registers every fault and settings command, and `podlab help`. */
export function registerFaultCommands(cluster: Cluster, faults: Faults): void {
  const cmd = (name: string, usage: string, summary: string, spec: FlagSpec, run: (p: Parsed) => string) => {
    cluster.registerPodlabCommand({
      name,
      usage,
      summary,
      run(argv, _c, out) {
        out(`${run(parseFlags(argv, spec))}\n`);
        return 0;
      },
    });
  };
  const none: FlagSpec = { values: [] };
  cmd("node stop", "podlab node stop NODE", "Stop a node's kubelet and container runtime (containers keep running)", none, (p) => faults.stopNode(nodeArg(p, "podlab node stop NODE")));
  cmd("node start", "podlab node start NODE", "Start a stopped node's kubelet again", none, (p) => faults.startNode(nodeArg(p, "podlab node start NODE")));
  const restart = (p: Parsed) => faults.restartNode(nodeArg(p, "podlab node restart NODE"));
  cmd("node restart", "podlab node restart NODE", "Reboot a node: its containers die and start again", none, restart);
  cmd("node reboot", "podlab node reboot NODE", "Same as node restart", none, restart);
  cmd("node add", "podlab node add NAME [--cpu=4] [--memory=8Gi] [--pods=110] [--label k=v] [--taint k=v:Effect]", "Add a node to the cluster", { values: ["cpu", "memory", "pods"], repeat: ["label", "taint"] }, (p) => {
    const name = nodeArg(p, "podlab node add NAME [flags]");
    const labels = labelsOf(p.flags.get("label"), false) as Record<string, string>;
    const { add } = taintsOf(p.flags.get("taint"), false);
    return faults.addNode({ name, cpu: one(p, "cpu") ?? "4", memory: one(p, "memory") ?? "8Gi", pods: positiveInt(one(p, "pods") ?? "110", "pods"), labels, taints: add });
  });
  cmd("node remove", "podlab node remove NAME", "Remove a node (its pods are garbage-collected)", none, (p) => faults.removeNode(nodeArg(p, "podlab node remove NAME")));
  cmd("node set", "podlab node set NAME [--cpu=N] [--memory=Q] [--pods=N] [--label k=v|k-] [--taint k=v:Effect|k:Effect-]", "Resize a node, change its labels and taints", { values: ["cpu", "memory", "pods"], repeat: ["label", "taint"] }, (p) => {
    const name = nodeArg(p, "podlab node set NAME [flags]");
    const { add, remove } = taintsOf(p.flags.get("taint"), true);
    const changes: NodeChanges = {
      cpu: one(p, "cpu"),
      memory: one(p, "memory"),
      pods: one(p, "pods") === undefined ? undefined : positiveInt(one(p, "pods")!, "pods"),
      labels: p.flags.has("label") ? labelsOf(p.flags.get("label"), true) : undefined,
      taints: add.length > 0 ? add : undefined,
      removeTaints: remove.length > 0 ? remove : undefined,
    };
    return faults.setNode(name, changes);
  });
  cmd("node pressure", "podlab node pressure NODE memory|disk|pid on|off", "Make a node's kubelet report memory, disk or PID pressure", none, (p) => {
    const [node, kind, state] = p.args;
    const type = PRESSURES[kind ?? ""];
    if (!node || !type || (state !== "on" && state !== "off")) throw new Error("usage: podlab node pressure NODE memory|disk|pid on|off");
    return faults.setPressure(node, type, state === "on");
  });
  cmd("network partition", "podlab network partition NODE [NODE...]", "Cut nodes off from the control plane and the other nodes", none, (p) => faults.partition(p.args));
  cmd("network heal", "podlab network heal", "Repair every network partition", none, () => faults.heal());
  cmd("container kill", "podlab container kill POD [-c CONTAINER] [--signal=KILL] [-n NAMESPACE]", "Send a signal to a container's main process", { values: ["container", "signal", "namespace"], short: { c: "container", n: "namespace", s: "signal" } }, (p) => {
    if (p.args.length !== 1) throw new Error("usage: podlab container kill POD [-c CONTAINER] [--signal=KILL] [-n NAMESPACE]");
    return faults.killContainer({ namespace: one(p, "namespace") ?? "default", pod: p.args[0], container: one(p, "container"), signal: one(p, "signal") });
  });
  const probe = (result: "failure" | "success" | "reset") => (p: Parsed) => {
    const verb = result === "failure" ? "fail" : result === "success" ? "pass" : "reset";
    const usage = `podlab probe ${verb} POD -c CONTAINER --probe=liveness|readiness|startup${result === "reset" ? "" : " [--for=DURATION]"} [-n NAMESPACE]`;
    const container = one(p, "container");
    const type = one(p, "probe") as ProbeType | undefined;
    if (p.args.length !== 1 || !container || !type) throw new Error(`usage: ${usage}`);
    if (!PROBES.includes(type)) throw new Error(`invalid --probe "${type}": give liveness, readiness or startup`);
    const namespace = one(p, "namespace") ?? "default";
    if (result === "reset") return faults.resetProbe(namespace, p.args[0], container, type);
    return faults.forceProbe({ namespace, pod: p.args[0], container, probe: type, result, forMs: duration(p, "for") });
  };
  const probeFlags: FlagSpec = { values: ["container", "probe", "for", "namespace"], short: { c: "container", n: "namespace" } };
  cmd("probe fail", "podlab probe fail POD -c CONTAINER --probe=liveness|readiness|startup [--for=DURATION]", "Make a probe fail (until --for runs out or probe reset)", probeFlags, probe("failure"));
  cmd("probe pass", "podlab probe pass POD -c CONTAINER --probe=liveness|readiness|startup [--for=DURATION]", "Make a probe succeed (until --for runs out or probe reset)", probeFlags, probe("success"));
  cmd("probe reset", "podlab probe reset POD -c CONTAINER --probe=liveness|readiness|startup", "Let a forced probe probe for real again", { ...probeFlags, values: ["container", "probe", "namespace"] }, probe("reset"));
  cmd("registry outage", "podlab registry outage [--registry=docker.io] [--for=DURATION]", "Make image registries unreachable", { values: ["registry", "for"] }, (p) => {
    if (p.args.length > 0) throw new Error("usage: podlab registry outage [--registry=docker.io] [--for=DURATION]");
    return faults.registryOutage(one(p, "registry") ?? "*", duration(p, "for"));
  });
  cmd("registry slow", "podlab registry slow --factor=10", "Make image pulls take N times as long", { values: ["factor"] }, (p) => {
    const factor = one(p, "factor");
    if (factor === undefined || p.args.length > 0) throw new Error("usage: podlab registry slow --factor=N");
    return faults.registrySlow(Number(factor));
  });
  cmd("registry restore", "podlab registry restore", "End registry outages and slowness", none, () => faults.registryRestore());
  cluster.registerPodlabCommand({
    name: "help",
    usage: "podlab help",
    summary: "List the podlab commands",
    run(_argv, c, out) {
      const list = c.podlabCommandList().filter((x) => x.name !== "help");
      out("podlab commands (faults and cluster settings):\n");
      for (const x of list) out(`  ${x.usage}\n      ${x.summary}\n`);
      return 0;
    },
  });
}

