/**
 * The Endpoints controller (pkg/controller/endpoint): for every Service with a selector it keeps an
 * Endpoints object of the same name whose subsets list the selected pods' addresses — ready ones in
 * `addresses`, the rest in `notReadyAddresses` (all ready with publishNotReadyAddresses), terminating
 * pods left out — with the ports their targetPorts resolve to, repacked by port set and sorted by IP
 * as RepackSubsets does, stamped with `endpoints.kubernetes.io/last-change-trigger-time`, and
 * truncated past 1000 addresses. The Endpoints of a deleted Service goes with it.
 *
 * Each Service's addresses are kept in memory and only the pods that changed are re-evaluated; the
 * object itself is rewritten whole, as the API has it, once per batch of changes.
 */
import type { EndpointAddress, EndpointPort } from "kubernetes-types/core/v1";
import type { KObject } from "../api/types";
import { deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";
import { ServiceMembership, serviceSelector } from "./endpoints/membership";
import { earliest, endpointHostname, endpointRelevant, findPort, isPodReady, podIP, podTriggerTime, shouldPodBeInEndpoints, type PodObject } from "./endpoints/pods";
import { HEADLESS_LABEL, TRIGGER_TIME_ANNOTATION } from "./endpoints/slice-index";

export const ENDPOINT_CONTROLLER = "endpoint-controller";
/** maxCapacity: addresses beyond it are dropped and the object is annotated as truncated. */
export const MAX_ENDPOINT_ADDRESSES = 1000;
export const OVER_CAPACITY_ANNOTATION = "endpoints.kubernetes.io/over-capacity";

interface AddressEntry {
  address: EndpointAddress;
  ready: boolean;
  ports: EndpointPort[];
  portsKey: string;
}

interface ServiceState {
  entries: Map<string, AddressEntry>;
  dirty: Set<string>;
  full: boolean;
  shape: string;
  trigger: string | undefined;
}

export class EndpointsController extends Controller {
  readonly name = ENDPOINT_CONTROLLER;
  private membership!: ServiceMembership;
  private readonly services = new Map<string, ServiceState>();
  private readonly lastPodState = new Map<string, string>();

  protected setup(): void {
    const { store } = this.cluster;
    this.membership = new ServiceMembership(store);
    this.cluster.api.watch("Service", (e) => {
      const key = keyOf(e.object.metadata.namespace, e.object.metadata.name!);
      if (e.type === "MODIFIED" && e.old && deepEqual(e.old.spec, e.object.spec) && deepEqual(e.old.metadata.labels, e.object.metadata.labels)) return;
      this.membership.serviceChanged(key, e.type === "DELETED" ? undefined : e.object);
      const st = this.services.get(key);
      if (st) st.full = true;
      this.enqueue(key);
    });
    this.cluster.api.watch("Pod", (e) => {
      const pod = e.object as PodObject;
      const deleted = e.type === "DELETED";
      const ns = pod.metadata.namespace!;
      const podKey = keyOf(ns, pod.metadata.name!);
      if (!deleted && !this.membership.concerns(ns, podKey, pod.metadata.labels)) {
        this.lastPodState.delete(podKey);
        return;
      }
      const relevant = deleted ? "" : endpointRelevant(pod);
      if (this.lastPodState.get(podKey) === relevant) return;
      if (deleted) this.lastPodState.delete(podKey);
      else this.lastPodState.set(podKey, relevant);
      for (const key of this.membership.podChanged(ns, pod.metadata.name!, deleted ? undefined : pod)) {
        const st = this.services.get(key);
        if (st) {
          st.dirty.add(podKey);
          st.trigger = earliest(st.trigger, deleted ? this.cluster.clock.timestamp() : podTriggerTime(pod));
        }
        this.enqueue(key);
      }
    });
    this.cluster.api.watch("Endpoints", (e) => {
      if (e.actor === this.actor) return;
      const key = keyOf(e.object.metadata.namespace, e.object.metadata.name!);
      if (this.services.has(key)) {
        this.services.get(key)!.full = true;
        this.enqueue(key);
      }
    });
    for (const svc of store.each("Service")) {
      const key = keyOf(svc.metadata.namespace, svc.metadata.name!);
      this.membership.serviceChanged(key, svc);
      this.enqueue(key);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api, store } = this.cluster;
    const svc = store.get("Service", namespace, name);
    if (!svc) {
      // The Endpoints of a deleted Service is removed, unless it was never this controller's.
      const had = this.services.delete(key);
      if (had && store.get("Endpoints", namespace, name)) {
        try {
          api.delete("Endpoints", namespace, name, { actor: this.actor });
        } catch {
          // Already gone.
        }
      }
      return;
    }
    if (!serviceSelector(svc)) {
      this.services.delete(key);
      return;
    }
    const shape = JSON.stringify([svc.spec?.ports, svc.spec?.publishNotReadyAddresses, svc.metadata.uid]);
    let st = this.services.get(key);
    if (!st) {
      st = { entries: new Map(), dirty: new Set(), full: true, shape, trigger: svc.metadata.creationTimestamp };
      this.services.set(key, st);
    }
    if (st.shape !== shape) {
      st.full = true;
      st.shape = shape;
    }
    const members = this.membership.membersOf(key);
    const dirty = st.full ? new Set([...members.keys(), ...st.entries.keys()]) : st.dirty;
    st.full = false;
    st.dirty = new Set();
    let changed = false;
    for (const podKey of dirty) {
      const pod = members.get(podKey);
      const entry = pod && shouldPodBeInEndpoints(pod, !!svc.spec?.publishNotReadyAddresses) ? this.entryFor(pod, svc) : undefined;
      const current = st.entries.get(podKey);
      if (deepEqual(entry, current)) continue;
      changed = true;
      if (entry) st.entries.set(podKey, entry);
      else st.entries.delete(podKey);
    }
    const existing = store.get("Endpoints", namespace, name);
    if (existing && !changed && !this.metadataStale(existing, svc)) {
      st.trigger = undefined;
      return;
    }
    this.write(svc, existing, st);
    st.trigger = undefined;
  }

  private entryFor(pod: PodObject, svc: KObject): AddressEntry {
    const address: EndpointAddress = { ip: podIP(pod)! };
    const hostname = endpointHostname(pod, svc);
    if (hostname) address.hostname = hostname;
    if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
    address.targetRef = { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: EndpointPort = { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? "TCP" };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    const ready = !!svc.spec?.publishNotReadyAddresses || isPodReady(pod);
    return { address, ready, ports, portsKey: JSON.stringify(ports) };
  }

  private metadataStale(ep: KObject, svc: KObject): boolean {
    return !deepEqual(ep.metadata.labels ?? {}, this.labelsFor(svc));
  }

  private labelsFor(svc: KObject): Record<string, string> {
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === "None") labels[HEADLESS_LABEL] = "";
    else delete labels[HEADLESS_LABEL];
    return labels;
  }

  private write(svc: KObject, existing: KObject | undefined, st: ServiceState): void {
    const entries = [...st.entries.values()];
    let truncated = false;
    if (entries.length > MAX_ENDPOINT_ADDRESSES) {
      // Ready addresses are kept first, as truncateEndpoints favours them.
      entries.sort((a, b) => Number(b.ready) - Number(a.ready));
      entries.length = MAX_ENDPOINT_ADDRESSES;
      truncated = true;
    }
    const subsets = repack(entries);
    const annotations: Record<string, string> = { ...(existing?.metadata.annotations ?? {}) };
    if (st.trigger) annotations[TRIGGER_TIME_ANNOTATION] = st.trigger;
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = "truncated";
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const labels = this.labelsFor(svc);
    const body: KObject = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { ...(existing?.metadata ?? {}), name: svc.metadata.name, namespace: svc.metadata.namespace, labels, annotations },
      subsets,
    };
    if (Object.keys(labels).length === 0) delete body.metadata.labels;
    if (Object.keys(annotations).length === 0) delete body.metadata.annotations;
    if (subsets.length === 0) delete body.subsets;
    if (existing) {
      if (deepEqual(existing.subsets ?? [], subsets) && deepEqual(existing.metadata.labels, body.metadata.labels) && !truncated) return;
      this.cluster.api.update(body, { actor: this.actor });
    } else {
      this.cluster.api.create(body, { actor: this.actor });
    }
  }
}

/** RepackSubsets: one subset per distinct port set, addresses sorted by IP then uid. */
function repack(entries: AddressEntry[]): Record<string, unknown>[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const e of entries) {
    let g = groups.get(e.portsKey);
    if (!g) groups.set(e.portsKey, (g = { ports: e.ports, ready: [], notReady: [] }));
    (e.ready ? g.ready : g.notReady).push(e.address);
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : String(a.targetRef?.uid ?? "") < String(b.targetRef?.uid ?? "") ? -1 : 1);
  const subsets: Record<string, unknown>[] = [];
  for (const g of groups.values()) {
    const ss: Record<string, unknown> = {};
    if (g.ready.length > 0) ss.addresses = g.ready.sort(byIp);
    if (g.notReady.length > 0) ss.notReadyAddresses = g.notReady.sort(byIp);
    if (g.ports.length > 0) ss.ports = g.ports;
    subsets.push(ss);
  }
  return subsets;
}
