/**
 * Tables of the remaining core kinds: Namespace, ConfigMap (DATA), Secret (TYPE DATA), ServiceAccount
 * (SECRETS), Event (LAST SEEN TYPE REASON OBJECT MESSAGE), Lease, ResourceQuota, PriorityClass,
 * ComponentStatus, and the storage kinds PersistentVolume, PersistentVolumeClaim and StorageClass.
 */
import type { KObject } from "../../../api/types";
import { canonicalQuantity } from "../../../api/quantity";
import type { VirtualClock } from "../../../clock";
import { since } from "../duration";
import { age, AGE, NAME, n, wide, type TableDef } from "./types";

export const namespaceTable: TableDef = {
  columns: [NAME, { name: "Status" }, AGE],
  row: (obj, ctx) => [obj.metadata.name ?? "", obj.status?.phase ?? (obj.metadata.deletionTimestamp ? "Terminating" : "Active"), age(obj, ctx)],
};

export const configMapTable: TableDef = {
  columns: [NAME, { name: "Data" }, AGE],
  row: (obj, ctx) => [obj.metadata.name ?? "", Object.keys(obj.data ?? {}).length + Object.keys(obj.binaryData ?? {}).length, age(obj, ctx)],
};

export const secretTable: TableDef = {
  columns: [NAME, { name: "Type" }, { name: "Data" }, AGE],
  row(obj, ctx) {
    // The API server folds stringData into data; count both in case a stored object still has it.
    const keys = new Set([...Object.keys(obj.data ?? {}), ...Object.keys(obj.stringData ?? {})]);
    return [obj.metadata.name ?? "", obj.type ?? "Opaque", keys.size, age(obj, ctx)];
  },
};

export const serviceAccountTable: TableDef = {
  columns: [NAME, { name: "Secrets" }, AGE],
  row: (obj, ctx) => [obj.metadata.name ?? "", (obj.secrets ?? []).length, age(obj, ctx)],
};

/** The interval of an event as `get events` and describe print it: "5s", "76s (x3 over 2m)". */
export function eventTimes(e: KObject, clock: VirtualClock): { first: string; last: string; count: number } {
  const first = e.firstTimestamp ? since(clock, e.firstTimestamp) : since(clock, e.eventTime);
  let last = e.lastTimestamp ? since(clock, e.lastTimestamp) : first;
  let count = n(e.count);
  if (e.series) {
    last = since(clock, e.series.lastObservedTime);
    count = n(e.series.count);
  } else if (count === 0) {
    count = 1;
  }
  return { first, last, count };
}

/** The interval describe's Events table and `kubectl events` print: "5s", "76s (x3 over 2m)". */
export function eventInterval(e: KObject, clock: VirtualClock): string {
  const first = e.eventTime ? since(clock, e.eventTime) : since(clock, e.firstTimestamp);
  if (e.series) return `${since(clock, e.series.lastObservedTime)} (x${n(e.series.count)} over ${first})`;
  if (n(e.count) > 1) return `${since(clock, e.lastTimestamp)} (x${e.count} over ${first})`;
  return first;
}

/** formatEventSource: "component, host", falling back to the reporting controller and instance. */
export function eventSource(e: KObject): string {
  const component = e.source?.component || e.reportingComponent || "";
  const host = e.source?.host || e.reportingInstance || "";
  return host ? `${component}, ${host}` : component;
}

export const eventTable: TableDef = {
  columns: [{ name: "Last Seen" }, { name: "Type" }, { name: "Reason" }, { name: "Object" }, ...wide("Subobject", "Source"), { name: "Message" }, ...wide("First Seen", "Count"), { name: "Name", priority: 1, format: "name" }],
  row(obj, ctx) {
    const t = eventTimes(obj, ctx.clock);
    const io = obj.involvedObject ?? {};
    const kind = String(io.kind ?? "").toLowerCase();
    const target = io.name ? `${kind}/${io.name}` : kind;
    return [t.last, obj.type ?? "", obj.reason ?? "", target, io.fieldPath ?? "", eventSource(obj), String(obj.message ?? "").trim(), t.first, t.count, obj.metadata.name ?? ""];
  },
};

export const leaseTable: TableDef = {
  columns: [NAME, { name: "Holder" }, AGE],
  row: (obj, ctx) => [obj.metadata.name ?? "", obj.spec?.holderIdentity ?? "", age(obj, ctx)],
};

