/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector it
 * keeps EndpointSlices named `<service>-<5 chars>` listing the selected pods — address, conditions
 * (ready, serving, terminating: a terminating pod stays serving while its readiness holds, and is
 * never ready), nodeName, targetRef, hostname — grouped by the ports each pod's named targetPorts
 * resolve to, at most 100 endpoints a slice, and one placeholder slice when there are none.
 *
 * Unlike Kubernetes' reconciler, which recomputes a Service from all its pods on every sync, this one
 * keeps each Service's slices in memory and applies only the pods that changed since the last sync, so
 * a pod event costs O(1) slices however many replicas the Service has. Slice names are reused as the
 * reconciler's finalize step does (a slice that would be deleted is updated into one that would be
 * created), so the placeholder becomes the first real slice.
 */
import type { EndpointPort } from "kubernetes-types/discovery/v1";
import type { KObject } from "../api/types";
import { deepEqual } from "../util/object";
import { Controller, keyOf, splitKey } from "./controller";
import { ServiceMembership, serviceSelector } from "./endpoints/membership";
import { earliest, endpointHostname, endpointRelevant, findPort, isPodReady, podIP, podTriggerTime, shouldPodBeInEndpoints, type PodObject } from "./endpoints/pods";
import { ensureSliceIndex, HEADLESS_LABEL, MANAGED_BY_CONTROLLER, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, slicesOf, TRIGGER_TIME_ANNOTATION } from "./endpoints/slice-index";

export const ENDPOINTSLICE_CONTROLLER = "endpointslice-controller";
/** maxEndpointsPerSlice (--max-endpoints-per-slice default). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

type Endpoint = Record<string, unknown>;

/** One slice as the controller holds it. */
interface SliceState {
  /** The stored slice's name; undefined until created. */
  name: string | undefined;
  /** The ports every endpoint of the slice shares; null for the placeholder. */
  ports: EndpointPort[] | null;
  portsKey: string;
  endpoints: Map<string, Endpoint>;
  changed: boolean;
}

interface ServiceState {
  slices: SliceState[];
  podSlice: Map<string, SliceState>;
  dirty: Set<string>;
  /** Recompute every member (first sync, ports or conditions policy changed). */
  full: boolean;
  /** The Service fields slices are made from, to notice a change that needs a full recompute. */
  shape: string;
  trigger: string | undefined;
}

export class EndpointSliceController extends Controller {
  readonly name = ENDPOINTSLICE_CONTROLLER;
  private membership!: ServiceMembership;
  private readonly services = new Map<string, ServiceState>();
  private readonly lastPodState = new Map<string, string>();

  protected setup(): void {
    const { store } = this.cluster;
    ensureSliceIndex(store);
    this.membership = new ServiceMembership(store);
    this.cluster.api.watch("Service", (e) => {
      const ns = e.object.metadata.namespace!;
      const key = keyOf(ns, e.object.metadata.name!);
      const svc = e.type === "DELETED" ? undefined : e.object;
      if (e.type === "MODIFIED" && e.old && deepEqual(e.old.spec?.selector, e.object.spec?.selector) && deepEqual(e.old.spec, e.object.spec) && deepEqual(e.old.metadata.labels, e.object.metadata.labels)) return;
      this.membership.serviceChanged(key, svc);
      const st = this.services.get(key);
      if (st) st.full = true;
      this.enqueue(key);
    });
    this.cluster.api.watch("Pod", (e) => this.onPod(e.object as PodObject, e.type === "DELETED"));
    this.cluster.api.watch("EndpointSlice", (e) => {
      // Someone else changed or removed a slice this controller manages: put it back.
      if (e.actor === this.actor) return;
      const obj = e.old ?? e.object;
      if (obj.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_CONTROLLER) return;
      const svc = obj.metadata.labels?.[SERVICE_NAME_LABEL];
      if (!svc) return;
      const key = keyOf(obj.metadata.namespace, svc);
      this.services.delete(key);
      this.enqueue(key);
    });
    for (const svc of store.each("Service")) {
      const key = keyOf(svc.metadata.namespace, svc.metadata.name!);
      this.membership.serviceChanged(key, svc);
      this.enqueue(key);
    }
  }

