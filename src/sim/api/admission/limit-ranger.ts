/**
 * The LimitRanger admission plugin: for a new pod, containers without requests or limits get the
 * namespace's LimitRange defaults (recorded in the kubernetes.io/limit-ranger annotation); then every
 * container and the pod as a whole must respect the ranges' min, max and maxLimitRequestRatio, and
 * a new claim's storage request the PersistentVolumeClaim range.
 */
import type { Container, LimitRange, LimitRangeItem } from "kubernetes-types/core/v1";
import type { AdmissionPlugin, ApiServer } from "../server";
import type { KObject } from "../types";
import { addQuantity, cmpQuantity, formatQuantity, milliValue, mustParse, quantityValue, type Quantity } from "../validation/quantity";
import { admissionForbidden, aggregate } from "./forbidden";

export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

function limitRanges(api: ApiServer, ns: string): LimitRange[] {
  return api.store.count("LimitRange", ns) === 0 ? [] : (api.store.list("LimitRange", ns) as LimitRange[]);
}

/** mergePodResourceRequirements: fill missing requests and limits from the Container defaults. */
function applyDefaults(pod: KObject, range: LimitRange): void {
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  for (const item of range.spec?.limits ?? []) {
    if (item.type !== "Container") continue;
    Object.assign(requests, item.defaultRequest);
    Object.assign(limits, item.default);
  }
  const notes: string[] = [];
  const merge = (c: Container, what: string) => {
    const res = (c.resources ??= {});
    const setLimits: string[] = [];
    const setRequests: string[] = [];
    for (const [k, v] of Object.entries(limits)) {
      if (res.limits?.[k] === undefined) {
        res.limits = { ...res.limits, [k]: v };
        setLimits.push(k);
      }
    }
    for (const [k, v] of Object.entries(requests)) {
      if (res.requests?.[k] === undefined) {
        res.requests = { ...res.requests, [k]: v };
        setRequests.push(k);
      }
    }
    if (setRequests.length > 0) notes.push(`${setRequests.sort().join(", ")} request for ${what} ${c.name}`);
    if (setLimits.length > 0) notes.push(`${setLimits.sort().join(", ")} limit for ${what} ${c.name}`);
  };
  for (const c of pod.spec.containers ?? []) merge(c, "container");
  for (const c of pod.spec.initContainers ?? []) merge(c, "init container");
  if (notes.length > 0) pod.metadata.annotations = { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}` };
}

type List = Record<string, unknown> | undefined;

/** requestLimitEnforcedValues: compare in milli-units. */
const value = (q: Quantity) => milliValue(q);

function minConstraint(type: string, name: string, enforced: Quantity, req: List, lim: List): string | undefined {
  const e = formatQuantity(enforced);
  if (req?.[name] === undefined) return `minimum ${name} usage per ${type} is ${e}.  No request is specified.`;
  const r = mustParse(req[name]);
  if (value(r) < value(enforced)) return `minimum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}.`;
  if (lim?.[name] !== undefined && value(mustParse(lim[name])) < value(enforced)) return `minimum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(mustParse(lim[name]))}.`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, req: List, lim: List): string | undefined {
  const e = formatQuantity(enforced);
  if (lim?.[name] === undefined) return `maximum ${name} usage per ${type} is ${e}.  No limit is specified.`;
  const l = mustParse(lim[name]);
  if (value(l) > value(enforced)) return `maximum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}.`;
  if (req?.[name] !== undefined && value(mustParse(req[name])) > value(enforced)) return `maximum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(mustParse(req[name]))}.`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, req: List, lim: List): string | undefined {
  const e = formatQuantity(enforced);
  const r = req?.[name] === undefined ? 0 : value(mustParse(req[name]));
  const l = lim?.[name] === undefined ? 0 : value(mustParse(lim[name]));
  if (r === 0) return `${name} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0.`;
  if (l === 0) return `${name} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0.`;
  const ratio = l / r;
  if (ratio * 1000 > milliValue(enforced)) return `${name} max limit to request ratio per ${type} is ${e}, but provided ratio is ${ratio.toFixed(6)}.`;
  return undefined;
}

function checkItem(item: LimitRangeItem, type: string, req: List, lim: List, out: string[]): void {
  for (const [k, v] of Object.entries(item.min ?? {})) push(out, minConstraint(type, k, mustParse(v), req, lim));
  for (const [k, v] of Object.entries(item.max ?? {})) push(out, maxConstraint(type, k, mustParse(v), req, lim));
  for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) push(out, ratioConstraint(type, k, mustParse(v), req, lim));
}

function push(out: string[], m: string | undefined): void {
  if (m) out.push(m);
}

/** sum: per resource, the total over lists that all have it (cpu in milli, others whole). */
function sum(lists: List[]): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = new Set(lists.flatMap((l) => Object.keys(l ?? {})));
  for (const k of keys) {
    if (!lists.every((l) => l?.[k] !== undefined)) continue;
    const total = lists.reduce<Quantity>((acc, l) => addQuantity(acc, mustParse(l![k])), mustParse("0"));
    out[k] = k === "cpu" ? `${milliValue(total)}m` : String(quantityValue(total));
  }
  return out;
}

function podTotals(pod: KObject, field: "requests" | "limits"): Record<string, string> {
  const total = sum((pod.spec.containers ?? []).map((c: Container) => c.resources?.[field]));
  for (const c of (pod.spec.initContainers ?? []) as Container[]) {
    for (const [k, v] of Object.entries(c.resources?.[field] ?? {})) {
      if (total[k] === undefined || cmpQuantity(mustParse(v), mustParse(total[k])) > 0) total[k] = String(v);
    }
  }
  return total;
}

/** PersistentVolumeClaimValidateLimitFunc: a claim's storage request within the range's min and max. */
function checkClaim(claim: KObject, item: LimitRangeItem, errs: string[]): void {
  const requests = claim.spec?.resources?.requests as List;
  for (const [k, v] of Object.entries(item.min ?? {})) push(errs, minConstraint("PersistentVolumeClaim", k, mustParse(v), requests, {}));
  for (const [k, v] of Object.entries(item.max ?? {})) {
    const e = formatQuantity(mustParse(v));
    if (requests?.[k] === undefined) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${e}.  No request is specified.`);
    else if (value(mustParse(requests[k])) > value(mustParse(v))) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${e}, but request is ${formatQuantity(mustParse(requests[k]))}.`);
  }
}

export const limitRanger: AdmissionPlugin = {
  name: "LimitRanger",
  mutate(op, obj, _old, api) {
    if (op !== "CREATE" || obj.kind !== "Pod") return;
    for (const range of limitRanges(api, obj.metadata.namespace!)) applyDefaults(obj, range);
  },
  validate(op, obj, _old, api) {
    if (op !== "CREATE" || (obj.kind !== "Pod" && obj.kind !== "PersistentVolumeClaim")) return;
    for (const range of limitRanges(api, obj.metadata.namespace!)) {
      const errs: string[] = [];
      for (const item of range.spec?.limits ?? []) {
        if (obj.kind === "PersistentVolumeClaim") {
          if (item.type === "PersistentVolumeClaim") checkClaim(obj, item, errs);
        } else if (item.type === "Container") {
          for (const c of [...(obj.spec.containers ?? []), ...(obj.spec.initContainers ?? [])] as Container[]) checkItem(item, "Container", c.resources?.requests, c.resources?.limits, errs);
        } else if (item.type === "Pod") {
          checkItem(item, "Pod", podTotals(obj, "requests"), podTotals(obj, "limits"), errs);
        }
      }
      if (errs.length > 0) throw admissionForbidden(obj, aggregate(errs));
    }
  },
};
