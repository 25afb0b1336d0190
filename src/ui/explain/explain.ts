/**
 * Finds the explanation of a term the inspector shows: a pod's STATUS as kubectl prints it
 * (including the patterned ones, "Init:1/2", "Init:Error", "Signal:9", "ExitCode:1"), a phase, a
 * condition or its reason, a QoS class, a node condition, a taint, a scheduler plugin or verdict,
 * a probe kind, a hook, a restart policy, an event type.
 */
import { CONDITION_REASONS, CONTAINER_TERMS, NODE_CONDITIONS, POD_CONDITIONS, QOS_CLASSES, TAINTS_EXPLAINED } from "./conditions";
import { CONTAINER_STATES, PHASES, STATUSES } from "./pod-states";
import { SCHEDULER_PLUGINS, VERDICTS } from "./scheduling";
import type { Explanation } from "./types";

export type { Explanation } from "./types";

/** The vocabularies terms come from. */
export type TermKind = "status" | "phase" | "containerState" | "condition" | "conditionReason" | "qos" | "nodeCondition" | "taint" | "plugin" | "verdict" | "container";

const TABLES: Record<Exclude<TermKind, "status">, Record<string, Explanation>> = {
  phase: PHASES,
  containerState: CONTAINER_STATES,
  condition: POD_CONDITIONS,
  conditionReason: CONDITION_REASONS,
  qos: QOS_CLASSES,
  nodeCondition: NODE_CONDITIONS,
  taint: TAINTS_EXPLAINED,
  plugin: SCHEDULER_PLUGINS,
  verdict: VERDICTS,
  container: CONTAINER_TERMS,
};

/** The explanation of a term, or undefined when there is none. */
export function explain(kind: TermKind, term: string | undefined): Explanation | undefined {
  if (!term) return undefined;
  if (kind === "status") return explainStatus(term);
  return own(TABLES[kind], term);
}

/**
 * The explanation of a kubectl STATUS word or a container's waiting/terminated reason. Patterned
 * words get the pattern's explanation with the numbers filled in.
 */
export function explainStatus(status: string | undefined): Explanation | undefined {
  if (!status) return undefined;
  const direct = own(STATUSES, status);
  if (direct) return direct;
  let m = /^Init:(\d+)\/(\d+)$/.exec(status);
  if (m) {
    const base = STATUSES["Init:N/M"];
    return { ...base, title: status, summary: `${m[1]} of the pod's ${m[2]} init containers have completed. ${base.summary.slice(base.summary.indexOf("Init containers run"))}` };
  }
  m = /^Init:(.+)$/.exec(status);
  if (m) {
    const specific = own(STATUSES, status);
    if (specific) return specific;
    const inner = own(STATUSES, m[1]);
    const base = STATUSES["Init:Reason"];
    return { ...base, title: status, summary: inner ? `An init container is in ${m[1]}: ${lowerFirst(inner.summary)} The app containers cannot start until every init container has completed.` : base.summary };
  }
  m = /^Signal:(\d+)$/.exec(status);
  if (m) return { ...STATUSES["Signal:N"], title: status, summary: `The container was stopped by signal ${m[1]}${m[1] === "9" ? " (SIGKILL)" : m[1] === "15" ? " (SIGTERM)" : ""} with no exit code reported.` };
  m = /^ExitCode:(-?\d+)$/.exec(status);
  if (m) return { ...STATUSES["ExitCode:N"], title: status, summary: `The container exited with code ${m[1]} and no other reason was given.${m[1] !== "0" ? " A non-zero code means the program reported a failure." : ""}` };
  if (/^OutOf/.test(status)) return { ...STATUSES.OutOfcpu, title: status };
  return undefined;
}

/** Explanations for a taint: its key (when Kubernetes sets it) and its effect. */
export function explainTaint(key: string, effect: string | undefined): Explanation[] {
  const out: Explanation[] = [];
  const k = own(TAINTS_EXPLAINED, key);
  if (k) out.push(k);
  const e = effect ? own(TAINTS_EXPLAINED, effect) : undefined;
  if (e) out.push(e);
  return out;
}

function own(table: Record<string, Explanation>, key: string): Explanation | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
