/**
 * The editor panel: the manifest, with Apply (`kubectl apply -f -`) and Delete (`kubectl delete -f -`)
 * for what the editor holds. kubectl's answer shows in the console below.
 */
import { bridge } from "../bridge";
import { useAppStore } from "../store/store";
import { YamlEditor } from "./YamlEditor";

function apply(): void {
  void bridge.apply(useAppStore.getState().editorText);
}

function remove(): void {
  void bridge.deleteManifest(useAppStore.getState().editorText);
}

export function EditorPanel() {
  return (
    <section aria-label="Manifest" className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center gap-2 border-b border-slate-800 px-3 py-1.5">
        <h2 className="text-[13px] font-semibold text-slate-200">Manifest</h2>
        <span className="text-[11px] text-slate-500">Ctrl+Enter applies</span>
        <button type="button" onClick={remove} className="ml-auto rounded border border-rose-400/50 px-2.5 py-1 text-[13px] text-rose-200 hover:bg-rose-500/20" title="kubectl delete -f - with the editor's manifest">
          Delete
        </button>
        <button type="button" onClick={apply} className="rounded bg-emerald-600 px-3 py-1 text-[13px] font-semibold text-white hover:bg-emerald-500" title="kubectl apply -f - with the editor's manifest">
          Apply
        </button>
      </div>
      <YamlEditor onApply={apply} />
    </section>
  );
}
