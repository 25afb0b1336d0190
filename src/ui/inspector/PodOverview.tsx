/**
 * A pod at a glance: kubectl's STATUS with what it means, phase, QoS class, node and IP; the answer
 * to "why is it Pending?" or "why is it not Ready?" when it is either; its conditions, containers
 * (state, last state, probes, mounts, hooks), volumes, labels and events.
 */
import type { ContainerStatus, Event, Pod } from "kubernetes-types/core/v1";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import type { KObject } from "../../sim/api/types";
import type { ContainerView, PodRuntimeView, VolumeView } from "../../worker/protocol";
import { explain } from "../explain/explain";
import { ExplainNote, Explained } from "../explain/Explain";
import { eventRows } from "../events/event-rows";
import { pendingReason } from "../graph/nodes/PodCard";
import { ui, useAppStore } from "../store/store";
import { inspector, useInspector } from "./inspector-store";
import { Badge, Fields, Section, SmallButton, When, type Tone } from "./parts";
import { ContainerSection } from "./ContainerSection";
import { Conditions, Metadata, ObjectEvents } from "./sections";
import { selectionKey } from "./selection";
import { useThrottledVersion } from "./use-throttled-version";
import { whyNotReady, type Finding } from "./why-not-ready";

export function statusTone(status: string): Tone {
  if (status === "Running") return "ok";
  if (status === "Completed" || status === "Succeeded") return "done";
  if (/Err|BackOff|Error|OOMKilled|Failed|Invalid|Evicted|Unknown|NotReady|Signal|ExitCode/.test(status)) return "bad";
  return "wait";
}

export function PodOverview({ pod, view }: { pod: Pod & KObject; view: PodRuntimeView | undefined }) {
  const part = useInspector((s) => s.part);
  const status = view?.statusText || pod.status?.phase || "Pending";
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name ?? "";
  const unscheduled = !pod.spec?.nodeName;
  const statuses = new Map<string, ContainerStatus>([...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].map((s) => [s.name, s]));
  const specs = new Map([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => [c.name, c]));
  const inits = view?.containers.filter((c) => c.role === "init") ?? [];
  const focusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    focusRef.current?.querySelector("[data-focused]")?.scrollIntoView({ block: "nearest" });
  }, [part?.container, part?.volume]);

  return (
    <div ref={focusRef}>
      <Section
        title="Status"
        actions={
          <SmallButton label="Open the pod's timeline" onClick={() => inspector.openDock("timeline")}>
            Timeline
          </SmallButton>
        }
      >
        <div className="mb-1 flex items-center gap-2">
          <span className="text-[12px] text-slate-400">STATUS</span>
          <Badge text={status} tone={statusTone(status)} />
          <span className="text-[12px] text-slate-400">READY {view?.ready ?? "—"}</span>
          <span className="text-[12px] text-slate-400">RESTARTS {view?.restarts ?? 0}</span>
        </div>
        <ExplainNote explanation={explain("status", status)} className="mb-1.5" />
        <Fields
          rows={[
            [
              "Phase",
              <Explained kind="phase" term={pod.status?.phase ?? "Pending"}>
                <span>{pod.status?.phase ?? "Pending"}</span>
              </Explained>,
            ],
            [
              "Node",
              pod.spec?.nodeName ? (
                <button type="button" className="text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300" onClick={() => ui.select(selectionKey("Node", "", pod.spec!.nodeName!))}>
                  {pod.spec.nodeName}
                </button>
              ) : (
                <span className="text-amber-200">not scheduled</span>
              ),
            ],
            ["IP", view?.sandbox.podIP ?? pod.status?.podIP ?? "—"],
            [
              "QoS Class",
              <Explained kind="qos" term={view?.qosClass ?? pod.status?.qosClass}>
                <span>{view?.qosClass ?? pod.status?.qosClass ?? "—"}</span>
              </Explained>,
            ],
            ["Created", <When ts={pod.metadata.creationTimestamp} />],
            ...(pod.metadata.deletionTimestamp ? ([["Deleting", <When ts={pod.metadata.deletionTimestamp} />]] as [string, ReactNode][]) : []),
          ]}
        />
      </Section>
      {unscheduled ? <WhyPending pod={pod} /> : <WhyNotReady pod={pod} view={view} />}
      <Section title="Conditions">
        <Conditions conditions={pod.status?.conditions} />
      </Section>
      <Section title={`Containers (${view?.containers.length ?? pod.spec?.containers?.length ?? 0})`}>
        <div className="space-y-1.5">
          {(view?.containers ?? fallbackContainers(pod)).map((c) => (
            <ContainerSection
              key={c.name}
              pod={pod}
              c={c}
              spec={specs.get(c.name)}
              status={statuses.get(c.name)}
              focused={part?.container === c.name}
              index={c.role === "init" ? `${inits.indexOf(c) + 1}/${inits.length}` : undefined}
            />
          ))}
        </div>
      </Section>
      <Volumes pod={pod} view={view} focused={part?.volume} />
      <Metadata obj={pod} />
      <ObjectEvents kind="Pod" namespace={ns} name={name} />
    </div>
  );
}

