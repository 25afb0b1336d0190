/**
 * The faults and cluster settings panel: break things on purpose and change the cluster — nodes,
 * network, containers, probes, the image registry — and see what each action did and what
 * Kubernetes will do about it. Every action is a recorded `podlab` line, so it replays.
 */
import { PanelSection, SidePanel } from "../presenter/SidePanel";
import { NodeFaults } from "./NodeFaults";
import { PodFaults } from "./PodFaults";
import { RegistryFaults } from "./RegistryFaults";
import { useFaultLog } from "./run-fault";

function LastAction() {
  const last = useFaultLog((s) => s.last);
  if (!last) return <p className="text-slate-400">Each action runs a podlab command, recorded like a console line so a rewind or a shared link replays it.</p>;
  const failed = last.outcome && last.outcome.exitCode !== 0;
  return (
    <div role="status" aria-label="Last action" className="space-y-1">
      <p className="font-mono text-[12px] text-slate-300">
        <span className="text-emerald-400">$</span> {last.line}
      </p>
      {!last.outcome && !last.lost && <p className="text-slate-400">running…</p>}
      {last.lost && <p className="text-amber-300">The simulation restarted before this finished.</p>}
      {last.outcome?.stdout && <p className="font-mono text-[12px] text-slate-100">{last.outcome.stdout.trim()}</p>}
      {last.outcome?.stderr && <p className="font-mono text-[12px] text-rose-300">{last.outcome.stderr.trim()}</p>}
      {last.outcome && !failed && (
        <p className="text-slate-300">
          <span className="font-semibold text-slate-100">What follows: </span>
          {last.reaction}
        </p>
      )}
    </div>
  );
}

export function FaultsPanel() {
  return (
    <SidePanel title="Faults and cluster settings" width={440} footer={<LastAction />}>
      <PanelSection title="Nodes">
        <NodeFaults />
      </PanelSection>
      <PanelSection title="Containers and probes">
        <PodFaults />
      </PanelSection>
      <PanelSection title="Image registry">
        <RegistryFaults />
      </PanelSection>
    </SidePanel>
  );
}
