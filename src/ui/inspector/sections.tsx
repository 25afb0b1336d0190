/**
 * Sections every kind of object shares in the inspector: its conditions (type, status, reason,
 * message, last transition — each explained), its labels and annotations, and the events about it,
 * which move the clock to their moment when clicked.
 */
import type { Event } from "kubernetes-types/core/v1";
import { useMemo } from "react";
import type { KObject } from "../../sim/api/types";
import { humanDuration } from "../../sim/kubectl/printers/duration";
import { explain } from "../explain/explain";
import { Explained } from "../explain/Explain";
import { eventRows, type EventRow } from "../events/event-rows";
import { jumpToEvent } from "../events/jump";
import { formatClock } from "../controls/format-time";
import { Badge, conditionTone, KeyValues, Section, useNowSecond, When } from "./parts";
import { useThrottledVersion } from "./use-throttled-version";
import { useAppStore } from "../store/store";

export interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Conditions, each with its explanation; `nodes` switches to node conditions (where False is good, but for Ready). */
export function Conditions({ conditions, nodes = false }: { conditions: readonly ConditionLike[] | undefined; nodes?: boolean }) {
  if (!conditions?.length) return <p className="text-[12px] text-slate-500">No conditions yet.</p>;
  return (
    <ul aria-label="Conditions" className="space-y-1">
      {conditions.map((c) => {
        const good = nodes && c.type !== "Ready" ? "False" : "True";
        return (
          <li key={c.type} className="rounded bg-slate-900 px-2 py-1 text-[12px] leading-[17px]">
            <Explained kind={nodes ? "nodeCondition" : "condition"} term={c.type}>
              <span className="min-w-0 flex-1 truncate font-medium text-slate-100">{c.type}</span>
              <Badge text={c.status} tone={conditionTone(c.status, good)} />
            </Explained>
            {c.reason && (
              <Explained kind="conditionReason" term={c.reason} explanation={explain("conditionReason", c.reason) ?? explain("status", c.reason)}>
                <span className="text-slate-400">Reason</span>
                <span className="text-slate-200">{c.reason}</span>
              </Explained>
            )}
            {c.message && <div className="break-words text-slate-300">{c.message}</div>}
            {c.lastTransitionTime && (
              <div className="text-[11px] text-slate-400">
                since <When ts={c.lastTransitionTime} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Labels and annotations. */
export function Metadata({ obj }: { obj: KObject }) {
  const annotations = Object.fromEntries(Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => k !== "kubectl.kubernetes.io/last-applied-configuration"));
  return (
    <Section title="Labels and annotations">
      <div className="space-y-1.5">
        <div>
          <div className="mb-0.5 text-[11px] text-slate-400">Labels</div>
          <KeyValues map={obj.metadata.labels} label="Labels" />
        </div>
        <div>
          <div className="mb-0.5 text-[11px] text-slate-400">Annotations</div>
          <KeyValues map={annotations} label="Annotations" />
        </div>
      </div>
    </Section>
  );
}

/** The events about one object, newest last, as `kubectl describe` lists them. */
export function ObjectEvents({ kind, namespace, name }: { kind: string; namespace: string; name: string }) {
  const version = useThrottledVersion(300);
  const now = useNowSecond();
  const rows = useMemo(() => {
    void version;
    const all = useAppStore.getState().mirror.list<Event & KObject>("Event");
    const mine: Event[] = [];
    for (const e of all) {
      const io = e.involvedObject;
      if (io?.kind === kind && io.name === name && (io.namespace ?? "") === namespace) mine.push(e);
    }
    return eventRows(mine);
  }, [version, kind, namespace, name]);
  return (
    <Section title={`Events (${rows.length})`}>
      {rows.length === 0 ? (
        <p className="text-[12px] text-slate-500">No events about this {kind.toLowerCase()}.</p>
      ) : (
        <ul aria-label={`Events of ${kind.toLowerCase()}/${name}`} className="space-y-0.5">
          {rows.map((r) => (
            <EventItem key={r.name} r={r} now={now} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function EventItem({ r, now }: { r: EventRow; now: number }) {
  const warning = r.type === "Warning";
  const age = r.count > 1 ? `${humanDuration(now - r.last)} (x${r.count} over ${humanDuration(r.last - r.first)})` : humanDuration(now - r.last);
  return (
    <li>
      <button
        type="button"
        aria-label={`Go to ${r.type} event ${r.reason} at ${formatClock(r.last)}: ${r.message}`}
        onClick={() => void jumpToEvent(r)}
        className={`w-full rounded px-1.5 py-0.5 text-left text-[12px] leading-[16px] hover:bg-slate-800 ${warning ? "bg-rose-500/10" : ""}`}
      >
        <span className={`font-medium ${warning ? "text-rose-200" : "text-slate-200"}`}>
          <span aria-hidden="true">{warning ? "▲ " : "● "}</span>
          {r.type} {r.reason}
        </span>
        <span className="text-slate-400">
          {" "}
          · {age}
          {r.involved.container ? ` · ${r.involved.container}` : ""}
        </span>
        <span className="block break-words text-slate-300">{r.message}</span>
      </button>
    </li>
  );
}
