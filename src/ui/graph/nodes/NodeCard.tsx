/**
 * A node as a large card: name, Ready / NotReady / SchedulingDisabled, taints, bars for requested
 * CPU, memory and pods against allocatable, and its node agents (kubelet, kube-proxy, containerd)
 * that light up when they act. Below the header its pods: drawn as cards on top of it, as chips
 * inside it, or as counts when the node is collapsed or the cluster is large. Zoomed out past
 * reading, a card with chips or counts is not drawn here but on the graph's canvas (far-nodes.ts).
 */
import { Handle, Position, type Node as FlowNode, type NodeProps } from "@xyflow/react";
import type { Node } from "kubernetes-types/core/v1";
import { memo } from "react";
import { useShallow } from "zustand/shallow";
import { milliCPU, parseQuantity } from "../../../sim/api/quantity";
import type { KObject } from "../../../sim/api/types";
import { ui, useAppStore } from "../../store/store";
import { useFlash } from "../flash";
import { NODE_HEADER_H, NODE_PAD } from "../geometry";
import { nodeLabel, nodeStatus } from "../labels";
import type { NodeBoxData } from "../scene";
import { takeChips, useAdmitted } from "../admit";
import { PodChip } from "./PodChip";
import { StatusBadge, toneOf } from "./status";
import { sameBox } from "./same-box";

function formatCPU(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function formatMemory(bytes: number): string {
  if (bytes === 0) return "0";
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(bytes % 2 ** 30 === 0 ? 0 : 1)}Gi`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)}Mi`;
  return `${Math.round(bytes / 1024)}Ki`;
}

/** A bar of what is requested against what is allocatable, with the numbers in words beside it. */
function Bar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  return (
    <div className="flex items-center gap-2 text-[11px] leading-4">
      <span className="w-14 shrink-0 text-slate-400">{label}</span>
      <div role="meter" aria-label={`${label} requested`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={`${text} (${pct}%)`} className="h-2 flex-1 overflow-hidden rounded bg-slate-700">
        <div className={`bar-fill h-full w-full rounded ${pct >= 90 ? "bg-rose-400" : pct >= 70 ? "bg-amber-300" : "bg-sky-400"}`} style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
      <span className="w-28 shrink-0 text-right font-mono text-[10.5px] text-slate-300">{text}</span>
    </div>
  );
}

/** A node agent that lights up when it acts. */
function Agent({ id, name }: { id: string; name: string }) {
  const ref = useFlash(id);
  return (
    <span ref={ref} className="agent rounded border border-slate-600 bg-slate-800 px-1.5 text-[10.5px] text-slate-300" title={`${name} on this node`}>
      {name}
    </span>
  );
}