export const resourceQuotaTable: TableDef = {
  columns: [NAME, { name: "Request" }, { name: "Limit" }, AGE],
  row(obj, ctx) {
    const hard: Record<string, string> = obj.status?.hard ?? {};
    const used: Record<string, string> = obj.status?.used ?? {};
    const requests: string[] = [];
    const limits: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const cell = `${r}: ${canonicalQuantity(used[r] ?? "0") ?? "0"}/${canonicalQuantity(hard[r]) ?? hard[r]}`;
      if (r.split(".").length > 1 && r.split(".")[0] === "limits") limits.push(cell);
      else requests.push(cell);
    }
    return [obj.metadata.name ?? "", requests.join(", "), limits.join(", "), age(obj, ctx)];
  },
};

export const priorityClassTable: TableDef = {
  columns: [NAME, { name: "Value" }, { name: "Global-Default" }, AGE, { name: "PreemptionPolicy", priority: 1 }],
  row: (obj, ctx) => [obj.metadata.name ?? "", n(obj.value), obj.globalDefault === true, age(obj, ctx), obj.preemptionPolicy ?? ""],
};

export const componentStatusTable: TableDef = {
  columns: [NAME, { name: "Status" }, { name: "Message" }, { name: "Error" }],
  row(obj) {
    const c = (obj.conditions ?? []).find((x: { type: string }) => x.type === "Healthy");
    const status = c ? (c.status === "True" ? "Healthy" : "Unhealthy") : "Unknown";
    return [obj.metadata.name ?? "", status, c?.message ?? "", c?.error ?? ""];
  },
};

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has("ReadWriteOnce")) out.push("RWO");
  if (set.has("ReadOnlyMany")) out.push("ROX");
  if (set.has("ReadWriteMany")) out.push("RWX");
  if (set.has("ReadWriteOncePod")) out.push("RWOP");
  return out.join(",");
}

const BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

/** The storage class of a PV or PVC: the beta annotation wins over spec.storageClassName. */
export function storageClassOf(obj: KObject): string {
  const ann = obj.metadata.annotations?.[BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return obj.spec?.storageClassName ?? "";
}

function quantityString(q: unknown): string {
  if (q === undefined || q === null) return "0";
  return canonicalQuantity(q) ?? String(q);
}

export const persistentVolumeTable: TableDef = {
  columns: [NAME, { name: "Capacity" }, { name: "Access Modes" }, { name: "Reclaim Policy" }, { name: "Status" }, { name: "Claim" }, { name: "StorageClass" }, { name: "VolumeAttributesClass" }, { name: "Reason" }, AGE, { name: "VolumeMode", priority: 1 }],
  row(obj, ctx) {
    const spec = obj.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : "";
    const phase = obj.metadata.deletionTimestamp ? "Terminating" : (obj.status?.phase ?? "Pending");
    return [
      obj.metadata.name ?? "",
      quantityString(spec.capacity?.storage),
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? "Retain",
      phase,
      claim,
      storageClassOf(obj),
      spec.volumeAttributesClassName ?? "<unset>",
      obj.status?.reason ?? "",
      age(obj, ctx),
      spec.volumeMode ?? "Filesystem",
    ];
  },
};

export const persistentVolumeClaimTable: TableDef = {
  columns: [NAME, { name: "Status" }, { name: "Volume" }, { name: "Capacity" }, { name: "Access Modes" }, { name: "StorageClass" }, { name: "VolumeAttributesClass" }, AGE, { name: "VolumeMode", priority: 1 }],
  row(obj, ctx) {
    const spec = obj.spec ?? {};
    const phase = obj.metadata.deletionTimestamp ? "Terminating" : (obj.status?.phase ?? "Pending");
    const bound = !!spec.volumeName;
    return [
      obj.metadata.name ?? "",
      phase,
      spec.volumeName ?? "",
      bound ? quantityString(obj.status?.capacity?.storage) : "",
      bound ? accessModes(obj.status?.accessModes) : "",
      storageClassOf(obj),
      spec.volumeAttributesClassName ?? "<unset>",
      age(obj, ctx),
      spec.volumeMode ?? "Filesystem",
    ];
  },
};

/** IsDefaultAnnotation: the GA or beta is-default-class annotation set to "true". */
export function isDefaultStorageClass(obj: KObject): boolean {
  const a = obj.metadata.annotations ?? {};
  return a["storageclass.kubernetes.io/is-default-class"] === "true" || a["storageclass.beta.kubernetes.io/is-default-class"] === "true";
}

export const storageClassTable: TableDef = {
  columns: [NAME, { name: "Provisioner" }, { name: "ReclaimPolicy" }, { name: "VolumeBindingMode" }, { name: "AllowVolumeExpansion" }, AGE],
  row(obj, ctx) {
    const name = (obj.metadata.name ?? "") + (isDefaultStorageClass(obj) ? " (default)" : "");
    return [name, obj.provisioner ?? "", obj.reclaimPolicy ?? "Delete", obj.volumeBindingMode ?? "Immediate", obj.allowVolumeExpansion === true, age(obj, ctx)];
  },
};
