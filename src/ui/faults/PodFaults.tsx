/**
 * Container and probe faults: pick a pod and one of its containers, then kill the container's main
 * process, or force one of its probes to fail or pass (and back to real probing).
 */
import { useMemo, useState } from "react";
import { useShallow } from "zustand/shallow";
import { useAppStore } from "../store/store";
import { btn } from "../presenter/SidePanel";
import { activeFaults } from "./active";
import { podsSignature, type PodInfo } from "./cluster-view";
import type { ProbeType } from "./commands";
import { runFault } from "./run-fault";

export function PodFaults() {
  const sig = useAppStore(podsSignature);
  const pods = useMemo(() => (JSON.parse(sig) as PodInfo[]).filter((p) => p.node), [sig]);
  const selected = useAppStore((s) => s.selected);
  const [choice, setChoice] = useState<string | undefined>(undefined);
  // The pod picked here, else the one selected on the graph, else the first.
  const fromGraph = selected?.startsWith("Pod/") ? selected.slice(4) : undefined;
  const key = [choice, fromGraph].find((k) => k && pods.some((p) => `${p.namespace}/${p.name}` === k)) ?? (pods[0] ? `${pods[0].namespace}/${pods[0].name}` : undefined);
  const pod = pods.find((p) => `${p.namespace}/${p.name}` === key);
  const [containerChoice, setContainer] = useState<string | undefined>(undefined);
  const container = pod?.containers.find((c) => c.name === containerChoice) ?? pod?.containers[0];
  const [probe, setProbe] = useState<ProbeType>("liveness");
  const probeType = container?.probes.includes(probe) ? probe : (container?.probes[0] ?? probe);
  const { history, cursor, time } = useAppStore(useShallow((s) => ({ history: s.history, cursor: s.clock.cursor, time: Math.floor(s.clock.time / 1000) })));
  const forced = useMemo(() => activeFaults(history, cursor, time * 1000).probes, [history, cursor, time]);

  if (pods.length === 0) return <p className="text-slate-400">No pod runs on a node yet. Apply one first.</p>;
  const forcedNow = pod && container ? forced.get(`${pod.namespace}/${pod.name}/${container.name}/${probeType}`) : undefined;
  const probeAction = (verb: "fail" | "pass" | "reset") => pod && container && void runFault({ kind: "probe", verb, namespace: pod.namespace, pod: pod.name, container: container.name, probe: probeType });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1">
          Pod
          <select aria-label="Pod" className={btn.field} value={key} onChange={(e) => setChoice(e.target.value)}>
            {pods.map((p) => (
              <option key={`${p.namespace}/${p.name}`} value={`${p.namespace}/${p.name}`}>
                {p.namespace === "default" ? p.name : `${p.namespace}/${p.name}`}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Container
          <select aria-label="Container" className={btn.field} value={container?.name} onChange={(e) => setContainer(e.target.value)}>
            {pod?.containers.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap gap-1.5">
        <button type="button" className={btn.danger} disabled={!container} onClick={() => pod && container && void runFault({ kind: "container-kill", namespace: pod.namespace, pod: pod.name, container: container.name })}>
          Kill container
        </button>
      </div>
      {container && container.probes.length === 0 ? (
        <p className="text-[12px] text-slate-400">{container.name} has no probes.</p>
      ) : (
        <div className="flex flex-wrap items-center gap-1.5">
          <label className="flex items-center gap-1">
            Probe
            <select aria-label="Probe" className={btn.field} value={probeType} onChange={(e) => setProbe(e.target.value as ProbeType)}>
              {container?.probes.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className={btn.danger} onClick={() => probeAction("fail")}>
            Make it fail
          </button>
          <button type="button" className={btn.plain} onClick={() => probeAction("pass")}>
            Make it pass
          </button>
          <button type="button" className={btn.plain} disabled={!forcedNow} onClick={() => probeAction("reset")}>
            Probe for real
          </button>
          {forcedNow && <span className="text-[12px] text-amber-300">forced to {forcedNow.result}</span>}
        </div>
      )}
    </div>
  );
}