  private onPod(pod: PodObject, deleted: boolean): void {
    const ns = pod.metadata.namespace!;
    const name = pod.metadata.name!;
    const podKey = keyOf(ns, name);
    if (!deleted && !this.membership.concerns(ns, podKey, pod.metadata.labels)) {
      this.lastPodState.delete(podKey);
      return;
    }
    const relevant = deleted ? "" : endpointRelevant(pod);
    if (this.lastPodState.get(podKey) === relevant) return;
    if (deleted) this.lastPodState.delete(podKey);
    else this.lastPodState.set(podKey, relevant);
    for (const key of this.membership.podChanged(ns, name, deleted ? undefined : pod)) {
      const st = this.services.get(key);
      if (st) {
        st.dirty.add(podKey);
        st.trigger = earliest(st.trigger, deleted ? this.cluster.clock.timestamp() : podTriggerTime(pod));
      }
      this.enqueue(key);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.cluster.store.get("Service", namespace, name);
    if (!svc) {
      this.services.delete(key);
      for (const s of this.managedSlices(namespace!, name)) this.tryDelete(s);
      return;
    }
    // A Service without a selector is left to whoever writes its slices by hand.
    if (!serviceSelector(svc)) {
      this.services.delete(key);
      return;
    }
    let st = this.services.get(key);
    const shape = JSON.stringify([svc.spec?.ports, svc.spec?.publishNotReadyAddresses, svc.spec?.clusterIP, svc.metadata.labels, svc.metadata.uid]);
    if (!st) {
      st = this.adopt(namespace!, name, shape);
      st.trigger = earliest(st.trigger, svc.metadata.creationTimestamp);
      this.services.set(key, st);
    }
    if (st.shape !== shape) {
      st.full = true;
      st.shape = shape;
    }
    const members = this.membership.membersOf(key);
    const dirty = st.full ? new Set([...members.keys(), ...st.podSlice.keys()]) : st.dirty;
    const relabel = st.full;
    st.full = false;
    st.dirty = new Set();
    for (const podKey of dirty) this.applyPod(st, svc, podKey, members.get(podKey));
    this.finalize(st, svc, relabel);
    st.trigger = undefined;
  }

  /** Builds the in-memory state from the slices already stored for the Service. */
  private adopt(namespace: string, name: string, shape: string): ServiceState {
    const st: ServiceState = { slices: [], podSlice: new Map(), dirty: new Set(), full: true, shape, trigger: undefined };
    for (const s of this.managedSlices(namespace, name)) {
      const slice: SliceState = { name: s.metadata.name, ports: s.ports ?? null, portsKey: s.ports ? JSON.stringify(s.ports) : "", endpoints: new Map(), changed: false };
      for (const e of (s.endpoints ?? []) as Endpoint[]) {
        const ref = e.targetRef as { namespace?: string; name?: string } | undefined;
        const podKey = ref?.name ? keyOf(ref.namespace ?? namespace, ref.name) : `ip:${(e.addresses as string[])[0]}`;
        slice.endpoints.set(podKey, e);
        st.podSlice.set(podKey, slice);
      }
      st.slices.push(slice);
    }
    return st;
  }

  private applyPod(st: ServiceState, svc: KObject, podKey: string, pod: PodObject | undefined): void {
    const desired = pod && shouldPodBeInEndpoints(pod, true) ? this.endpointFor(pod, svc) : undefined;
    const current = st.podSlice.get(podKey);
    if (desired && current && current.portsKey === desired.portsKey && deepEqual(current.endpoints.get(podKey), desired.endpoint)) return;
    if (current) {
      current.endpoints.delete(podKey);
      current.changed = true;
      st.podSlice.delete(podKey);
    }
    if (!desired) return;
    let target = current && current.portsKey === desired.portsKey && current.endpoints.size < MAX_ENDPOINTS_PER_SLICE ? current : undefined;
    // Prefer a slice already being rewritten, then any with room, then a new one.
    target ??= st.slices.find((s) => s.changed && s.portsKey === desired.portsKey && s.endpoints.size < MAX_ENDPOINTS_PER_SLICE);
    target ??= st.slices.find((s) => s.portsKey === desired.portsKey && s.endpoints.size < MAX_ENDPOINTS_PER_SLICE);
    if (!target) {
      target = { name: undefined, ports: desired.ports, portsKey: desired.portsKey, endpoints: new Map(), changed: true };
      st.slices.push(target);
    }
    target.endpoints.set(podKey, desired.endpoint);
    target.changed = true;
    st.podSlice.set(podKey, target);
  }

  /** The endpoint of a pod and the ports it serves the Service's ports on. */
  private endpointFor(pod: PodObject, svc: KObject): { endpoint: Endpoint; ports: EndpointPort[]; portsKey: string } {
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: EndpointPort = { name: sp.name ?? "", port, protocol: sp.protocol ?? "TCP" };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    const ready = isPodReady(pod);
    const terminating = !!pod.metadata.deletionTimestamp;
    const endpoint: Endpoint = {
      addresses: [podIP(pod)!],
      conditions: { ready: svc.spec?.publishNotReadyAddresses ? true : ready && !terminating, serving: ready, terminating },
    };
    const hostname = endpointHostname(pod, svc);
    if (hostname) endpoint.hostname = hostname;
    if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
    endpoint.targetRef = { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    const zone = pod.spec?.nodeName ? this.cluster.store.get("Node", undefined, pod.spec.nodeName)?.metadata.labels?.["topology.kubernetes.io/zone"] : undefined;
    if (zone) endpoint.zone = zone;
    return { endpoint, ports, portsKey: JSON.stringify(ports) };
  }

  /** Writes what changed: updates, creations that reuse the names of deletions, the placeholder. */
  private finalize(st: ServiceState, svc: KObject, relabel: boolean): void {
    const total = st.slices.reduce((n, s) => n + (s.ports === null ? 0 : s.endpoints.size), 0);
    const toDelete: SliceState[] = [];
    const keep: SliceState[] = [];
    for (const s of st.slices) {
      const empty = s.endpoints.size === 0;
      if (s.ports === null ? total > 0 : empty) toDelete.push(s);
      else keep.push(s);
    }
    if (total === 0 && !keep.some((s) => s.ports === null)) {
      keep.push({ name: undefined, ports: null, portsKey: "", endpoints: new Map(), changed: true });
    }
    for (const s of keep) {
      if (s.name !== undefined) continue;
      const recycled = toDelete.find((d) => d.name !== undefined);
      if (recycled) {
        s.name = recycled.name;
        toDelete.splice(toDelete.indexOf(recycled), 1);
      }
    }
    for (const d of toDelete) {
      if (d.name) this.tryDelete(this.cluster.store.get("EndpointSlice", svc.metadata.namespace, d.name));
    }
    st.slices = keep;
    for (const s of keep) {
      if (!s.changed && !relabel && s.name !== undefined) continue;
      s.changed = false;
      this.write(s, svc, st.trigger);
    }
  }

  private write(s: SliceState, svc: KObject, trigger: string | undefined): void {
    const ns = svc.metadata.namespace!;
    const svcName = svc.metadata.name!;
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    delete labels[HEADLESS_LABEL];
    labels[MANAGED_BY_LABEL] = MANAGED_BY_CONTROLLER;
    labels[SERVICE_NAME_LABEL] = svcName;
    if (svc.spec?.clusterIP === "None") labels[HEADLESS_LABEL] = "";
    const existing = s.name ? this.cluster.store.get("EndpointSlice", ns, s.name) : undefined;
    const annotations: Record<string, string> = { ...(existing?.metadata.annotations ?? {}) };
    if (trigger) annotations[TRIGGER_TIME_ANNOTATION] = trigger;
    const endpoints = s.ports === null ? null : [...s.endpoints.values()];
    const body: KObject = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        ...(existing?.metadata ?? {}),
        ...(existing ? {} : { generateName: `${svcName.slice(0, 57)}-` }),
        namespace: ns,
        labels,
        annotations,
        ownerReferences: [{ apiVersion: "v1", kind: "Service", name: svcName, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      addressType: "IPv4",
      endpoints,
      ports: s.ports,
    };
    if (Object.keys(annotations).length === 0) delete body.metadata.annotations;
    const opts = { actor: this.actor };
    if (existing) {
      this.cluster.api.update(body, opts);
    } else {
      delete body.metadata.name;
      s.name = this.cluster.api.create(body, opts).metadata.name;
    }
  }

  private managedSlices(namespace: string, service: string): KObject[] {
    return slicesOf(this.cluster.store, namespace, service).filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_CONTROLLER);
  }

  private tryDelete(slice: KObject | undefined): void {
    if (!slice) return;
    try {
      this.cluster.api.delete("EndpointSlice", slice.metadata.namespace, slice.metadata.name!, { actor: this.actor });
    } catch {
      // Already gone (the garbage collector got there first).
    }
  }
}
