/**
 * A node at a glance: Ready and the other conditions (each explained), taints with what their key
 * and effect mean, whether it is cordoned, capacity against what its pods request, its pods, labels
 * and events.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import { useShallow } from "zustand/shallow";
import { milliCPU, parseQuantity } from "../../sim/api/quantity";
import type { KObject } from "../../sim/api/types";
import { explainTaint } from "../explain/explain";
import { Explained } from "../explain/Explain";
import { nodeStatus } from "../graph/labels";
import { ui, useAppStore } from "../store/store";
import { Badge, Fields, Section } from "./parts";
import { Conditions, Metadata, ObjectEvents } from "./sections";
import { selectionKey } from "./selection";
import { statusTone } from "./PodOverview";

function gib(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1).replace(/\.0$/, "")}Gi`;
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}

export function NodeOverview({ node }: { node: Node & KObject }) {
  const name = node.metadata.name!;
  const usage = useAppStore((s) => s.mirror.usage(name));
  const pods = useAppStore(
    useShallow((s) =>
      [...s.mirror.podsOn(name)].map((k) => {
        const p = s.mirror.get<Pod & KObject>("Pod", k);
        return `${k}|${s.mirror.view(k)?.statusText || p?.status?.phase || "Pending"}`;
      }).sort(),
    ),
  );
  const status = nodeStatus(node);
  const alloc = node.status?.allocatable ?? {};
  const cpu = milliCPU(alloc.cpu ?? "0");
  const mem = parseQuantity(alloc.memory ?? "0") ?? 0;
  const taints = node.spec?.taints ?? [];
  return (
    <div>
      <Section title="Status">
        <div className="mb-1 flex items-center gap-2">
          <Badge text={status} tone={status.startsWith("Ready") ? (node.spec?.unschedulable ? "wait" : "ok") : "bad"} />
          {node.spec?.unschedulable && <span className="text-[12px] text-amber-200">cordoned: no new pods are scheduled here</span>}
        </div>
        <Fields
          rows={[
            ["Addresses", (node.status?.addresses ?? []).map((a) => `${a.type} ${a.address}`).join(", ") || "—"],
            ["Kubelet", node.status?.nodeInfo?.kubeletVersion ?? "—"],
            ["CPU", `${(usage.requested.cpu / 1000).toFixed(2).replace(/\.?0+$/, "")} of ${cpu / 1000} requested (${cpu ? Math.round((usage.requested.cpu / cpu) * 100) : 0}%)`],
            ["Memory", `${gib(usage.requested.memory)} of ${gib(mem)} requested (${mem ? Math.round((usage.requested.memory / mem) * 100) : 0}%)`],
            ["Pods", `${usage.pods} of ${alloc.pods ?? "?"}`],
          ]}
        />
        <p className="mt-1 text-[11px] text-slate-400">The scheduler compares what pods request, not what they use, with what the node can allocate.</p>
      </Section>
      <Section title="Conditions">
        <Conditions conditions={node.status?.conditions} nodes />
      </Section>
      <Section title={`Taints (${taints.length})`}>
        {taints.length === 0 ? (
          <p className="text-[12px] text-slate-500">No taints: any pod may be scheduled here.</p>
        ) : (
          <ul aria-label="Taints" className="space-y-1">
            {taints.map((t) => {
              const text = `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
              const [first, second] = explainTaint(t.key, t.effect);
              return (
                <li key={text} className="rounded bg-slate-900 px-2 py-1 font-mono text-[11.5px] text-slate-100">
                  <Explained explanation={first}>
                    <span className="break-all">{text}</span>
                  </Explained>
                  {second && (
                    <Explained explanation={second} className="mt-0.5 font-sans text-[11px] text-slate-400">
                      <span>effect {t.effect}</span>
                    </Explained>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section title={`Pods (${pods.length})`}>
        {pods.length === 0 ? (
          <p className="text-[12px] text-slate-500">No pods on this node.</p>
        ) : (
          <ul className="space-y-0.5">
            {pods.map((entry) => {
              const [key, st] = entry.split("|");
              const slash = key.indexOf("/");
              return (
                <li key={key} className="flex items-center gap-2 text-[12px]">
                  <button type="button" className="min-w-0 flex-1 truncate text-left text-sky-300 hover:underline" onClick={() => ui.select(selectionKey("Pod", key.slice(0, slash), key.slice(slash + 1)))}>
                    {key}
                  </button>
                  <Badge text={st} tone={statusTone(st)} />
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Metadata obj={node} />
      <ObjectEvents kind="Node" namespace="" name={name} />
    </div>
  );
}
