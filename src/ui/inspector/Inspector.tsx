/**
 * The inspector: the side panel that opens on whatever is selected in the graph (a node, a pod or
 * one of its containers or volumes, a Service, a ConfigMap…). Tabs: an overview laid out for
 * reading, with every state explained; for pods, the scheduler's decision and the logs; and for
 * everything, `kubectl describe` and the YAML — all read from the worker without touching the
 * simulation.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import { useEffect, useRef, type ReactNode } from "react";
import type { KObject } from "../../sim/api/types";
import type { PodRuntimeView } from "../../worker/protocol";
import { LiveYaml } from "../editor/LiveYaml";
import { ui, useAppStore } from "../store/store";
import { listenForParts } from "./graph-parts";
import { inspector, useInspector, type InspectorTab } from "./inspector-store";
import { LogsView } from "./LogsView";
import { NodeOverview } from "./NodeOverview";
import { ObjectOverview } from "./ObjectOverview";
import { Badge } from "./parts";
import { PodOverview, statusTone } from "./PodOverview";
import { SchedulingView } from "./SchedulingView";
import { parseSelection, type Selection } from "./selection";
import { DescribeView } from "./TextViews";

const TAB_NAMES: Record<InspectorTab, string> = { overview: "Overview", scheduling: "Scheduling", logs: "Logs", describe: "Describe", yaml: "YAML" };

function tabsFor(kind: string): InspectorTab[] {
  return kind === "Pod" ? ["overview", "scheduling", "logs", "describe", "yaml"] : ["overview", "describe", "yaml"];
}

export function Inspector() {
  useEffect(() => listenForParts(), []);
  const selected = useAppStore((s) => s.selected);
  const sel = parseSelection(selected);
  const obj = useAppStore((s) => (sel ? s.mirror.get(sel.kind, sel.mirrorKey) : undefined));
  const view = useAppStore((s) => (sel?.kind === "Pod" ? s.mirror.view(sel.mirrorKey) : undefined));
  const tab = useInspector((s) => s.tab);
  const last = useRef<string | undefined>(undefined);

  // A new selection opens on its overview, unless it was selected to show a tab (an event click).
  useEffect(() => {
    if (last.current !== undefined && last.current !== selected && useInspector.getState().tab !== "logs") inspector.setTab("overview");
    last.current = selected;
  }, [selected]);

  if (!sel) return null;
  const tabs = tabsFor(sel.kind);
  const active = tabs.includes(tab) ? tab : "overview";
  const status = obj ? statusWord(obj, view?.statusText) : undefined;
  return (
    <aside
      aria-label="Inspector"
      className="flex w-[370px] shrink-0 flex-col border-l border-slate-800 bg-slate-950 min-[1400px]:w-[430px]"
      onKeyDown={(e) => {
        if (e.key === "Escape") ui.select(undefined);
      }}
    >
      <header className="flex items-start gap-2 border-b border-slate-800 px-3 py-2">
        <div className="min-w-0 flex-1">
          <div className="text-[10px] font-semibold tracking-wide text-slate-400 uppercase">
            {sel.kind}
            {sel.namespace ? ` · ${sel.namespace}` : ""}
          </div>
          <h2 className="truncate text-[15px] font-semibold text-slate-100" title={sel.name}>
            {sel.name}
          </h2>
        </div>
        {status && <Badge text={status} tone={statusTone(status)} />}
        <button type="button" aria-label="Close inspector" title="Close (Esc)" onClick={() => ui.select(undefined)} className="rounded px-1.5 text-[16px] leading-none text-slate-400 hover:bg-slate-800 hover:text-slate-100">
          ×
        </button>
      </header>
      <div role="tablist" aria-label="Inspector views" className="flex gap-0.5 border-b border-slate-800 px-2 pt-1">
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`inspector-tab-${t}`}
            aria-selected={active === t}
            aria-controls="inspector-panel"
            onClick={() => inspector.setTab(t)}
            className={`rounded-t px-2 py-1 text-[12px] ${active === t ? "bg-slate-800 font-medium text-slate-100" : "text-slate-400 hover:text-slate-200"}`}
          >
            {TAB_NAMES[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="inspector-panel" aria-labelledby={`inspector-tab-${active}`} className={`min-h-0 flex-1 ${active === "logs" || active === "describe" || active === "yaml" ? "flex flex-col" : "overflow-y-auto"}`}>
        {!obj ? <Missing sel={sel} /> : <Body sel={sel} obj={obj} tab={active} view={view} />}
      </div>
    </aside>
  );
}

function Body({ sel, obj, tab, view }: { sel: Selection; obj: KObject; tab: InspectorTab; view: PodRuntimeView | undefined }): ReactNode {
  switch (tab) {
    case "overview":
      if (sel.kind === "Pod") return <PodOverview pod={obj as Pod & KObject} view={view} />;
      if (sel.kind === "Node") return <NodeOverview node={obj as Node & KObject} />;
      return <ObjectOverview obj={obj} />;
    case "scheduling":
      return <SchedulingView pod={obj as Pod} />;
    case "logs":
      return <LogsView pod={obj as Pod} />;
    case "describe":
      return <DescribeView sel={sel} />;
    case "yaml":
      return (
        <div className="min-h-0 flex-1">
          <LiveYaml kind={sel.kind} namespace={sel.namespace} name={sel.name} />
        </div>
      );
  }
}

function Missing({ sel }: { sel: Selection }) {
  return (
    <div className="px-3 py-3 text-[12px] text-slate-300">
      <p>
        {sel.kind.toLowerCase()}/{sel.name} does not exist at this moment of the run.
      </p>
      <p className="mt-1 text-slate-400">It may have been deleted, or the clock is before it was created. Move the clock, or pick something else in the graph.</p>
    </div>
  );
}

/** The status word shown in the header. */
function statusWord(obj: KObject, podStatus: string | undefined): string | undefined {
  if (obj.kind === "Pod") return podStatus || (obj as Pod).status?.phase || "Pending";
  if (obj.kind === "Node") {
    const ready = (obj.status?.conditions as { type: string; status: string }[] | undefined)?.find((c) => c.type === "Ready");
    return ready?.status === "True" ? (obj.spec?.unschedulable ? "Ready,SchedulingDisabled" : "Ready") : ready ? "NotReady" : "Unknown";
  }
  return typeof obj.status?.phase === "string" ? obj.status.phase : undefined;
}
