/**
 * The nodes in the faults panel: each with its state and size, and what can happen to it — stop and
 * start its kubelet, reboot it, cut it off from the network and reconnect it, change its size, labels
 * and taints, remove it — plus a form to add a node.
 */
import { useMemo, useState } from "react";
import { useShallow } from "zustand/shallow";
import { useAppStore } from "../store/store";
import { btn } from "../presenter/SidePanel";
import { activeFaults } from "./active";
import { nodeChanges, parseLabels, parseTaints, taintText } from "./commands";
import { nodesSignature, readableMemory, type NodeInfo } from "./cluster-view";
import { runFault } from "./run-fault";

function readyText(n: NodeInfo): string {
  const state = n.ready === "True" ? "Ready" : "NotReady";
  return n.unschedulable ? `${state},SchedulingDisabled` : state;
}

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

/** Size, labels and taints of a node (new or existing), with validation of each field. */
function NodeForm({ node, onDone }: { node?: NodeInfo; onDone: () => void }) {
  const [name, setName] = useState("");
  const [cpu, setCpu] = useState(node?.cpu ?? "4");
  const [memory, setMemory] = useState(node ? readableMemory(node.memory) : "8Gi");
  const [pods, setPods] = useState(node?.pods ?? "110");
  const [labels, setLabels] = useState(node ? labelsText(node.labels) : "");
  const [taints, setTaints] = useState(node ? node.taints.map(taintText).join("\n") : "");
  const parsedLabels = parseLabels(labels);
  const parsedTaints = parseTaints(taints);
  const problems = [
    !node && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) ? "The name must be lower-case letters, digits, '-' and '.'." : "",
    !/^\d+(\.\d+)?m?$/.test(cpu) ? `CPU "${cpu}" is not a quantity (4, 500m).` : "",
    !/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(memory) ? `Memory "${memory}" is not a quantity (8Gi, 512Mi).` : "",
    !/^[1-9]\d*$/.test(pods) ? "Pods must be a whole number." : "",
    parsedLabels.bad.length > 0 ? `Not a label: ${parsedLabels.bad.join(", ")} (write key=value).` : "",
    parsedTaints.bad.length > 0 ? `Not a taint: ${parsedTaints.bad.join(", ")} (write key=value:NoSchedule, PreferNoSchedule or NoExecute).` : "",
  ].filter(Boolean);
  // A name not typed yet is not an error to shout about; the Add button waits for it quietly.
  const shown = problems.filter((p) => name !== "" || node || !p.startsWith("The name"));
  const submit = () => {
    if (problems.length > 0) return;
    if (!node) {
      void runFault({ kind: "node-add", node: name, cpu, memory, pods: Number(pods), labels: parsedLabels.labels, taints: parsedTaints.taints });
    } else {
      const change = nodeChanges({ labels: node.labels, taints: node.taints }, { labels: parsedLabels.labels, taints: parsedTaints.taints });
      void runFault({
        kind: "node-set",
        node: node.name,
        ...(cpu !== node.cpu ? { cpu } : {}),
        ...(memory !== readableMemory(node.memory) ? { memory } : {}),
        ...(pods !== node.pods ? { pods: Number(pods) } : {}),
        ...(change.labels.length > 0 ? { labels: change.labels } : {}),
        ...(change.taints.length > 0 ? { taints: change.taints } : {}),
      });
    }
    onDone();
  };
  const field = `${btn.field} w-full`;
  const id = node ? `node-${node.name}` : "new-node";
  return (
    <form
      aria-label={node ? `Settings of ${node.name}` : "Add a node"}
      className="mt-1.5 grid grid-cols-[auto_1fr] items-center gap-x-2 gap-y-1 rounded border border-slate-700 bg-slate-950/60 p-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {!node && (
        <>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} className={field} value={name} placeholder="node-4" onChange={(e) => setName(e.target.value)} />
        </>
      )}
      <label htmlFor={`${id}-cpu`}>CPU</label>
      <input id={`${id}-cpu`} className={field} value={cpu} onChange={(e) => setCpu(e.target.value)} />
      <label htmlFor={`${id}-memory`}>Memory</label>
      <input id={`${id}-memory`} className={field} value={memory} onChange={(e) => setMemory(e.target.value)} />
      <label htmlFor={`${id}-pods`}>Pods</label>
      <input id={`${id}-pods`} className={field} value={pods} inputMode="numeric" onChange={(e) => setPods(e.target.value)} />
      <label htmlFor={`${id}-labels`} className="self-start pt-0.5">
        Labels
      </label>
      <textarea id={`${id}-labels`} className={`${field} font-mono`} rows={node ? 3 : 2} value={labels} placeholder="disktype=ssd" onChange={(e) => setLabels(e.target.value)} />
      <label htmlFor={`${id}-taints`} className="self-start pt-0.5">
        Taints
      </label>
      <textarea id={`${id}-taints`} className={`${field} font-mono`} rows={2} value={taints} placeholder="dedicated=gpu:NoSchedule" onChange={(e) => setTaints(e.target.value)} />
      {shown.length > 0 && (
        <p role="alert" className="col-span-2 text-[12px] text-rose-300">
          {shown[0]}
        </p>
      )}
      <div className="col-span-2 mt-1 flex gap-2">
        <button type="submit" className={btn.primary} disabled={problems.length > 0}>
          {node ? `Apply to ${node.name}` : "Add node"}
        </button>
        <button type="button" className={btn.plain} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function NodeFaults() {
  const sig = useAppStore(nodesSignature);
  const nodes = useMemo(() => JSON.parse(sig) as NodeInfo[], [sig]);
  const { history, cursor, time } = useAppStore(useShallow((s) => ({ history: s.history, cursor: s.clock.cursor, time: Math.floor(s.clock.time / 1000) })));
  const active = useMemo(() => activeFaults(history, cursor, time * 1000), [history, cursor, time]);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  return (
    <>
      <ul className="space-y-1.5">
        {nodes.map((n) => {
          const stopped = active.stopped.has(n.name);
          const cut = active.partitioned.has(n.name);
          const rebooting = active.rebooting.has(n.name);
          return (
            <li key={n.name} aria-label={`Node ${n.name} settings`} className="rounded border border-slate-800 px-2 py-1.5">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-mono font-semibold">{n.name}</span>
                <span className={n.ready === "True" ? "text-emerald-400" : "text-rose-300"}>{readyText(n)}</span>
                {stopped && <span className="text-amber-300">kubelet stopped</span>}
                {cut && <span className="text-amber-300">cut off</span>}
                {rebooting && <span className="text-amber-300">rebooting</span>}
                <span className="ml-auto text-[12px] text-slate-400">
                  {n.cpu} CPU · {readableMemory(n.memory)} · {n.pods} pods
                </span>
              </div>
              {n.taints.length > 0 && <div className="truncate font-mono text-[11px] text-slate-400">taints: {n.taints.map(taintText).join(", ")}</div>}
              <div className="mt-1 flex flex-wrap gap-1.5">
                {stopped ? (
                  <button type="button" className={btn.plain} aria-label={`Start ${n.name}`} onClick={() => void runFault({ kind: "node-start", node: n.name })}>
                    Start
                  </button>
                ) : (
                  <button type="button" className={btn.danger} aria-label={`Stop ${n.name}`} disabled={rebooting} onClick={() => void runFault({ kind: "node-stop", node: n.name })}>
                    Stop
                  </button>
                )}
                <button type="button" className={btn.danger} aria-label={`Reboot ${n.name}`} disabled={rebooting} onClick={() => void runFault({ kind: "node-restart", node: n.name })}>
                  Reboot
                </button>
                {cut ? (
                  <button type="button" className={btn.plain} aria-label="Heal the network" onClick={() => void runFault({ kind: "heal" })}>
                    Reconnect
                  </button>
                ) : (
                  <button type="button" className={btn.danger} aria-label={`Cut ${n.name} off the network`} onClick={() => void runFault({ kind: "partition", nodes: [n.name] })}>
                    Cut off
                  </button>
                )}
                <button type="button" className={btn.plain} aria-expanded={editing === n.name} aria-label={`Edit ${n.name}`} onClick={() => setEditing(editing === n.name ? undefined : n.name)}>
                  Size, labels, taints
                </button>
                <button type="button" className={btn.danger} aria-label={`Remove ${n.name}`} onClick={() => void runFault({ kind: "node-remove", node: n.name })}>
                  Remove
                </button>
              </div>
              {editing === n.name && <NodeForm node={n} onDone={() => setEditing(undefined)} />}
            </li>
          );
        })}
      </ul>
      <div className="mt-2">
        {editing === "" ? (
          <NodeForm onDone={() => setEditing(undefined)} />
        ) : (
          <button type="button" className={btn.plain} onClick={() => setEditing("")}>
            Add a node…
          </button>
        )}
      </div>
    </>
  );
}
