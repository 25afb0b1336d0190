/**
 * ConfigMaps, Secrets, PersistentVolumeClaims and PersistentVolumes beside the nodes, linked to the
 * pods whose volumes come from them and to the volumes their claims are bound to. A source a pod
 * asks for that does not exist is drawn too, marked "not found".
 */
import { Handle, Position, type Node as FlowNode, type NodeProps } from "@xyflow/react";
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import { memo } from "react";
import type { KObject } from "../../../sim/api/types";
import { useAppStore } from "../../store/store";
import type { ObjectBoxData } from "../scene";
import { StatusBadge } from "./status";
import { sameBox } from "./same-box";

const KIND_STYLE: Record<ObjectBoxData["kind"], string> = {
  ConfigMap: "border-cyan-300/50 text-cyan-200",
  Secret: "border-fuchsia-300/50 text-fuchsia-200",
  PersistentVolumeClaim: "border-indigo-300/50 text-indigo-200",
  PersistentVolume: "border-indigo-400/60 text-indigo-200",
};

function detailOf(obj: KObject): { text: string; status?: string } {
  switch (obj.kind) {
    case "ConfigMap": {
      const n = Object.keys(obj.data ?? {}).length + Object.keys(obj.binaryData ?? {}).length;
      return { text: `${n} ${n === 1 ? "key" : "keys"}` };
    }
    case "Secret": {
      const n = Object.keys(obj.data ?? {}).length + Object.keys(obj.stringData ?? {}).length;
      return { text: `${obj.type ?? "Opaque"}, ${n} ${n === 1 ? "key" : "keys"}` };
    }
    case "PersistentVolumeClaim": {
      const pvc = obj as PersistentVolumeClaim;
      const size = pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage ?? "";
      return { text: `${size} ${(pvc.spec?.accessModes ?? []).join(",")}`.trim(), status: pvc.status?.phase ?? "Pending" };
    }
    case "PersistentVolume": {
      const pv = obj as PersistentVolume;
      const claim = pv.spec?.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : "unclaimed";
      return { text: `${pv.spec?.capacity?.storage ?? ""} ${claim}`.trim(), status: pv.status?.phase ?? "Pending" };
    }
  }
  return { text: "" };
}

const PLURAL: Record<ObjectBoxData["kind"], string> = {
  ConfigMap: "ConfigMaps",
  Secret: "Secrets",
  PersistentVolumeClaim: "PersistentVolumeClaims",
  PersistentVolume: "PersistentVolumes",
};

/** The box standing for the objects of a kind that nothing links to (see foldUnused). */
function UnusedCard({ data, width, height }: { data: ObjectBoxData; width?: number; height?: number }) {
  const n = (data.unused ?? 0).toLocaleString("en-US");
  const what = data.kind === "PersistentVolume" ? "bound to no claim" : "used by no pod";
  return (
    <div role="group" aria-label={`${PLURAL[data.kind]}: ${n} ${what}`} className={`object-card h-full w-full rounded-lg border border-dashed bg-slate-900 px-3 py-2 ${KIND_STYLE[data.kind]}`} style={{ width, height }}>
      <Handle type="target" position={Position.Left} id="in" className="invisible-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="out" className="invisible-handle" isConnectable={false} />
      <div className="text-[10px] font-semibold tracking-wide uppercase opacity-80">{PLURAL[data.kind]}</div>
      <div className="truncate text-[13px] font-semibold text-slate-100">{n}</div>
      <div className="truncate text-[11px] text-slate-400">{what}</div>
    </div>
  );
}

function ObjectCardImpl({ data, width, height }: NodeProps<FlowNode<ObjectBoxData>>) {
  const obj = useAppStore((s) => (data.unused ? undefined : s.mirror.get(data.kind, data.key)));
  if (data.unused) return <UnusedCard data={data} width={width} height={height} />;
  const name = data.key.includes("/") ? data.key.slice(data.key.indexOf("/") + 1) : data.key;
  const d = obj ? detailOf(obj) : { text: "not found", status: undefined };
  const label = `${data.kind} ${name}, ${obj ? [d.status, d.text].filter(Boolean).join(", ") : "not found"}`;
  return (
    <div role="group" aria-label={label} className={`object-card h-full w-full rounded-lg border bg-slate-900 px-3 py-2 ${obj ? KIND_STYLE[data.kind] : "border-dashed border-rose-400/70 text-rose-200"}`} style={{ width, height }}>
      <Handle type="target" position={Position.Left} id="in" className="invisible-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="out" className="invisible-handle" isConnectable={false} />
      <div className="text-[10px] font-semibold tracking-wide uppercase opacity-80">{data.kind}</div>
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-[13px] font-semibold text-slate-100">{name}</span>
        {d.status && <StatusBadge text={d.status} tone={d.status === "Bound" ? "ok" : d.status === "Lost" || d.status === "Failed" ? "bad" : "wait"} />}
      </div>
      <div className="truncate text-[11px] text-slate-400">{obj ? d.text : "✕ not found"}</div>
    </div>
  );
}

export const ObjectCard = memo(ObjectCardImpl, sameBox);
