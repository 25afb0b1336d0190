/**
 * The diff view: what `kubectl diff -f FILE` shows for the open file — each live object (left)
 * against the object applying the file would store (right, from a server-side dry run), without
 * status and managedFields — in Monaco's diff editor. It follows the text as it is edited.
 */
import { useEffect, useRef, useState } from "react";
import type * as Monaco from "monaco-editor/esm/vs/editor/editor.api";
import { useAppStore } from "../store/store";
import { splitDocuments } from "./documents";
import { diffSides, type DiffSides } from "./live-yaml";

const REFRESH_MS = 400;
let serial = 0;

export function DiffView() {
  const host = useRef<HTMLDivElement>(null);
  const diffRef = useRef<{ editor: Monaco.editor.IStandaloneDiffEditor; live: Monaco.editor.ITextModel; merged: Monaco.editor.ITextModel } | undefined>(undefined);
  const text = useAppStore((s) => s.editorText);
  const version = useAppStore((s) => s.structure + s.version);
  const [sides, setSides] = useState<DiffSides | undefined>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stale = false;
    const t = setTimeout(() => {
      void diffSides(splitDocuments(text)).then((s) => {
        if (!stale && s) setSides(s);
      });
    }, REFRESH_MS);
    return () => {
      stale = true;
      clearTimeout(t);
    };
    // The cluster's version matters only as "something changed": re-read at most every REFRESH_MS.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, Math.floor(version / 30)]);

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import("./monaco").then(({ monaco }) => {
      if (disposed || !host.current) return;
      const n = ++serial;
      const live = monaco.editor.createModel("", "yaml", monaco.Uri.parse(`file:///diff/${n}/live.diff`));
      const merged = monaco.editor.createModel("", "yaml", monaco.Uri.parse(`file:///diff/${n}/merged.diff`));
      const editor = monaco.editor.createDiffEditor(host.current, {
        theme: "vs-dark",
        readOnly: true,
        originalEditable: false,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 12,
        scrollBeyondLastLine: false,
        renderSideBySide: true,
        useInlineViewWhenSpaceIsLimited: true,
        renderOverviewRuler: false,
        ariaLabel: "Diff of the live objects and the file",
        originalAriaLabel: "Live objects",
        modifiedAriaLabel: "Objects after apply",
      });
      editor.setModel({ original: live, modified: merged });
      diffRef.current = { editor, live, merged };
      setReady(true);
      dispose = () => {
        diffRef.current = undefined;
        editor.dispose();
        live.dispose();
        merged.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, []);

  useEffect(() => {
    const d = diffRef.current;
    if (!d || !sides) return;
    if (d.live.getValue() !== sides.live) d.live.setValue(sides.live);
    if (d.merged.getValue() !== sides.merged) d.merged.setValue(sides.merged);
  }, [sides, ready]);

  const same = sides !== undefined && sides.live === sides.merged;
  return (
    <section aria-label="Diff" className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-3 border-b border-slate-800 bg-slate-900 px-3 py-1 text-[11px] text-slate-400">
        <span>
          <span className="text-rose-300">live</span> → <span className="text-emerald-300">after apply</span> (kubectl diff)
        </span>
        {same && <span role="status" className="text-slate-300">No differences: applying changes nothing.</span>}
        {!sides && <span role="status">Reading the live objects…</span>}
      </div>
      <div className="relative min-h-0 flex-1">
        <div ref={host} className="absolute inset-0" />
      </div>
    </section>
  );
}
