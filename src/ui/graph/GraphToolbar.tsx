/**
 * The graph's toolbar: fit the view, filter by namespace or label selector, choose the level of
 * detail, and turn motion off.
 */
import type { Namespace } from "kubernetes-types/core/v1";
import { useShallow } from "zustand/shallow";
import type { KObject } from "../../sim/api/types";
import { ui, useAppStore } from "../store/store";
import type { DetailSetting } from "../store/ui-slice";
import type { Scene } from "./scene";

const DETAILS: { value: DetailSetting; label: string }[] = [
  { value: "auto", label: "Auto" },
  { value: "cards", label: "Cards" },
  { value: "chips", label: "Chips" },
  { value: "counts", label: "Counts" },
];

export function GraphToolbar({ scene, onFit }: { scene: Scene | undefined; onFit: () => void }) {
  const { namespace, labelFilter, detail, motion, reducedMotion } = useAppStore(useShallow((s) => ({ namespace: s.namespace, labelFilter: s.labelFilter, detail: s.detail, motion: s.motion, reducedMotion: s.reducedMotion })));
  const namespaces = useAppStore(useShallow((s) => [...s.mirror.list<Namespace & KObject>("Namespace")].map((n) => n.metadata.name!).sort()));
  const field = "rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-[12px] text-slate-100";
  return (
    <div role="toolbar" aria-label="Graph" className="flex flex-wrap items-center gap-3 border-b border-slate-800 bg-slate-900 px-3 py-1 text-[12px] text-slate-300">
      <button type="button" className="rounded bg-slate-700 px-2 py-0.5 text-slate-100 hover:bg-slate-600" onClick={onFit}>
        Fit
      </button>
      <label className="flex items-center gap-1">
        Namespace
        <select aria-label="Namespace" className={field} value={namespace} onChange={(e) => ui.setNamespace(e.target.value)}>
          <option value="!kube-system">all except kube-system</option>
          <option value="">all</option>
          {namespaces.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        Label filter
        <input aria-label="Label filter" className={`${field} w-32`} placeholder="app=web" value={labelFilter} onChange={(e) => ui.setLabelFilter(e.target.value)} aria-invalid={scene?.filterError ? true : undefined} />
      </label>
      {scene?.filterError && (
        <span role="alert" className="text-rose-300">
          {scene.filterError}
        </span>
      )}
      <label className="flex items-center gap-1">
        Detail
        <select aria-label="Detail" className={field} value={detail} onChange={(e) => ui.setDetail(e.target.value as DetailSetting)}>
          {DETAILS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.value === "auto" && scene ? `Auto (${scene.lod})` : d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1" title={reducedMotion ? "Your system asks for reduced motion" : undefined}>
        <input type="checkbox" aria-label="Motion" checked={motion && !reducedMotion} disabled={reducedMotion} onChange={(e) => ui.setMotion(e.target.checked)} />
        Motion
      </label>
      <span className="text-slate-500">{scene ? `${scene.visiblePods} ${scene.visiblePods === 1 ? "pod" : "pods"}` : ""}</span>
    </div>
  );
}