function NodeCardFull({ data, width, height }: NodeProps<FlowNode<NodeBoxData>>) {
  const { name, mode, chips, podCount, collapsed } = data;
  const node = useAppStore((s) => s.mirror.get<Node & KObject>("Node", name));
  const usage = useAppStore((s) => s.mirror.usage(name));
  if (!node) return <div style={{ width, height }} />;
  const alloc = node.status?.allocatable ?? {};
  const cpu = milliCPU(alloc.cpu ?? 0);
  const memory = parseQuantity(alloc.memory ?? 0) ?? 0;
  const pods = Number(alloc.pods ?? 0);
  const status = nodeStatus(node);
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith("node-role.kubernetes.io/"))
    .map((l) => l.slice("node-role.kubernetes.io/".length));
  const taints = node.spec?.taints ?? [];
  return (
    <div role="group" aria-label={nodeLabel(node, podCount)} className="node-card h-full w-full rounded-xl border border-slate-600 bg-slate-800 text-slate-100" style={{ width, height }}>
      <Handle type="target" position={Position.Left} id="in" className="invisible-handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="out" className="invisible-handle" isConnectable={false} />
      <div className={`node-header flex flex-col gap-1 px-3 pt-3 ${mode === "cards" && podCount > 0 ? "under-cards" : ""}`} style={{ height: NODE_HEADER_H }}>
        <div className="flex items-center gap-2">
          <span aria-hidden="true" className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">Node</span>
          <span className="min-w-0 flex-1 truncate text-[15px] font-semibold">{name}</span>
          <StatusBadge text={status} tone={status.startsWith("Ready") ? (status === "Ready" ? "ok" : "wait") : "bad"} />
          <button
            type="button"
            className="nodrag rounded px-1 text-[12px] text-slate-300 hover:bg-slate-700"
            aria-label={collapsed ? `Expand node ${name}` : `Collapse node ${name}`}
            aria-expanded={!collapsed}
            onClick={() => ui.toggleCollapsed(name)}
          >
            {collapsed ? "▸" : "▾"}
          </button>
        </div>
        <div className="flex h-5 items-center gap-1 overflow-hidden text-[10.5px]">
          {roles.map((r) => (
            <span key={r} className="shrink-0 rounded bg-slate-700 px-1 text-slate-200">
              {r}
            </span>
          ))}
          {taints.length === 0 && roles.length === 0 && <span className="text-slate-500">no taints</span>}
          {taints.map((t) => (
            <span key={`${t.key}${t.effect}`} className="min-w-0 truncate rounded bg-amber-400/15 px-1 text-amber-200 ring-1 ring-amber-300/30" title={`taint ${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`}>
              ⚑ {t.key}
              {t.value ? `=${t.value}` : ""}:{t.effect}
            </span>
          ))}
        </div>
        <Bar label="CPU" used={usage.requested.cpu} total={cpu} text={`${formatCPU(usage.requested.cpu)} / ${formatCPU(cpu)}`} />
        <Bar label="Memory" used={usage.requested.memory} total={memory} text={`${formatMemory(usage.requested.memory)} / ${formatMemory(memory)}`} />
        <Bar label="Pods" used={usage.pods} total={pods} text={`${usage.pods} / ${pods}`} />
        <div className="mt-0.5 flex gap-1">
          <Agent id={`kubelet/${name}`} name="kubelet" />
          <Agent id={`kube-proxy/${name}`} name="kube-proxy" />
          <Agent id={`containerd/${name}`} name="containerd" />
          {mode !== "counts" && <Hidden name={name} shown={podCount} />}
        </div>
      </div>
      {mode === "cards" && podCount === 0 && usage.pods === 0 && <p className="px-3 text-[12px] text-slate-500">No pods</p>}
      {mode === "chips" && <ChipGrid keys={chips} />}
      {mode === "counts" && <Counts name={name} />}
    </div>
  );
}

/** Says how many of the node's pods the filters hide, so an empty-looking node does not mislead. */
function Hidden({ name, shown }: { name: string; shown: number }) {
  const all = useAppStore((s) => s.mirror.podsOn(name).size);
  if (all <= shown) return null;
  const n = all - shown;
  return (
    <span className="ml-auto self-center text-[10.5px] text-slate-500">
      {n} {n === 1 ? "pod" : "pods"} hidden by the filters
    </span>
  );
}

const chipId = (key: string) => key;

/** Pods as small chips, one per pod, each with its own state. */
export function ChipGrid({ keys }: { keys: string[] }) {
  // Chips that appear together are drawn a budget per frame, shared by every grid (admit.ts).
  const shown = useAdmitted(keys, chipId, takeChips);
  if (keys.length === 0) return <p className="px-3 text-[12px] text-slate-500">No pods</p>;
  return (
    <div className="flex flex-wrap gap-[3px]" style={{ paddingLeft: NODE_PAD, paddingRight: NODE_PAD }}>
      {shown.map((k) => (
        <PodChip key={k} podKey={k} />
      ))}
    </div>
  );
}

/** How many pods are in each state, in kubectl's words. */
export function Counts({ name }: { name: string }) {
  const counts = useAppStore(useShallow((s) => s.mirror.statusCounts(name)));
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return <p className="px-3 text-[12px] text-slate-500">No pods</p>;
  return (
    <ul className="flex flex-wrap gap-1 px-3 text-[11px]" aria-label={`Pods by status on ${name || "no node"}`}>
      {entries.slice(0, 8).map(([status, n]) => (
        <li key={status}>
          <StatusBadge text={`${status} ${n}`} tone={toneOf(status)} />
        </li>
      ))}
    </ul>
  );
}

export const NodeCard = memo(NodeCardFull, sameBox);
