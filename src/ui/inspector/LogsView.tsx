/**
 * A container's log, as `kubectl logs` serves it: pick the container, the previous instance
 * (`--previous`), timestamps; while following, new lines stream in as the clock plays. The
 * equivalent kubectl command is shown, and errors come in the API's own words.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useShallow } from "zustand/shallow";
import { DEFAULT_EPOCH_MS } from "../../sim/clock";
import { bridge } from "../bridge";
import { useAppStore } from "../store/store";
import { inspector, useInspector } from "./inspector-store";
import { EMPTY_LOG, mergeLogs, nextAfter, type LogBuffer } from "./log-buffer";

/** How often (wall ms) a followed log asks for new lines while the cluster changes. */
const FOLLOW_EVERY_MS = 300;

const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

function containerNames(pod: Pod): { name: string; role: string }[] {
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => ({ name: c.name, role: c.restartPolicy === "Always" ? "sidecar" : "init" })),
    ...(pod.spec?.containers ?? []).map((c) => ({ name: c.name, role: "" })),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => ({ name: c.name, role: "ephemeral" })),
  ];
}

/** The log timestamp as the kubelet writes it (RFC 3339, nanosecond field trimmed). */
function stamp(ms: number): string {
  const iso = new Date(DEFAULT_EPOCH_MS + Math.floor(ms)).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ""}Z`;
}

export function LogsView({ pod }: { pod: Pod }) {
  const s = useInspector(useShallow((x) => ({ container: x.logContainer, previous: x.logPrevious, follow: x.logFollow, timestamps: x.logTimestamps })));
  const ns = pod.metadata?.namespace ?? "default";
  const name = pod.metadata?.name ?? "";
  const names = containerNames(pod);
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const fallback = names.find((n) => n.name === annotated)?.name ?? pod.spec?.containers?.[0]?.name ?? names[0]?.name ?? "";
  const container = names.some((n) => n.name === s.container) ? s.container! : fallback;
  const [buf, setBuf] = useState<LogBuffer>(EMPTY_LOG);
  const [refresh, setRefresh] = useState(0);
  const following = s.follow && !s.previous;

  useEffect(() => {
    let cancelled = false;
    let held: LogBuffer = EMPTY_LOG;
    let inFlight = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    setBuf(EMPTY_LOG);
    const fetch = () => {
      timer = undefined;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      last = performance.now();
      const after = s.previous ? undefined : nextAfter(held);
      void bridge.query({ type: "logs", namespace: ns, name, container, previous: s.previous, ...(after ? { after } : {}) }).then((answer) => {
        inFlight = false;
        if (cancelled || !answer) return;
        held = mergeLogs(held, answer);
        setBuf(held);
        if (again) {
          again = false;
          schedule();
        }
      });
    };
    const schedule = () => {
      if (timer === undefined && !cancelled) timer = setTimeout(fetch, Math.max(0, FOLLOW_EVERY_MS - (performance.now() - last)));
    };
    fetch();
    const unsubscribe = following ? useAppStore.subscribe((st, prev) => st.version !== prev.version && schedule()) : () => {};
    return () => {
      cancelled = true;
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ns, name, container, s.previous, following, refresh]);

  const box = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [buf]);

  const cmd = `kubectl logs ${name}${ns !== "default" ? ` -n ${ns}` : ""} -c ${container}${s.previous ? " --previous" : ""}${following ? " -f" : ""}${s.timestamps ? " --timestamps" : ""}`;
  const field = "rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-[12px] text-slate-100";
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div role="toolbar" aria-label="Log options" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-800 px-3 py-1.5 text-[12px] text-slate-300">
        <label className="flex items-center gap-1">
          Container
          <select aria-label="Container" className={field} value={container} onChange={(e) => inspector.setLogContainer(e.target.value)}>
            {names.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
                {n.role ? ` (${n.role})` : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={s.previous} onChange={(e) => inspector.setLogPrevious(e.target.checked)} />
          Previous instance
        </label>
        <label className="flex items-center gap-1" title={s.previous ? "A previous instance has stopped: there is nothing to follow" : undefined}>
          <input type="checkbox" checked={following} disabled={s.previous} onChange={(e) => inspector.setLogFollow(e.target.checked)} />
          Follow
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={s.timestamps} onChange={(e) => inspector.setLogTimestamps(e.target.checked)} />
          Timestamps
        </label>
        {!following && (
          <button type="button" className="rounded bg-slate-700 px-2 py-0.5 text-[11px] text-slate-100 hover:bg-slate-600" onClick={() => setRefresh((n) => n + 1)}>
            Refresh
          </button>
        )}
      </div>
      <div className="border-b border-slate-800 px-3 py-1 font-mono text-[11px] break-all text-slate-400">
        <span className="text-emerald-400">$</span> {cmd}
      </div>
      <pre
        ref={box}
        role="log"
        aria-label={`Logs of container ${container}${s.previous ? " (previous instance)" : ""}`}
        className="min-h-0 flex-1 overflow-auto px-3 py-1.5 font-mono text-[11.5px] leading-[16px] whitespace-pre-wrap break-words text-slate-100"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
        }}
      >
        {buf.error ? (
          <span className="text-rose-300">{buf.error}</span>
        ) : buf.lines.length === 0 ? (
          <span className="text-slate-500">{buf.containerId ? "(no output: this container has not written anything to stdout or stderr)" : "…"}</span>
        ) : (
          <>
            {buf.from > 0 && <span className="text-slate-500">({buf.from} earlier lines not shown){"\n"}</span>}
            {buf.lines.map((l, i) => (
              <span key={buf.from + i} className={l.stream === "stderr" ? "text-rose-200" : undefined} title={l.stream === "stderr" ? "stderr" : undefined}>
                {s.timestamps ? `${stamp(l.time)} ` : ""}
                {l.text}
                {"\n"}
              </span>
            ))}
          </>
        )}
      </pre>
    </div>
  );
}
