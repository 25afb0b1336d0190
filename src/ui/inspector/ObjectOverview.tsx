/**
 * Any other object at a glance: a Service with its type, addresses, ports, selector and the
 * endpoints behind it (ready or not, each pod selectable); a ConfigMap's or Secret's keys; a claim's
 * or volume's phase and binding; a workload's replicas; then owners, labels and events.
 */
import type { PersistentVolume, PersistentVolumeClaim, Service } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { ReactNode } from "react";
import { useShallow } from "zustand/shallow";
import type { KObject } from "../../sim/api/types";
import { ui, useAppStore } from "../store/store";
import { Badge, Fields, KeyValues, Section } from "./parts";
import { Conditions, Metadata, ObjectEvents } from "./sections";
import { selectionKey } from "./selection";

export function ObjectOverview({ obj }: { obj: KObject }) {
  const ns = obj.metadata.namespace ?? "";
  return (
    <div>
      {obj.kind === "Service" ? <ServiceDetails svc={obj as Service & KObject} /> : <Details obj={obj} />}
      {Array.isArray(obj.status?.conditions) && obj.status.conditions.length > 0 && obj.kind !== "Node" && (
        <Section title="Conditions">
          <Conditions conditions={obj.status.conditions} />
        </Section>
      )}
      <Owners obj={obj} />
      <Metadata obj={obj} />
      <ObjectEvents kind={obj.kind} namespace={ns} name={obj.metadata.name!} />
    </div>
  );
}

function ServiceDetails({ svc }: { svc: Service & KObject }) {
  const ns = svc.metadata.namespace ?? "default";
  const name = svc.metadata.name!;
  const endpoints = useAppStore(
    useShallow((s) => {
      const out: string[] = [];
      for (const sl of s.mirror.list<EndpointSlice & KObject>("EndpointSlice")) {
        if (sl.metadata.namespace !== ns || sl.metadata.labels?.["kubernetes.io/service-name"] !== name) continue;
        const ports = (sl.ports ?? []).map((p) => p.port).join(",");
        for (const e of sl.endpoints ?? []) out.push(`${e.addresses.join(",")}|${ports}|${e.conditions?.ready === false ? "0" : "1"}|${e.targetRef?.name ?? ""}`);
      }
      return out;
    }),
  );
  const ports = (svc.spec?.ports ?? []).map((p) => `${p.name ? `${p.name} ` : ""}${p.port}${p.targetPort !== undefined ? `→${p.targetPort}` : ""}/${p.protocol ?? "TCP"}${p.nodePort ? ` (node port ${p.nodePort})` : ""}`);
  return (
    <Section title="Service">
      <Fields
        rows={[
          ["Type", svc.spec?.type ?? "ClusterIP"],
          ["Cluster IP", svc.spec?.clusterIP ?? "—"],
          ["Ports", ports.join(", ") || "—"],
          ["Selector", <KeyValues map={svc.spec?.selector} label="Selector" />],
          ["DNS name", <span className="font-mono text-[11.5px] break-all">{`${name}.${ns}.svc.cluster.local`}</span>],
        ]}
      />
      <div className="mt-1.5 text-[11px] text-slate-400">Endpoints: only Ready pods matching the selector receive traffic.</div>
      {endpoints.length === 0 ? (
        <p className="text-[12px] text-amber-200">No endpoints: no pod matches the selector, or none is ready.</p>
      ) : (
        <ul aria-label="Endpoints" className="mt-0.5 space-y-0.5">
          {endpoints.map((e) => {
            const [addr, port, ready, pod] = e.split("|");
            return (
              <li key={e} className="flex items-center gap-2 text-[12px]">
                <span className="font-mono text-slate-200">
                  {addr}
                  {port ? `:${port}` : ""}
                </span>
                <Badge text={ready === "1" ? "ready" : "not ready"} tone={ready === "1" ? "ok" : "wait"} />
                {pod && (
                  <button type="button" className="truncate text-sky-300 hover:underline" onClick={() => ui.select(selectionKey("Pod", ns, pod))}>
                    pod/{pod}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

function Details({ obj }: { obj: KObject }) {
  const rows: [string, ReactNode][] = [];
  switch (obj.kind) {
    case "ConfigMap":
    case "Secret": {
      const keys = [...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {}), ...Object.keys(obj.stringData ?? {})];
      if (obj.kind === "Secret") rows.push(["Type", obj.type ?? "Opaque"]);
      rows.push(["Keys", keys.length ? <span className="font-mono text-[11.5px]">{keys.join(", ")}</span> : "<none>"]);
      break;
    }
    case "PersistentVolumeClaim": {
      const pvc = obj as PersistentVolumeClaim & KObject;
      rows.push(["Status", pvc.status?.phase ?? "Pending"], ["Volume", pvc.spec?.volumeName || "—"], ["Capacity", pvc.status?.capacity?.storage ?? "—"], ["Access Modes", (pvc.spec?.accessModes ?? []).join(", ") || "—"], ["StorageClass", pvc.spec?.storageClassName ?? "—"]);
      break;
    }
    case "PersistentVolume": {
      const pv = obj as PersistentVolume & KObject;
      rows.push(["Status", pv.status?.phase ?? "Pending"], ["Claim", pv.spec?.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : "—"], ["Capacity", pv.spec?.capacity?.storage ?? "—"], ["Reclaim Policy", pv.spec?.persistentVolumeReclaimPolicy ?? "—"]);
      break;
    }
    default:
      if (typeof obj.spec?.replicas === "number") rows.push(["Replicas", `${obj.status?.readyReplicas ?? 0} ready of ${obj.spec.replicas} desired`]);
  }
  if (rows.length === 0) return null;
  return (
    <Section title={obj.kind}>
      <Fields rows={rows} />
    </Section>
  );
}

function Owners({ obj }: { obj: KObject }) {
  const refs = obj.metadata.ownerReferences ?? [];
  if (refs.length === 0) return null;
  return (
    <Section title="Owners">
      <ul className="space-y-0.5 text-[12px]">
        {refs.map((r) => (
          <li key={r.uid}>
            <button type="button" className="text-sky-300 hover:underline" onClick={() => ui.select(selectionKey(r.kind, obj.metadata.namespace, r.name))}>
              {r.kind.toLowerCase()}/{r.name}
            </button>
            {r.controller && <span className="text-slate-400"> (controller)</span>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
