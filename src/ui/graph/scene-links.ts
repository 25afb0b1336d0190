/**
 * The scene's sides and links: Services with links to their endpoint pods (from EndpointSlices),
 * ConfigMaps, Secrets and claims with links from the pods whose volumes come from them (a missing
 * source drawn as "not found"), PersistentVolumes with the claims bound to them. Links to pods drawn
 * as chips or counts land on the box that holds them and say how many they stand for.
 */
import type { ConfigMap, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { KObject } from "../../sim/api/types";
import type { ClusterMirror } from "../store/mirror";
import { OBJECT_H, OBJECT_W, SERVICE_H, SERVICE_W } from "./geometry";
import { keyOf, objectBoxId, serviceBoxId } from "./ids";
import type { ObjectBoxData, SceneLink, SideBox } from "./scene";

/** What the links need from the scene's first half. */
export interface LinkContext {
  inNs(obj: { metadata?: { namespace?: string } }): boolean;
  podVisible(pod: Pod): boolean;
  /** The box a link to this pod lands on, if the pod is drawn. */
  holderOf(pod: Pod): string | undefined;
  /** The drawn pods with a volume from a ConfigMap, a Secret or a claim (the others link to no object). */
  sourcedPods: readonly Pod[];
}

/** System objects every namespace has, drawn only when a pod links to them. */
function isSystemObject(obj: KObject): boolean {
  if (obj.kind === "ConfigMap") return obj.metadata.name === "kube-root-ca.crt";
  if (obj.kind === "Secret") return (obj as Secret).type === "kubernetes.io/service-account-token";
  return false;
}

export function sideAndLinks(mirror: ClusterMirror, ctx: LinkContext): { side: SideBox[]; links: SceneLink[] } {
  const { inNs, holderOf } = ctx;
  const side: SideBox[] = [];
  const links: SceneLink[] = [];
  const linkIndex = new Map<string, SceneLink & { count: number; readyCount: number }>();
  const addLink = (l: Omit<SceneLink, "id">, aggregate: boolean) => {
    const id = `${l.kind}:${l.source}->${l.target}${aggregate ? "" : `:${l.label ?? ""}`}`;
    const existing = linkIndex.get(id);
    if (existing) {
      existing.count++;
      if (l.ready) existing.readyCount++;
      existing.ready = existing.readyCount === existing.count;
      return;
    }
    const link = { ...l, id, count: 1, readyCount: l.ready ? 1 : 0 };
    linkIndex.set(id, link);
    links.push(link);
  };

  // Services and their endpoints.
  const slicesByService = new Map<string, EndpointSlice[]>();
  for (const s of mirror.list<EndpointSlice & KObject>("EndpointSlice")) {
    const svc = s.metadata.labels?.["kubernetes.io/service-name"];
    if (!svc) continue;
    const k = `${s.metadata.namespace}/${svc}`;
    const list = slicesByService.get(k);
    if (list) list.push(s);
    else slicesByService.set(k, [s]);
  }
  for (const svc of mirror.list<Service & KObject>("Service")) {
    if (!inNs(svc)) continue;
    const key = keyOf(svc);
    const endpoints = endpointsOf(mirror, svc, slicesByService.get(key));
    const ready = endpoints.filter((e) => e.ready).length;
    side.push({ id: serviceBoxId(key), type: "service", partition: 0, w: SERVICE_W, h: SERVICE_H, data: { key, ready, notReady: endpoints.length - ready } });
    for (const e of endpoints) {
      if (!e.pod) continue;
      const pod = mirror.get<Pod & KObject>("Pod", `${svc.metadata.namespace}/${e.pod}`);
      const target = pod && holderOf(pod);
      if (!target) continue;
      const aggregate = !target.startsWith("pod:");
      addLink(
        {
          source: serviceBoxId(key),
          target,
          kind: "endpoint",
          ready: e.ready,
          ariaLabel: `Endpoint of Service ${svc.metadata.name}: Pod ${e.pod}, ${e.ready ? "ready" : "not ready"}`,
        },
        aggregate,
      );
    }
  }

  // ConfigMaps, Secrets and claims, with the pods' volumes linked to them.
  const objects = new Map<string, SideBox>();
  const addObject = (kind: ObjectBoxData["kind"], key: string, missing: boolean) => {
    const id = objectBoxId(kind, key);
    if (!objects.has(id)) objects.set(id, { id, type: "object", partition: kind === "PersistentVolume" ? 3 : 2, w: OBJECT_W, h: OBJECT_H, data: { kind, key, missing } });
    return id;
  };
  for (const kind of ["ConfigMap", "Secret", "PersistentVolumeClaim"] as const) {
    for (const obj of mirror.list<(ConfigMap | Secret | PersistentVolumeClaim) & KObject>(kind)) {
      if (inNs(obj) && !isSystemObject(obj)) addObject(kind, keyOf(obj), false);
    }
  }
  for (const pod of ctx.sourcedPods) {
    const holder = holderOf(pod);
    if (!holder) continue;
    for (const v of pod.spec?.volumes ?? []) {
      const ref = v.configMap
        ? (["ConfigMap", v.configMap.name] as const)
        : v.secret
          ? (["Secret", v.secret.secretName] as const)
          : v.persistentVolumeClaim
            ? (["PersistentVolumeClaim", v.persistentVolumeClaim.claimName] as const)
            : undefined;
      if (!ref || !ref[1]) continue;
      const key = `${pod.metadata?.namespace}/${ref[1]}`;
      const target = addObject(ref[0], key, !mirror.get(ref[0], key));
      const aggregate = !holder.startsWith("pod:");
      addLink({ source: holder, target, kind: "volume", ready: true, label: aggregate ? undefined : v.name, ariaLabel: `Volume ${v.name} of Pod ${pod.metadata?.name} from ${ref[0]} ${ref[1]}` }, aggregate);
    }
  }
  // PersistentVolumes and the claims bound to them.
  for (const pv of mirror.list<PersistentVolume & KObject>("PersistentVolume")) addObject("PersistentVolume", pv.metadata.name!, false);
  for (const pvc of mirror.list<PersistentVolumeClaim & KObject>("PersistentVolumeClaim")) {
    const volumeName = pvc.spec?.volumeName;
    if (!inNs(pvc) || !volumeName || !mirror.get("PersistentVolume", volumeName)) continue;
    addLink(
      {
        source: objectBoxId("PersistentVolumeClaim", keyOf(pvc)),
        target: objectBoxId("PersistentVolume", volumeName),
        kind: "binding",
        ready: pvc.status?.phase === "Bound",
        label: pvc.status?.phase ?? "Pending",
        ariaLabel: `Binding of PersistentVolumeClaim ${pvc.metadata.name} to PersistentVolume ${volumeName}, ${pvc.status?.phase ?? "Pending"}`,
      },
      false,
    );
  }
  side.push(...foldUnused(objects, linkIndex.values()));

  // Aggregated links say how many they stand for.
  for (const l of linkIndex.values()) {
    if (l.count > 1 && l.kind === "endpoint") l.label = `${l.readyCount}/${l.count} ready`;
    else if (l.count > 1 && l.kind === "volume") l.label = `${l.count} pods`;
  }

  return { side, links: links.map(({ id, source, target, kind, ready, label, ariaLabel }) => ({ id, source, target, kind, ready, ...(label ? { label } : {}), ariaLabel })) };
}

/** More ConfigMaps (or Secrets, claims, volumes) than this that no link reaches are drawn as one box. */
export const UNUSED_SHOWN = 10;

/**
 * The object boxes, with those of a kind that nothing links to folded into one box that counts
 * them once there are more than UNUSED_SHOWN: a thousand ConfigMaps no pod mounts made the graph a
 * column of boxes with the nodes out of sight.
 */
function foldUnused(objects: Map<string, SideBox>, links: Iterable<{ source: string; target: string }>): SideBox[] {
  const linked = new Set<string>();
  for (const l of links) {
    linked.add(l.source);
    linked.add(l.target);
  }
  const unusedKind = (box: SideBox) => (box.type === "object" && !linked.has(box.id) && !box.data.missing ? box.data.kind : undefined);
  const unused = new Map<ObjectBoxData["kind"], number>();
  for (const box of objects.values()) {
    const kind = unusedKind(box);
    if (kind) unused.set(kind, (unused.get(kind) ?? 0) + 1);
  }
  const out: SideBox[] = [];
  const folded = new Set<ObjectBoxData["kind"]>();
  for (const box of objects.values()) {
    const kind = unusedKind(box);
    const count = kind ? unused.get(kind)! : 0;
    if (!kind || count <= UNUSED_SHOWN) out.push(box);
    else if (box.type === "object" && !folded.has(kind)) {
      folded.add(kind);
      out.push({ ...box, id: objectBoxId(kind, "*unused"), data: { kind, key: "", missing: false, unused: count } });
    }
  }
  return out;
}

interface EndpointRef {
  /** The endpoint's pod; undefined for an endpoint that is not a pod (the API server behind "kubernetes"). */
  pod?: string;
  ready: boolean;
}

/** A Service's pod endpoints from its EndpointSlices, or from its Endpoints object when it has no slices. */
export function endpointsOf(mirror: ClusterMirror, svc: Service, slices: EndpointSlice[] | undefined): EndpointRef[] {
  const out: EndpointRef[] = [];
  const seen = new Set<string>();
  if (slices && slices.length > 0) {
    for (const s of slices) {
      for (const e of s.endpoints ?? []) {
        // A nil ready condition means "unknown", which consumers treat as ready.
        const ready = e.conditions?.ready !== false;
        if (e.targetRef?.kind !== "Pod" || !e.targetRef.name) {
          out.push({ ready });
          continue;
        }
        if (seen.has(e.targetRef.name)) continue;
        seen.add(e.targetRef.name);
        out.push({ pod: e.targetRef.name, ready });
      }
    }
    return out;
  }
  const ep = mirror.get("Endpoints", `${svc.metadata?.namespace}/${svc.metadata?.name}`);
  for (const subset of (ep?.subsets ?? []) as { addresses?: { targetRef?: { kind?: string; name?: string } }[]; notReadyAddresses?: { targetRef?: { kind?: string; name?: string } }[] }[]) {
    for (const [list, ready] of [
      [subset.addresses, true],
      [subset.notReadyAddresses, false],
    ] as const) {
      for (const a of list ?? []) {
        if (a.targetRef?.kind !== "Pod" || !a.targetRef.name) {
          out.push({ ready });
          continue;
        }
        if (seen.has(a.targetRef.name)) continue;
        seen.add(a.targetRef.name);
        out.push({ pod: a.targetRef.name, ready });
      }
    }
  }
  return out;
}
