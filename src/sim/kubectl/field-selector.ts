/**
 * Field selectors as the API server applies them to lists and watches (`--field-selector`): the
 * syntax of apimachinery's fields.ParseSelector, the fields each kind exposes (metadata.name and
 * metadata.namespace everywhere; status.phase, spec.nodeName, ... on pods; involvedObject.* on
 * events), and the errors for the fields a kind does not support, in each kind's own wording.
 */
import type { KObject } from "../api/types";

export interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

/** A bad selector: the API server's BadRequest message. */
export class FieldSelectorError extends Error {}

/** fields.ParseSelector: comma-separated `field=value`, `field==value`, `field!=value`; `\` escapes. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (selector.trim() === "") return out;
  for (const term of splitTerms(selector)) {
    if (term === "") continue;
    const parsed = splitTerm(term);
    if (!parsed) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    out.push({ field: unescape(parsed.lhs), op: parsed.op === "!=" ? "!=" : "=", value: unescape(parsed.rhs) });
  }
  return out;
}

function splitTerms(s: string): string[] {
  const terms: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === ",") {
      terms.push(cur);
      cur = "";
    } else {
      cur += s[i];
    }
  }
  terms.push(cur);
  return terms;
}

function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ["!=", "==", "="]) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, "$1");
}

type FieldGetter = (obj: KObject) => unknown;

const META: Record<string, FieldGetter> = {
  "metadata.name": (o) => o.metadata.name,
  "metadata.namespace": (o) => o.metadata.namespace,
};

/** The extra fields each kind's registry exposes (pkg/registry/.../strategy.go GetAttrs). */
const FIELDS: Record<string, Record<string, FieldGetter>> = {
  Pod: {
    "spec.nodeName": (o) => o.spec?.nodeName,
    "spec.restartPolicy": (o) => o.spec?.restartPolicy,
    "spec.schedulerName": (o) => o.spec?.schedulerName,
    "spec.serviceAccountName": (o) => o.spec?.serviceAccountName,
    "spec.hostNetwork": (o) => String(o.spec?.hostNetwork === true),
    "status.phase": (o) => o.status?.phase,
    "status.podIP": (o) => o.status?.podIP,
    "status.podIPs": (o) => o.status?.podIPs?.[0]?.ip,
    "status.nominatedNodeName": (o) => o.status?.nominatedNodeName,
  },
  Event: {
    "involvedObject.kind": (o) => o.involvedObject?.kind,
    "involvedObject.namespace": (o) => o.involvedObject?.namespace,
    "involvedObject.name": (o) => o.involvedObject?.name,
    "involvedObject.uid": (o) => o.involvedObject?.uid,
    "involvedObject.apiVersion": (o) => o.involvedObject?.apiVersion,
    "involvedObject.resourceVersion": (o) => o.involvedObject?.resourceVersion,
    "involvedObject.fieldPath": (o) => o.involvedObject?.fieldPath,
    reason: (o) => o.reason,
    reportingComponent: (o) => o.reportingComponent,
    source: (o) => o.source?.component || o.reportingComponent,
    type: (o) => o.type,
  },
  Secret: { type: (o) => o.type },
  Namespace: { "status.phase": (o) => o.status?.phase ?? (o.metadata.deletionTimestamp ? "Terminating" : "Active") },
  Node: { "spec.unschedulable": (o) => String(o.spec?.unschedulable === true) },
  ReplicaSet: { "status.replicas": (o) => String(o.status?.replicas ?? 0) },
  ReplicationController: { "status.replicas": (o) => String(o.status?.replicas ?? 0) },
  Job: { "status.successful": (o) => String(o.status?.succeeded ?? 0) },
};

/** The message the API server gives for a field label the kind does not support. */
function unsupported(kind: string, field: string): string {
  switch (kind) {
    case "Pod":
    case "Event":
    case "Secret":
    case "Namespace":
    case "Node":
    case "ReplicationController":
      return `field label not supported: ${field}`;
    case "ReplicaSet":
      return `field label not supported for appsv1.ReplicaSet: ${field}`;
    case "Job":
      return `field label "${field}" not supported for batchv1.Job`;
    default:
      return `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
  }
}

/** Throws FieldSelectorError when a requirement names a field the kind does not support. */
export function checkFields(kind: string, reqs: readonly FieldRequirement[]): void {
  for (const r of reqs) {
    if (!(r.field in META) && !(r.field in (FIELDS[kind] ?? {}))) throw new FieldSelectorError(unsupported(kind, r.field));
  }
}

/** True when the object satisfies every requirement (fields already checked). */
export function matchesFields(obj: KObject, reqs: readonly FieldRequirement[]): boolean {
  for (const r of reqs) {
    const get = META[r.field] ?? FIELDS[obj.kind]?.[r.field];
    const raw = get ? get(obj) : undefined;
    const value = raw === undefined || raw === null ? "" : String(raw);
    if (r.op === "=" ? value !== r.value : value === r.value) return false;
  }
  return true;
}