/** Container views for a pod the runtime view has not covered yet. */
function fallbackContainers(pod: Pod): ContainerView[] {
  const base = { image: "", state: "none" as const, restartCount: 0, ready: false, started: false, probes: [], mounts: [] };
  return [...(pod.spec?.initContainers ?? []).map((c) => ({ ...base, name: c.name, role: "init" as const })), ...(pod.spec?.containers ?? []).map((c) => ({ ...base, name: c.name, role: "app" as const }))];
}

function WhyPending({ pod }: { pod: Pod }) {
  const gated = (pod.spec?.schedulingGates?.length ?? 0) > 0;
  const reason = pendingReason(pod);
  return (
    <Section title="Why is this pod Pending?">
      {gated ? (
        <p className="text-[12px] text-slate-200">It has scheduling gates: {pod.spec!.schedulingGates!.map((g) => g.name).join(", ")}. The scheduler does not try it until they are removed.</p>
      ) : reason ? (
        <div role="note" aria-label="FailedScheduling message" className="rounded bg-amber-400/10 px-2 py-1 text-[12px] leading-[17px] text-amber-100 ring-1 ring-amber-300/30">
          <span className="font-semibold">FailedScheduling: </span>
          {reason}
        </div>
      ) : (
        <p className="text-[12px] text-slate-300">The scheduler has not bound it yet.</p>
      )}
      <div className="mt-1.5">
        <button type="button" className="rounded bg-sky-600 px-2 py-0.5 text-[12px] font-medium text-white hover:bg-sky-500" onClick={() => inspector.setTab("scheduling")}>
          Show the scheduler's decision, node by node
        </button>
      </div>
    </Section>
  );
}

const SEVERITY: Record<Finding["severity"], string> = { info: "text-slate-200", warn: "text-amber-100", bad: "text-rose-100" };
const SEVERITY_GLYPH: Record<Finding["severity"], string> = { info: "ℹ", warn: "◌", bad: "✕" };

function WhyNotReady({ pod, view }: { pod: Pod & KObject; view: PodRuntimeView | undefined }) {
  const version = useThrottledVersion(500);
  const ns = pod.metadata.namespace ?? "";
  const name = pod.metadata.name ?? "";
  const events = useMemo(() => {
    void version;
    const mine: Event[] = [];
    for (const e of useAppStore.getState().mirror.list<Event & KObject>("Event")) if (e.involvedObject?.kind === "Pod" && e.involvedObject.name === name && (e.involvedObject.namespace ?? "") === ns) mine.push(e);
    return eventRows(mine);
  }, [version, ns, name]);
  const report = whyNotReady(pod, view, events);
  if (report.ready || report.findings.length === 0) return null;
  return (
    <Section title="Why is this pod not Ready?">
      <ul className="space-y-1">
        {report.findings.map((f, i) => (
          <li key={i} className={`text-[12px] leading-[17px] ${SEVERITY[f.severity]}`}>
            <Explained kind={f.term?.kind} term={f.term?.term}>
              <span aria-hidden="true" className="self-start">
                {SEVERITY_GLYPH[f.severity]}
              </span>
              <span className="min-w-0 flex-1 break-words">{f.text}</span>
            </Explained>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Volumes({ pod, view, focused }: { pod: Pod; view: PodRuntimeView | undefined; focused?: string }) {
  const vols: VolumeView[] = view?.volumes ?? (pod.spec?.volumes ?? []).map((v) => ({ name: v.name, type: Object.keys(v).find((k) => k !== "name") ?? "volume" }));
  if (vols.length === 0) return null;
  return (
    <Section title={`Volumes (${vols.length})`}>
      <ul className="space-y-1">
        {vols.map((v) => {
          const src = v.source;
          return (
            <li key={v.name} data-focused={focused === v.name || undefined} className={`rounded border px-2 py-1 text-[12px] ${focused === v.name ? "border-sky-400/70 bg-sky-400/5" : "border-slate-800"}`}>
              <span className="font-medium text-slate-100">{v.name}</span> <span className="text-slate-400">{v.type}</span>
              {src && (
                <>
                  {" "}
                  <span className="text-slate-400">from</span>{" "}
                  <button type="button" className="text-sky-300 underline decoration-sky-300/40" onClick={() => ui.select(selectionKey(src.kind, pod.metadata?.namespace, src.name))}>
                    {src.kind} {src.name}
                  </button>
                </>
              )}
              {v.detail && <span className="text-slate-400"> {v.detail}</span>}
              {v.mounted !== undefined && <span className={v.mounted ? "text-emerald-300" : "text-amber-200"}> · {v.mounted ? "✓ mounted" : "not mounted"}</span>}
              {v.error && <div className="break-words text-rose-200">{v.error}</div>}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
