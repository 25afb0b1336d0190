/**
 * The open file's problems, as Monaco underlines them: the schema's (unknown fields, wrong types,
 * values not allowed) and the API server's (from the dry run). Each leads to its line.
 */
import { useEditorState } from "./editor-state";
import { revealLine } from "./YamlEditor";
import { SERVER_OWNER } from "./server-validation";

export function ProblemsList() {
  const problems = useEditorState((s) => s.problems);
  if (problems.length === 0) return null;
  return (
    <section aria-label="Problems" className="max-h-20 min-h-10 shrink overflow-y-auto border-t border-slate-800 bg-slate-950">
      <h3 className="sticky top-0 bg-slate-950 px-3 py-0.5 text-[11px] font-semibold text-slate-400">
        Problems <span className="font-normal">({problems.length})</span>
      </h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <button type="button" className="flex w-full items-start gap-2 px-3 py-0.5 text-left text-[12px] hover:bg-slate-900" onClick={() => revealLine(p.line, p.column)}>
              <span aria-hidden="true" className={p.severity === "error" ? "text-rose-400" : "text-amber-300"}>
                {p.severity === "error" ? "✕" : "!"}
              </span>
              <span className="shrink-0 font-mono text-[11px] text-slate-500">Ln {p.line}</span>
              <span className="min-w-0 flex-1 whitespace-pre-wrap break-words text-slate-200">{p.message}</span>
              <span className="shrink-0 text-[10px] text-slate-500">{p.source === SERVER_OWNER ? "API server" : "schema"}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
