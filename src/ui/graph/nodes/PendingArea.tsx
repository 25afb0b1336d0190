/**
 * The Pending area: where pods wait until the scheduler binds them to a node. It says how many wait
 * and why, in the scheduler's own words (the PodScheduled condition's FailedScheduling message).
 * Pod cards sit on top of it; with many pods it shows chips or a count.
 */
import { Handle, Position, type Node as FlowNode, type NodeProps } from "@xyflow/react";
import type { Pod } from "kubernetes-types/core/v1";
import { memo, useRef } from "react";
import type { KObject } from "../../../sim/api/types";
import { useAppStore } from "../../store/store";
import type { PendingBoxData } from "../scene";
import { ChipGrid, Counts } from "./NodeCard";
import { pendingReason } from "./PodCard";
import { sameBox } from "./same-box";

/** The most common scheduler message among the pending pods, and how many share it. */
function useCommonReason(): { message: string; count: number } | undefined {
  // Worked out again only when a pending pod changed, not on every batch.
  const memo = useRef({ revision: -1, packed: "" });
  // The selector returns a string so that an unchanged answer is the same value.
  const packed = useAppStore((s) => {
    const revision = s.mirror.podsRevision("");
    if (memo.current.revision === revision) return memo.current.packed;
    const counts = new Map<string, number>();
    let n = 0;
    for (const key of s.mirror.podsOn("")) {
      if (++n > 2000) break;
      const pod = s.mirror.get<Pod & KObject>("Pod", key);
      const m = pod && pendingReason(pod);
      if (m) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    let best = "";
    let bestCount = 0;
    for (const [message, count] of counts) {
      if (count > bestCount) {
        best = message;
        bestCount = count;
      }
    }
    const answer = bestCount > 0 ? `${bestCount}\u0000${best}` : "";
    memo.current = { revision, packed: answer };
    return answer;
  });
  if (!packed) return undefined;
  const i = packed.indexOf("\u0000");
  return { count: Number(packed.slice(0, i)), message: packed.slice(i + 1) };
}

function PendingAreaImpl({ data, width, height }: NodeProps<FlowNode<PendingBoxData>>) {
  const reason = useCommonReason();
  const n = data.podCount;
  const label = `Pending area, ${n} ${n === 1 ? "pod" : "pods"} waiting to be scheduled${reason ? `: ${reason.message}` : ""}`;
  return (
    <div role="group" aria-label={label} className="pending-area h-full w-full rounded-xl border-2 border-dashed border-amber-300/40 bg-amber-300/5 text-slate-100" style={{ width, height }}>
      <Handle type="target" position={Position.Left} id="in" className="invisible-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="out" className="invisible-handle" isConnectable={false} />
      <div className="flex h-10 items-center gap-2 px-3">
        <span className="text-[13px] font-semibold text-amber-200">Pending</span>
        <span className="text-[12px] text-slate-300">{n === 0 ? "no pods waiting for the scheduler" : `${n} ${n === 1 ? "pod waits" : "pods wait"} for the scheduler`}</span>
        {reason && data.mode !== "cards" && (
          <span className="min-w-0 flex-1 truncate text-[11px] text-amber-100" title={reason.message}>
            FailedScheduling: {reason.message}
          </span>
        )}
      </div>
      {data.mode === "chips" && <ChipGrid keys={data.chips} />}
      {data.mode === "counts" && n > 0 && <Counts name="" />}
    </div>
  );
}

export const PendingArea = memo(PendingAreaImpl, sameBox);
