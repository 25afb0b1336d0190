/**
 * A link between boxes: a Service to its endpoint pods (solid and live when ready, dashed when not),
 * a pod's volume to the ConfigMap, Secret or claim it comes from, a claim to its PersistentVolume.
 * The words travel with the line: a label names the volume or the binding state.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { LinkData } from "./flow";

const STROKE: Record<LinkData["kind"], string> = {
  endpoint: "#34d399",
  volume: "#a5b4fc",
  binding: "#818cf8",
};

function LinkEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<Edge<LinkData>>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.kind ?? "endpoint";
  const ready = data?.ready ?? true;
  const dashed = !ready || kind === "volume";
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{ stroke: kind === "endpoint" && !ready ? "#94a3b8" : STROKE[kind], strokeWidth: kind === "endpoint" ? 2 : 1.5, strokeDasharray: dashed ? (kind === "volume" ? "6 4" : "4 4") : undefined, opacity: 0.9 }}
      />
      {data?.label && (
        <EdgeLabelRenderer>
          <div className="link-label pointer-events-none absolute rounded bg-slate-900/90 px-1 text-[10px] text-slate-200 ring-1 ring-slate-600" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeImpl);
