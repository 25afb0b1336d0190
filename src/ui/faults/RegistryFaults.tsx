/** Image registry faults: an outage (of every registry or one, for a while or until restored), slow pulls, and the way back. */
import { useMemo, useState } from "react";
import { useShallow } from "zustand/shallow";
import { useAppStore } from "../store/store";
import { btn } from "../presenter/SidePanel";
import { activeFaults } from "./active";
import { runFault } from "./run-fault";

const REGISTRIES = [
  { value: "*", label: "every registry" },
  { value: "docker.io", label: "docker.io" },
  { value: "registry.k8s.io", label: "registry.k8s.io" },
  { value: "ghcr.io", label: "ghcr.io" },
  { value: "quay.io", label: "quay.io" },
];

export function RegistryFaults() {
  const [registry, setRegistry] = useState("*");
  const [minutes, setMinutes] = useState("");
  const [factor, setFactor] = useState("10");
  const { history, cursor, time } = useAppStore(useShallow((s) => ({ history: s.history, cursor: s.clock.cursor, time: Math.floor(s.clock.time / 1000) })));
  const active = useMemo(() => activeFaults(history, cursor, time * 1000), [history, cursor, time]);
  const minutesOk = minutes === "" || /^\d+(\.\d+)?$/.test(minutes);
  const factorOk = /^\d+(\.\d+)?$/.test(factor) && Number(factor) >= 1;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-1.5">
        <label className="flex items-center gap-1">
          Outage of
          <select aria-label="Registry" className={btn.field} value={registry} onChange={(e) => setRegistry(e.target.value)}>
            {REGISTRIES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          for
          <input aria-label="Outage minutes" className={`${btn.field} w-12`} value={minutes} placeholder="∞" inputMode="decimal" onChange={(e) => setMinutes(e.target.value)} aria-invalid={!minutesOk || undefined} />
          min
        </label>
        <button
          type="button"
          className={btn.danger}
          disabled={!minutesOk}
          onClick={() => void runFault({ kind: "registry-outage", registry, ...(minutes ? { forSeconds: Math.round(Number(minutes) * 60) } : {}) })}
        >
          Break the registry
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <label className="flex items-center gap-1">
          Pulls
          <input aria-label="Slowdown factor" className={`${btn.field} w-12`} value={factor} inputMode="decimal" onChange={(e) => setFactor(e.target.value)} aria-invalid={!factorOk || undefined} />
          × slower
        </label>
        <button type="button" className={btn.danger} disabled={!factorOk} onClick={() => void runFault({ kind: "registry-slow", factor: Number(factor) })}>
          Slow the registry
        </button>
        <button type="button" className={btn.plain} disabled={!active.outage && active.slow === 1} onClick={() => void runFault({ kind: "registry-restore" })}>
          Restore the registry
        </button>
      </div>
      {(active.outage || active.slow !== 1) && (
        <p className="text-[12px] text-amber-300">
          {active.outage && `${active.outage.registry === "*" ? "Every registry" : active.outage.registry} is down${Number.isFinite(active.outage.until) ? " for a while" : ""}. `}
          {active.slow !== 1 && `Pulls are ${active.slow}× slower.`}
        </p>
      )}
    </div>
  );
}
