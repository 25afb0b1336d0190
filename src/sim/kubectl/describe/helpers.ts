/**
 * The building blocks every describer shares, as describe.go writes them: multi-line labels,
 * annotations (long ones wrapped), taints, tolerations and pod lists aligned under their title, the
 * Events table with "(x3 over 76s)" aggregation, the event search (by name, namespace, kind and uid),
 * "Controlled By", and the settings a describe run carries.
 */
import type { KObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import type { VirtualClock } from "../../clock";
import { eventInterval } from "../printers/columns/core";
import { parseTime } from "../printers/duration";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./prefix-writer";

/** DescriberSettings. */
export interface DescribeSettings {
  showEvents: boolean;
}

/** What a describer gets: the object, the cluster to look related objects up in, and the settings. */
export interface DescribeContext {
  cluster: Cluster;
  clock: VirtualClock;
  settings: DescribeSettings;
}

/** A describer: one object to text. */
export type Describer = (obj: KObject, ctx: DescribeContext) => string;

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = "", innerIndent = "\t"): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** printAnnotationsMultiline: the last-applied annotation is skipped, long or multi-line values wrapped. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const indent = "\t";
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split("\n")) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + "..." : s;
}

/** Taint.ToString(): "key=value:Effect" or "key:Effect". */
export function taintString(t: { key: string; value?: string; effect: string }): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printNodeTaintsMultiline: sorted by effect, then key. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: { key: string; value?: string; effect: string }[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const key = (t: { key: string; effect: string }) => `${t.effect},${t.key}`;
  list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent: sorted by key; "op=Exists", "for 300s". */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: any[] | undefined, initialIndent = ""): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine("<none>");
    return;
  }
  list.sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (typeof t.tolerationSeconds === "number") s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** printPodsMultiline: pod names sorted. */
export function printPodsMultiline(w: PrefixWriter, title: string, pods: KObject[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (pods.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const names = pods.map((p) => p.metadata.name ?? "").sort();
  names.forEach((n, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, `${n}\n`);
  });
}

/** The events about an object, as searchEvents asks the API server for them. */
export function searchEvents(cluster: Cluster, obj: KObject, opts: { ignoreKind?: boolean; uid?: string } = {}): KObject[] {
  const ns = obj.metadata.namespace ?? "";
  const uid = opts.uid ?? obj.metadata.uid ?? "";
  const events = ns ? cluster.store.list("Event", ns) : cluster.store.list("Event");
  return events.filter((e) => {
    const io = e.involvedObject ?? {};
    if ((io.name ?? "") !== (obj.metadata.name ?? "")) return false;
    if ((io.namespace ?? "") !== ns) return false;
    if (!opts.ignoreKind && (io.kind ?? "") !== obj.kind) return false;
    if (uid && (io.uid ?? "") !== uid) return false;
    return true;
  });
}

/** DescribeEvents: "<none>", or the table sorted by last timestamp. */
export function describeEvents(events: KObject[], w: PrefixWriter, clock: VirtualClock): void {
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => (parseTime(a.lastTimestamp) ?? 0) - (parseTime(b.lastTimestamp) ?? 0));
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const source = e.source?.component || e.reportingComponent || "";
    w.write(LEVEL_1, `${e.type ?? ""}\t${e.reason ?? ""}\t${eventInterval(e, clock)}\t${source}\t${String(e.message ?? "").trim()}\n`);
  }
}

/** printController: "ReplicaSet/web-7d4b9c" for the controlling owner. */
export function controlledBy(obj: KObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

/** stringOrNone. */
export function stringOrNone(s: string | undefined): string {
  return s ? s : "<none>";
}
