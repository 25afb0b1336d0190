/**
 * `kubectl describe`, read from the worker (not recorded, the clock does not move) and refreshed as
 * the cluster changes. The equivalent command is shown above the text.
 */
import { formatClock } from "../controls/format-time";
import { useWorkerQuery, type QueryState } from "./use-query";
import type { Selection } from "./selection";

function command(verb: string, sel: Selection, extra = ""): string {
  const ns = sel.namespace && sel.namespace !== "default" ? ` -n ${sel.namespace}` : "";
  return `kubectl ${verb} ${sel.kind.toLowerCase()} ${sel.name}${ns}${extra}`;
}

function TextOutput({ label, cmd, state }: { label: string; cmd: string; state: QueryState<"describe"> }) {
  const a = state.answer;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-slate-800 px-3 py-1 font-mono text-[11px] text-slate-400">
        <span className="min-w-0 flex-1 break-all">
          <span className="text-emerald-400">$</span> {cmd}
        </span>
        {state.at !== undefined && <span className="shrink-0">at {formatClock(state.at)}</span>}
      </div>
      <pre aria-label={label} tabIndex={0} className="min-h-0 flex-1 overflow-auto px-3 py-1.5 font-mono text-[11.5px] leading-[16px] whitespace-pre text-slate-100">
        {!a ? (state.loading ? "…" : "The simulation did not answer.") : a.stdout}
        {a?.stderr && <span className="text-rose-300">{a.stderr}</span>}
      </pre>
    </div>
  );
}

/** `kubectl describe KIND NAME`. */
export function DescribeView({ sel }: { sel: Selection }) {
  const state = useWorkerQuery({ type: "describe", kind: sel.kind, namespace: sel.namespace, name: sel.name }, { minMs: 700 });
  return <TextOutput label={`kubectl describe ${sel.kind.toLowerCase()} ${sel.name}`} cmd={command("describe", sel)} state={state} />;
}
