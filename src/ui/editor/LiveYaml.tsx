/**
 * LiveYaml shows an API object as the cluster holds it — `kubectl get KIND NAME -o yaml`, status
 * and managedFields included — read-only, in Monaco, and follows the object as it changes.
 *
 * Usage (the inspector and the editor's result list use it):
 *
 *   <LiveYaml kind="Pod" namespace="default" name="nginx" />
 *
 * `namespace` is "" for cluster-scoped kinds. The component fills its parent (give the parent a
 * height). The read is a preview (src/worker/preview.ts): it is not recorded and moves no clock.
 */
import { useEffect, useRef, useState } from "react";
import type * as Monaco from "monaco-editor/esm/vs/editor/editor.api";
import { nsName } from "../store/mirror";
import { useAppStore } from "../store/store";
import type { ObjectRef } from "./editor-state";
import { fetchLiveYaml } from "./live-yaml";

let serial = 0;

export function LiveYaml({ kind, namespace, name }: ObjectRef) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const [text, setText] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [, setReady] = useState(false);
  // A new resourceVersion in the mirror means the object changed: read it again.
  const version = useAppStore((s) => s.mirror.get(kind, nsName(namespace || undefined, name))?.metadata.resourceVersion ?? "none");

  useEffect(() => {
    let stale = false;
    void fetchLiveYaml({ kind, namespace, name }).then((r) => {
      if (stale) return;
      setText(r.yaml);
      setError(r.error);
    });
    return () => {
      stale = true;
    };
  }, [kind, namespace, name, version]);

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void import("./monaco").then(({ monaco }) => {
      if (disposed || !host.current) return;
      // A path outside the schema's glob: a live object's server-set fields are not the user's to fix.
      const model = monaco.editor.createModel("", "yaml", monaco.Uri.parse(`file:///live/${++serial}/${kind}-${name}.live`));
      const editor = monaco.editor.create(host.current, {
        model,
        readOnly: true,
        theme: "vs-dark",
        ariaLabel: `Live YAML of ${kind} ${name}`,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 12,
        scrollBeyondLastLine: false,
        renderLineHighlight: "none",
        fixedOverflowWidgets: true,
      });
      editorRef.current = editor;
      dispose = () => {
        editorRef.current = undefined;
        editor.dispose();
        model.dispose();
      };
      setReady(true);
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [kind, name]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (model && text !== undefined && model.getValue() !== text) {
      const scroll = editor!.getScrollTop();
      model.setValue(text);
      editor!.setScrollTop(scroll);
    }
  });

  return (
    <div className="relative h-full min-h-0" data-testid="live-yaml">
      <div ref={host} className="absolute inset-0" />
      {error && <p role="status" className="absolute inset-x-0 top-0 bg-rose-950/90 px-3 py-2 font-mono text-[12px] text-rose-200">{error}</p>}
    </div>
  );
}
