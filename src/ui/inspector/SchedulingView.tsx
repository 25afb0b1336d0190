/**
 * "Why is this pod Pending?" / "Why this node?": the scheduler's record of the pod's latest attempt
 * — every node against every Filter plugin with its verdict and reason, the PreFilter and PostFilter
 * (preemption) verdicts, the FailedScheduling message, and for a scheduled pod the scores and the
 * node chosen. Every plugin and verdict is explained.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { PluginVerdict, SchedulingDecision } from "../../sim/scheduler/decision-record";
import { formatClock } from "../controls/format-time";
import { explain } from "../explain/explain";
import { ExplainNote, Explained } from "../explain/Explain";
import { Badge, Section } from "./parts";
import { filterTable, rejects, scoreTable, verdictText, type FilterTable, type ScoreTable } from "./scheduling-table";
import { useWorkerQuery } from "./use-query";

const QUEUE_WORDS: Record<string, string> = {
  activeQ: "in the active queue: it is about to be tried",
  backoffQ: "in the back-off queue: it waits before the next try",
  unschedulablePods: "with the unschedulable pods: it is tried again when something in the cluster changes that could help (a node joins, a pod leaves), or after five minutes at the latest",
};

export function SchedulingView({ pod }: { pod: Pod }) {
  const ns = pod.metadata?.namespace ?? "default";
  const name = pod.metadata?.name ?? "";
  const q = useWorkerQuery({ type: "scheduling", namespace: ns, name });
  const d = q.answer?.record;
  const gated = (pod.spec?.schedulingGates?.length ?? 0) > 0;
  if (!d) {
    return (
      <div className="px-3 py-3 text-[12px] text-slate-300">
        {q.loading ? (
          <p>Reading the scheduler's record…</p>
        ) : gated ? (
          <ExplainNote explanation={explain("status", "SchedulingGated")} />
        ) : pod.spec?.nodeName ? (
          <p>The pod was placed on {pod.spec.nodeName} without a scheduling record here: it names its node itself (spec.nodeName), or it is a static or mirror pod the kubelet runs directly.</p>
        ) : (
          <p>The scheduler has not tried this pod yet.</p>
        )}
      </div>
    );
  }
  const ft = filterTable(d);
  const st = scoreTable(d);
  const failed = d.outcome !== "Scheduled";
  return (
    <div>
      <Section title={failed ? "Why is this pod Pending?" : "Why this node?"}>
        <p className="text-[12px] leading-[17px] text-slate-200">
          Attempt {d.attempt} at <span className="font-mono">{formatClock(d.time)}</span>: <Badge text={d.outcome} tone={failed ? "bad" : "ok"} />{" "}
          {d.selectedNode ? (
            <>
              bound to <strong>{d.selectedNode}</strong>.
            </>
          ) : null}{" "}
          {d.numAllNodes} {d.numAllNodes === 1 ? "node" : "nodes"}, {d.evaluatedNodes} filtered, {d.feasibleNodes} feasible.
        </p>
        {d.message && (
          <div role="note" aria-label="FailedScheduling message" className="mt-1.5 rounded bg-amber-400/10 px-2 py-1 text-[12px] leading-[17px] text-amber-100 ring-1 ring-amber-300/30">
            <span className="font-semibold">FailedScheduling: </span>
            {d.message}
          </div>
        )}
        {q.answer?.queue && failed && <p className="mt-1 text-[11.5px] text-slate-400">The pod waits {QUEUE_WORDS[q.answer.queue] ?? `in ${q.answer.queue}`}.</p>}
        {d.nominatedNode && <p className="mt-1 text-[11.5px] text-slate-300">Preemption nominated {d.nominatedNode}: lower-priority pods there are being evicted to make room.</p>}
      </Section>
      <Section title="Filter: nodes × plugins">
        <FilterGrid t={ft} />
        {ft.passed.length > 0 && <p className="mt-1 text-[11px] text-slate-300">✓ Passed on every node: {ft.passed.join(", ")}.</p>}
        {ft.skipped.length > 0 && <p className="mt-1 text-[11px] text-slate-400">Skipped for this pod (nothing to check): {ft.skipped.join(", ")}.</p>}
        <Verdicts title="PreFilter" verdicts={d.preFilter.filter((v) => v.code !== "Skip")} />
        {d.postFilter && <Verdicts title="PostFilter (preemption)" verdicts={[d.postFilter]} />}
      </Section>
      {st && (
        <Section title="Score: feasible nodes">
          <ScoreGrid t={st} />
          {d.skippedScorePlugins.length > 0 && <p className="mt-1 text-[11px] text-slate-400">Not scored for this pod: {d.skippedScorePlugins.join(", ")}.</p>}
          {d.scoresTruncated && <p className="mt-1 text-[11px] text-slate-400">Only the best-scoring nodes are kept.</p>}
        </Section>
      )}
      <PluginNotes d={d} plugins={[...ft.plugins, ...ft.passed, ...(st?.plugins.map((p) => p.name) ?? [])]} />
    </div>
  );
}

function FilterGrid({ t }: { t: FilterTable }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label="Filter verdicts by node and plugin" className="border-collapse text-[11.5px] leading-[15px]">
        <thead>
          <tr className="text-left text-[10.5px] text-slate-400">
            <th scope="col" className="sticky left-0 bg-slate-950 px-1.5 py-1 font-medium">Node</th>
            {t.plugins.map((p) => (
              <th key={p} scope="col" className="px-1.5 py-1 font-medium whitespace-nowrap">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr key={r.node} className="border-t border-slate-800 align-top">
              <th scope="row" className="sticky left-0 bg-slate-950 px-1.5 py-1 text-left font-medium whitespace-nowrap text-slate-100">
                {r.node}
                <div className={`text-[10.5px] font-normal ${r.feasible ? "text-emerald-300" : "text-rose-300"}`}>{r.selected ? "✓ chosen" : r.feasible ? "✓ feasible" : r.evaluated || r.preFilterRejection ? "✕ rejected" : "– not evaluated"}</div>
              </th>
              {r.preFilterRejection ? (
                <td colSpan={t.plugins.length} className="px-1.5 py-1 text-rose-200">
                  ✕ {r.preFilterRejection.plugin} (PreFilter): {verdictText(r.preFilterRejection)}
                </td>
              ) : (
                r.cells.map((c) => <Cell key={c.plugin} v={c} node={r.node} />)
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ v, node }: { v: PluginVerdict; node: string }) {
  const bad = rejects(v);
  const text = verdictText(v);
  const glyph = bad ? "✕" : v.code === "Success" ? "✓" : "–";
  return (
    <td aria-label={`${v.plugin} on ${node}: ${text}`} className={`max-w-44 px-1.5 py-1 ${bad ? "bg-rose-500/10 text-rose-100" : v.code === "Success" ? "text-emerald-200" : "text-slate-500"}`}>
      <span aria-hidden="true">{glyph} </span>
      <span className="break-words">{text}</span>
    </td>
  );
}

function ScoreGrid({ t }: { t: ScoreTable }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label="Scores by node and plugin" className="border-collapse text-[11.5px] leading-[15px]">
        <thead>
          <tr className="text-left text-[10.5px] text-slate-400">
            <th scope="col" className="px-1.5 py-1 font-medium">Node</th>
            {t.plugins.map((p) => (
              <th key={p.name} scope="col" className="px-1.5 py-1 text-right font-medium whitespace-nowrap" title={`normalized score × weight ${p.weight}`}>
                {p.name} ×{p.weight}
              </th>
            ))}
            <th scope="col" className="px-1.5 py-1 text-right font-medium">Total</th>
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr key={r.node} className={`border-t border-slate-800 ${r.selected ? "bg-emerald-500/10" : ""}`}>
              <th scope="row" className="px-1.5 py-1 text-left font-medium whitespace-nowrap text-slate-100">
                {r.node}
                {r.selected && <span className="ml-1 text-[10.5px] text-emerald-300">✓ chosen</span>}
              </th>
              {r.scores.map((s) => (
                <td key={s.plugin} className="px-1.5 py-1 text-right font-mono text-slate-200" title={`raw ${s.score}, normalized ${s.normalizedScore}, × ${s.weight}`}>
                  {s.normalizedScore}
                  <span className="text-slate-500"> → {s.weightedScore}</span>
                </td>
              ))}
              <td className="px-1.5 py-1 text-right font-mono font-semibold text-slate-100">{r.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Verdicts({ title, verdicts }: { title: string; verdicts: PluginVerdict[] }) {
  if (verdicts.length === 0) return null;
  return (
    <div className="mt-1.5 text-[11.5px] leading-[16px]">
      <span className="text-slate-400">{title}: </span>
      {verdicts.map((v, i) => (
        <span key={i} className={rejects(v) ? "text-rose-200" : "text-slate-300"}>
          {i > 0 ? "; " : ""}
          {v.plugin} {verdictText(v)}
        </span>
      ))}
    </div>
  );
}

function PluginNotes({ d, plugins }: { d: SchedulingDecision; plugins: string[] }) {
  const names = [...new Set([...plugins, ...(d.postFilter ? [d.postFilter.plugin] : [])])].filter((p) => explain("plugin", p));
  return (
    <Section title="What the plugins check">
      <ul className="space-y-0.5">
        {names.map((p) => (
          <li key={p} className="text-[12px] text-slate-200">
            <Explained kind="plugin" term={p}>
              <span>{p}</span>
            </Explained>
          </li>
        ))}
        {["Unschedulable", "UnschedulableAndUnresolvable", "NotRun"].map((v) => (
          <li key={v} className="text-[12px] text-slate-300">
            <Explained kind="verdict" term={v}>
              <span>verdict “{explain("verdict", v)?.title}”</span>
            </Explained>
          </li>
        ))}
      </ul>
    </Section>
  );
}
