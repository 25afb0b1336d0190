/**
 * The YAML editor: Monaco with one model per file (each keeps its own undo history and scroll
 * position), the Kubernetes schema's completion, hover and squiggles (monaco-yaml), and the API
 * server's own messages from a dry run (server-validation.ts). Ctrl/Cmd+Enter applies. Monaco loads
 * lazily; until then a plain text area holds the same text.
 */
import { useEffect, useRef, useState } from "react";
import type * as Monaco from "monaco-editor/esm/vs/editor/editor.api";
import { session, useAppStore } from "../store/store";
import { useEditorState, type EditorProblem } from "./editor-state";
import { files } from "./files";
import { ServerValidation } from "./server-validation";

interface Props {
  /** Ctrl/Cmd+Enter. */
  onApply(): void;
}

/** The editor on the page, for the result list and the problems list to reveal a line. */
let view: { editor: Monaco.editor.IStandaloneCodeEditor; validation: ServerValidation } | undefined;

/** Shows a line of the open file, with the cursor on it. */
export function revealLine(line: number, column = 1): void {
  if (!view) return;
  view.editor.revealLineInCenterIfOutsideViewport(line);
  view.editor.setPosition({ lineNumber: line, column });
  view.editor.focus();
}

/** Asks the API server about the open file again (after an Apply, the cluster changed). */
export function revalidate(): void {
  const model = view?.editor.getModel();
  if (view && model) view.validation.schedule(model, 0);
}

/** The 1-based line of the cursor in the open file. */
export function cursorLine(): number {
  return view?.editor.getPosition()?.lineNumber ?? 1;
}

function modelUri(monaco: typeof Monaco, fileId: string): Monaco.Uri {
  return monaco.Uri.parse(`file:///files/${fileId}.yaml`);
}

const SEVERITY: Record<number, EditorProblem["severity"]> = { 8: "error", 4: "warning", 2: "info", 1: "info" };

export function YamlEditor({ onApply }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const applyRef = useRef(onApply);
  applyRef.current = onApply;
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    import("./monaco")
      .then(({ monaco }) => {
        if (disposed || !host.current) return;
        const validation = new ServerValidation(monaco);
        const models = new Map<string, Monaco.editor.ITextModel>();
        const viewStates = new Map<string, Monaco.editor.ICodeEditorViewState | null>();
        const subs: Monaco.IDisposable[] = [];
        const modelFor = (id: string, text: string) => {
          let model = models.get(id);
          if (!model) {
            model = monaco.editor.createModel(text, "yaml", modelUri(monaco, id));
            const m = model;
            subs.push(
              m.onDidChangeContent(() => {
                const value = m.getValue();
                if (useAppStore.getState().files.find((f) => f.id === id)?.text !== value) files.setText(id, value);
                validation.schedule(m);
              }),
            );
            models.set(id, model);
            validation.schedule(model, 0);
          }
          return model;
        };
        const state = useAppStore.getState();
        const editor = monaco.editor.create(host.current, {
          model: modelFor(state.activeFile, state.editorText),
          theme: "vs-dark",
          ariaLabel: "YAML editor",
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: 2,
          insertSpaces: true,
          scrollBeyondLastLine: false,
          renderLineHighlight: "line",
          wordWrap: "off",
          fixedOverflowWidgets: true,
          quickSuggestions: { other: true, comments: false, strings: true },
          hover: { delay: 300 },
        });
        view = { editor, validation };
        let shown = state.activeFile;
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current());

        const publishProblems = () => {
          const model = editor.getModel();
          if (!model) return;
          const problems = monaco.editor
            .getModelMarkers({ resource: model.uri })
            .map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message, severity: SEVERITY[m.severity] ?? "info", source: m.owner }))
            .sort((a, b) => a.line - b.line || a.column - b.column);
          useEditorState.setState({ problems });
        };
        subs.push(monaco.editor.onDidChangeMarkers(publishProblems));

        // Files come and go, the open one changes, and text may change from outside (a restored session).
        const sync = (s: ReturnType<typeof useAppStore.getState>) => {
          for (const [id, model] of models) {
            const file = s.files.find((f) => f.id === id);
            if (!file) {
              model.dispose();
              models.delete(id);
              viewStates.delete(id);
            } else if (file.text !== model.getValue() && !(id === shown && editor.hasTextFocus())) {
              model.setValue(file.text);
            }
          }
          if (s.activeFile !== shown) {
            viewStates.set(shown, editor.saveViewState());
            shown = s.activeFile;
            const file = s.files.find((f) => f.id === shown);
            editor.setModel(modelFor(shown, file?.text ?? ""));
            const saved = viewStates.get(shown);
            if (saved) editor.restoreViewState(saved);
            publishProblems();
          }
        };
        const unsubscribe = useAppStore.subscribe((s, prev) => {
          if (s.files !== prev.files || s.activeFile !== prev.activeFile) sync(s);
        });
        dispose = () => {
          unsubscribe();
          for (const s of subs) s.dispose();
          validation.dispose();
          view = undefined;
          editor.dispose();
          for (const m of models.values()) m.dispose();
        };
        setLoaded(true);
      })
      .catch((e: unknown) => setFailed(String(e)));
    return () => {
      disposed = true;
      dispose?.();
    };
  }, []);

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={host} className="absolute inset-0" data-testid="monaco-host" />
      {!loaded && <FallbackEditor onApply={onApply} note={failed ? `The editor failed to load (${failed}); a plain text area stands in.` : undefined} />}
    </div>
  );
}

/** A plain text area with the same text and shortcut, while Monaco loads (or if it cannot). */
function FallbackEditor({ onApply, note }: { onApply(): void; note?: string }) {
  const text = useAppStore((s) => s.editorText);
  return (
    <div className="absolute inset-0 flex flex-col">
      {note && <p className="bg-amber-500/20 px-2 py-1 text-[12px] text-amber-100">{note}</p>}
      <textarea
        aria-label="YAML editor"
        className="flex-1 resize-none bg-[#1e1e1e] p-2 font-mono text-[13px] text-slate-100 outline-none"
        spellCheck={false}
        value={text}
        onChange={(e) => session.setEditorText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onApply();
          }
        }}
      />
    </div>
  );
}
