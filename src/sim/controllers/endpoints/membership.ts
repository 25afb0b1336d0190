/**
 * ServiceMembership is the endpoint controllers' selector cache: which pods each Service selects and
 * which Services select each pod, kept up to date one pod event at a time. A pod change costs the
 * Services of its namespace (as GetPodServiceMemberships does), never a walk over every pod; only a
 * Service whose selector changed lists its namespace's pods again.
 */
import type { KObject } from "../../api/types";
import type { ObjectStore } from "../../store/store";
import { keyOf, splitKey } from "../controller";
import type { PodObject } from "./pods";

/** A Service's selector as a map, or undefined when it selects nothing (no selector, or an empty one). */
export function serviceSelector(svc: KObject | undefined): Record<string, string> | undefined {
  const sel = svc?.spec?.selector as Record<string, string> | undefined;
  if (!sel || Object.keys(sel).length === 0) return undefined;
  return sel;
}

function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  if (!labels) return false;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

export class ServiceMembership {
  private readonly members = new Map<string, Map<string, PodObject>>();
  private readonly podServices = new Map<string, Set<string>>();
  /** The selectors of the Services that have one, by namespace and Service key. */
  private readonly selectors = new Map<string, Map<string, Record<string, string>>>();

  constructor(private readonly store: ObjectStore) {}

  /** The pods a Service selects, by pod key. */
  membersOf(serviceKey: string): ReadonlyMap<string, PodObject> {
    return this.members.get(serviceKey) ?? new Map();
  }

  /**
   * Records a pod's new state (undefined: deleted) and returns the keys of the Services it belonged
   * to before or belongs to now.
   */
  podChanged(namespace: string, name: string, pod: PodObject | undefined): string[] {
    const podKey = keyOf(namespace, name);
    const before = this.podServices.get(podKey);
    const after = new Set<string>();
    if (pod) {
      for (const [key, sel] of this.selectors.get(namespace) ?? []) if (selects(sel, pod.metadata.labels)) after.add(key);
    }
    for (const key of before ?? []) if (!after.has(key)) this.members.get(key)?.delete(podKey);
    for (const key of after) {
      let m = this.members.get(key);
      if (!m) this.members.set(key, (m = new Map()));
      m.set(podKey, pod!);
    }
    if (after.size > 0) this.podServices.set(podKey, after);
    else this.podServices.delete(podKey);
    const touched = new Set(after);
    for (const key of before ?? []) touched.add(key);
    return [...touched];
  }

  /**
   * Whether a pod matters to any Service: it is a member of one, or a selector of its namespace
   * picks its labels. Most pods of a busy cluster belong to no Service: their changes cost nothing.
   */
  concerns(namespace: string, podKey: string, labels: Record<string, string> | undefined): boolean {
    if (this.podServices.has(podKey)) return true;
    const selectors = this.selectors.get(namespace);
    if (!selectors) return false;
    for (const sel of selectors.values()) if (selects(sel, labels)) return true;
    return false;
  }

  /**
   * Recomputes a Service's members from its namespace's pods (created, selector changed, deleted).
   * Returns the pod keys that were or are members.
   */
  serviceChanged(key: string, svc: KObject | undefined): string[] {
    const old = this.members.get(key) ?? new Map<string, PodObject>();
    const sel = serviceSelector(svc);
    const namespace = splitKey(key).namespace ?? "";
    const inNamespace = this.selectors.get(namespace);
    if (sel) {
      if (inNamespace) inNamespace.set(key, sel);
      else this.selectors.set(namespace, new Map([[key, sel]]));
    } else if (inNamespace?.delete(key) && inNamespace.size === 0) this.selectors.delete(namespace);
    const next = new Map<string, PodObject>();
    if (sel && svc) {
      for (const p of this.store.each("Pod", svc.metadata.namespace)) {
        if (selects(sel, p.metadata.labels)) next.set(keyOf(p.metadata.namespace, p.metadata.name!), p as PodObject);
      }
    }
    for (const podKey of old.keys()) {
      if (next.has(podKey)) continue;
      const set = this.podServices.get(podKey);
      set?.delete(key);
      if (set && set.size === 0) this.podServices.delete(podKey);
    }
    for (const podKey of next.keys()) {
      let set = this.podServices.get(podKey);
      if (!set) this.podServices.set(podKey, (set = new Set()));
      set.add(key);
    }
    if (next.size > 0) this.members.set(key, next);
    else this.members.delete(key);
    return [...new Set([...old.keys(), ...next.keys()])];
  }
}
