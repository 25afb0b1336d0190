/**
 * A Service beside the nodes: its type, cluster IP and ports, and how many endpoints are ready.
 * Its links to the endpoint pods are drawn live (ready) or dashed (not ready).
 */
import { Handle, Position, type Node as FlowNode, type NodeProps } from "@xyflow/react";
import type { Service } from "kubernetes-types/core/v1";
import { memo } from "react";
import type { KObject } from "../../../sim/api/types";
import { useAppStore } from "../../store/store";
import { useFlash } from "../flash";
import { serviceLabel } from "../labels";
import type { ServiceBoxData } from "../scene";
import { sameBox } from "./same-box";

function ServiceCardImpl({ data, width, height }: NodeProps<FlowNode<ServiceBoxData>>) {
  const svc = useAppStore((s) => s.mirror.get<Service & KObject>("Service", data.key));
  const ref = useFlash(`service/${data.key}`);
  if (!svc) return <div style={{ width, height }} />;
  const ports = (svc.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`).join(", ");
  return (
    <div ref={ref} role="group" aria-label={serviceLabel(svc.metadata.name!, data.ready, data.notReady)} className="service-card h-full w-full rounded-xl border border-emerald-400/50 bg-slate-900/95 px-3 py-2 text-slate-100 shadow-lg" style={{ width, height }}>
      <Handle type="target" position={Position.Left} id="in" className="invisible-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="out" className="invisible-handle" isConnectable={false} />
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className="text-[10px] font-semibold tracking-wide text-emerald-300 uppercase">Service</span>
        <span className="min-w-0 flex-1 truncate text-[13px] font-semibold">{svc.metadata.name}</span>
      </div>
      <div className="truncate text-[11px] text-slate-300">
        {svc.spec?.type ?? "ClusterIP"} {svc.spec?.clusterIP ?? ""}
      </div>
      <div className="truncate font-mono text-[10.5px] text-slate-400">{ports || "no ports"}</div>
      <div className="mt-0.5 text-[11px]">
        <span className="text-emerald-300">● {data.ready} ready</span>
        {data.notReady > 0 && <span className="ml-2 text-amber-200">◌ {data.notReady} not ready</span>}
      </div>
    </div>
  );
}

export const ServiceCard = memo(ServiceCardImpl, sameBox);
