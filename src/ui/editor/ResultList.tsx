/**
 * What the last Apply or Delete did to each object of the file — created, configured, unchanged,
 * deleted, rejected (with kubectl's message) — each row leading to its document, and, for objects
 * that exist, to their live YAML.
 */
import { useAppStore } from "../store/store";
import { useEditorState } from "./editor-state";
import { splitDocuments } from "./documents";
import { files } from "./files";
import type { ObjectStatus } from "./kubectl-output";
import { revealLine } from "./YamlEditor";

const BADGE: Record<ObjectStatus, string> = {
  created: "bg-emerald-500/20 text-emerald-200",
  configured: "bg-sky-500/20 text-sky-200",
  unchanged: "bg-slate-600/40 text-slate-300",
  deleted: "bg-amber-500/20 text-amber-200",
  rejected: "bg-rose-500/25 text-rose-200",
  "not applied": "bg-slate-700/40 text-slate-400",
};

export function ResultList() {
  const results = useEditorState((s) => s.results);
  const active = useAppStore((s) => s.activeFile);
  const fileName = useAppStore((s) => s.files.find((f) => f.id === results?.fileId)?.name);
  if (!results || !fileName) return null;
  const verb = results.verb === "apply" ? "Apply" : "Delete";
  const docs = () => splitDocuments(useAppStore.getState().files.find((f) => f.id === results.fileId)?.text ?? "");
  return (
    <section aria-label={`${verb} results`} className="max-h-24 min-h-12 shrink overflow-y-auto border-t border-slate-800 bg-slate-950">
      <div className="sticky top-0 flex items-center gap-2 bg-slate-950 px-3 py-1 text-[11px] text-slate-400">
        <span className="font-semibold text-slate-300">
          {verb} {fileName}
        </span>
        {results.exitCode === undefined ? <span className="text-amber-300">no answer: the simulation restarted</span> : <span>exit code {results.exitCode}</span>}
        <button type="button" aria-label="Close results" className="ml-auto rounded px-1 hover:bg-slate-800 hover:text-slate-200" onClick={() => useEditorState.setState({ results: undefined })}>
          ✕
        </button>
      </div>
      <ul>
        {results.items.map((r) => {
          const doc = docs()[r.doc];
          const exists = r.status === "created" || r.status === "configured" || r.status === "unchanged";
          return (
            <li key={r.doc} className="flex items-start gap-2 px-3 py-1 text-[12px] hover:bg-slate-900">
              <span className={`mt-px shrink-0 rounded px-1.5 text-[11px] ${BADGE[r.status]}`}>{r.status}</span>
              <button
                type="button"
                className="min-w-0 flex-1 text-left"
                title="Show this document in the editor"
                onClick={() => {
                  if (active !== results.fileId) files.open(results.fileId);
                  setTimeout(() => revealLine(r.line), 0);
                }}
              >
                <span className="font-mono text-slate-100">{r.object}</span>
                {r.status !== "created" && r.status !== "configured" && r.status !== "unchanged" && r.status !== "deleted" && r.message && (
                  <span className="line-clamp-3 block whitespace-pre-wrap break-words font-mono text-[11px] text-rose-300" title={r.message}>
                    {r.message}
                  </span>
                )}
              </button>
              {exists && doc?.kind && doc.name && (
                <button
                  type="button"
                  className="shrink-0 rounded px-1.5 text-[11px] text-sky-300 hover:bg-slate-800"
                  onClick={() => useEditorState.setState({ live: { kind: doc.kind!, namespace: doc.namespace ?? "default", name: doc.name! } })}
                >
                  live YAML
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
