/**
 * The YAML editor: Monaco holding the manifest (saved with the session), with Ctrl/Cmd+Enter to
 * apply it. Monaco loads lazily; until then a plain text area holds the same text.
 */
import { useEffect, useRef, useState } from "react";
import { session, useAppStore } from "../store/store";

interface Props {
  /** Ctrl/Cmd+Enter. */
  onApply(): void;
}

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
        const editor = monaco.editor.create(host.current, {
          value: useAppStore.getState().editorText,
          language: "yaml",
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
        });
        const sub = editor.onDidChangeModelContent(() => session.setEditorText(editor.getValue()));
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current());
        // The text may change from outside (a restored session): follow it unless the user is typing.
        const unsubscribe = useAppStore.subscribe((s) => {
          if (s.editorText !== editor.getValue() && !editor.hasTextFocus()) editor.setValue(s.editorText);
        });
        dispose = () => {
          unsubscribe();
          sub.dispose();
          editor.dispose();
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
