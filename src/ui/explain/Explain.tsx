/**
 * Explanations on screen: a note with what a term means (and a link to the Kubernetes docs), and a
 * row with a "?" button that opens the note under it. Every state the inspector shows goes through
 * one of these, so a learner can always ask what a word means.
 */
import { useId, useState, type ReactNode } from "react";
import { explain, type Explanation, type TermKind } from "./explain";

/** The text of an explanation, as a note. */
export function ExplainNote({ explanation, className = "" }: { explanation: Explanation | undefined; className?: string }) {
  if (!explanation) return null;
  return (
    <div role="note" aria-label={`About ${explanation.title}`} className={`rounded border border-sky-400/20 bg-sky-400/5 px-2 py-1.5 text-[12px] leading-[17px] text-slate-300 ${className}`}>
      <p>{explanation.summary}</p>
      {explanation.more && <p className="mt-1 text-slate-400">{explanation.more}</p>}
      {explanation.docs && (
        <a href={explanation.docs} target="_blank" rel="noreferrer" className="mt-0.5 inline-block text-[11px] text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300">
          Kubernetes documentation
        </a>
      )}
    </div>
  );
}

/**
 * A row (`children`) with a "?" button that shows what `term` means under it. When the term has no
 * explanation, the row is shown alone.
 */
export function Explained({ kind, term, children, explanation, className = "" }: { kind?: TermKind; term?: string; children: ReactNode; explanation?: Explanation; className?: string }) {
  const e = explanation ?? (kind ? explain(kind, term) : undefined);
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className={className}>
      <div className="flex min-w-0 items-center gap-1.5">
        {children}
        {e && (
          <button
            type="button"
            aria-expanded={open}
            aria-controls={id}
            aria-label={`What does ${e.title} mean?`}
            title={`What does ${e.title} mean?`}
            onClick={() => setOpen(!open)}
            className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full border text-[10px] leading-none ${open ? "border-sky-300 bg-sky-400/20 text-sky-100" : "border-slate-500 text-slate-400 hover:border-sky-300 hover:text-sky-200"}`}
          >
            ?
          </button>
        )}
      </div>
      {e && open && (
        <div id={id} className="mt-1">
          <ExplainNote explanation={e} />
        </div>
      )}
    </div>
  );
}
