/**
 * Faults and cluster settings as `podlab` session lines. The panel's buttons build these lines and
 * send them like console commands, so each is recorded with its virtual instant and replays exactly
 * (a rewind, a share link, an autosave). The lines are the ones `podlab help` lists.
 */
import { quoteWord } from "../../sim/kubectl/shell";

export type ProbeType = "liveness" | "readiness" | "startup";
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/** Something the panel can do to the cluster. */
export type FaultAction =
  | { kind: "node-stop" | "node-start" | "node-restart" | "node-remove"; node: string }
  | { kind: "node-add"; node: string; cpu: string; memory: string; pods: number; labels: Record<string, string>; taints: string[] }
  | { kind: "node-set"; node: string; cpu?: string; memory?: string; pods?: number; labels?: string[]; taints?: string[] }
  | { kind: "partition"; nodes: string[] }
  | { kind: "heal" }
  | { kind: "container-kill"; namespace: string; pod: string; container?: string; signal?: string }
  | { kind: "probe"; verb: "fail" | "pass" | "reset"; namespace: string; pod: string; container: string; probe: ProbeType; forSeconds?: number }
  | { kind: "registry-outage"; registry?: string; forSeconds?: number }
  | { kind: "registry-slow"; factor: number }
  | { kind: "registry-restore" };

function line(words: (string | undefined | false)[]): string {
  return words.filter((w): w is string => typeof w === "string").map(quoteWord).join(" ");
}

const ns = (namespace: string) => (namespace === "default" ? [] : ["-n", namespace]);

/** The podlab session line that performs an action. */
export function faultLine(a: FaultAction): string {
  switch (a.kind) {
    case "node-stop":
      return line(["podlab", "node", "stop", a.node]);
    case "node-start":
      return line(["podlab", "node", "start", a.node]);
    case "node-restart":
      return line(["podlab", "node", "restart", a.node]);
    case "node-remove":
      return line(["podlab", "node", "remove", a.node]);
    case "node-add":
      return line([
        "podlab",
        "node",
        "add",
        a.node,
        `--cpu=${a.cpu}`,
        `--memory=${a.memory}`,
        `--pods=${a.pods}`,
        ...Object.entries(a.labels).map(([k, v]) => `--label=${k}=${v}`),
        ...a.taints.map((t) => `--taint=${t}`),
      ]);
    case "node-set":
      return line([
        "podlab",
        "node",
        "set",
        a.node,
        a.cpu !== undefined && `--cpu=${a.cpu}`,
        a.memory !== undefined && `--memory=${a.memory}`,
        a.pods !== undefined && `--pods=${a.pods}`,
        ...(a.labels ?? []).map((l) => `--label=${l}`),
        ...(a.taints ?? []).map((t) => `--taint=${t}`),
      ]);
    case "partition":
      return line(["podlab", "network", "partition", ...a.nodes]);
    case "heal":
      return "podlab network heal";
    case "container-kill":
      return line(["podlab", "container", "kill", a.pod, ...(a.container ? ["-c", a.container] : []), a.signal !== undefined && `--signal=${a.signal}`, ...ns(a.namespace)]);
    case "probe":
      return line(["podlab", "probe", a.verb, a.pod, "-c", a.container, `--probe=${a.probe}`, a.verb !== "reset" && a.forSeconds !== undefined && `--for=${a.forSeconds}s`, ...ns(a.namespace)]);
    case "registry-outage":
      return line(["podlab", "registry", "outage", a.registry !== undefined && a.registry !== "*" && `--registry=${a.registry}`, a.forSeconds !== undefined && `--for=${a.forSeconds}s`]);
    case "registry-slow":
      return line(["podlab", "registry", "slow", `--factor=${a.factor}`]);
    case "registry-restore":
      return "podlab registry restore";
  }
}

/** A node's taint as `podlab node set` writes it: `key[=value]:Effect`. */
export function taintText(t: { key: string; value?: string; effect: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

/**
 * The `--label` and `--taint` arguments that turn a node's labels and taints into the wanted ones:
 * `k=v` to set, `k-` to remove; `key=value:Effect` to add, `key:Effect-` to remove.
 */
export function nodeChanges(
  from: { labels: Record<string, string>; taints: { key: string; value?: string; effect: string }[] },
  to: { labels: Record<string, string>; taints: string[] },
): { labels: string[]; taints: string[] } {
  const labels: string[] = [];
  for (const k of Object.keys(from.labels)) if (!(k in to.labels)) labels.push(`${k}-`);
  for (const [k, v] of Object.entries(to.labels)) if (from.labels[k] !== v) labels.push(`${k}=${v}`);
  const have = new Set(from.taints.map(taintText));
  const want = new Set(to.taints);
  const taints: string[] = [];
  for (const t of from.taints) if (!want.has(taintText(t)) && !to.taints.some((w) => sameSlot(w, t))) taints.push(`${t.key}:${t.effect}-`);
  for (const t of to.taints) if (!have.has(t)) taints.push(t);
  return { labels, taints };
}

/** True when a wanted taint replaces an existing one (same key and effect, another value). */
function sameSlot(wanted: string, t: { key: string; effect: string }): boolean {
  const m = TAINT_RE.exec(wanted);
  return !!m && m[1] === t.key && m[3] === t.effect;
}

/** `key[=value]:Effect`, as podlab and kubectl taint accept it. */
export const TAINT_RE = /^([^=:\s]+)(?:=([^:\s]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
/** `key=value` with a Kubernetes label key. */
export const LABEL_RE = /^((?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Parses "k=v" lines (or comma-separated) into labels; returns the bad entries too. */
export function parseLabels(text: string): { labels: Record<string, string>; bad: string[] } {
  const labels: Record<string, string> = {};
  const bad: string[] = [];
  for (const part of text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean)) {
    if (!LABEL_RE.test(part)) bad.push(part);
    else {
      const eq = part.indexOf("=");
      labels[part.slice(0, eq)] = part.slice(eq + 1);
    }
  }
  return { labels, bad };
}

/** Parses "key=value:Effect" lines (or comma-separated) into taints; returns the bad entries too. */
export function parseTaints(text: string): { taints: string[]; bad: string[] } {
  const taints: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean)) (TAINT_RE.test(part) ? taints : bad).push(part);
  return { taints, bad };
}
