/**
 * The editor panel: the files as tabs, the open file's manifest, and what acts on it — Apply
 * (`kubectl apply -f -`), Delete (`kubectl delete -f -`) and Diff (`kubectl diff -f -`) — with the
 * result of the last action object by object, the file's problems, and an object's live YAML.
 */
import { bridge } from "../bridge";
import { useAppStore } from "../store/store";
import { DiffView } from "./DiffView";
import { splitDocuments } from "./documents";
import { useEditorState } from "./editor-state";
import { FileTabs } from "./FileTabs";
import { activeFile } from "./files";
import { objectResults } from "./kubectl-output";
import { LiveYaml } from "./LiveYaml";
import { ProblemsList } from "./ProblemsList";
import { ResultList } from "./ResultList";
import { revalidate, YamlEditor } from "./YamlEditor";

async function act(verb: "apply" | "delete"): Promise<void> {
  const file = activeFile();
  const docs = splitDocuments(file.text);
  const outcome = await (verb === "apply" ? bridge.apply(file.text) : bridge.deleteManifest(file.text));
  const items = outcome ? objectResults(outcome.stdout, outcome.stderr, docs) : [];
  useEditorState.setState({ results: { fileId: file.id, verb, exitCode: outcome?.exitCode, items } });
  revalidate();
}

const apply = () => void act("apply");
const remove = () => void act("delete");

export function EditorPanel() {
  const diffOpen = useEditorState((s) => s.diffOpen);
  const live = useEditorState((s) => s.live);
  const fileName = useAppStore((s) => s.files.find((f) => f.id === s.activeFile)?.name ?? "");
  return (
    <section aria-label="Manifest" className="flex min-h-0 flex-1 flex-col">
      <FileTabs />
      <div className="flex items-center gap-2 border-b border-slate-800 px-3 py-1">
        <span className="min-w-0 truncate text-[11px] text-slate-500" title={`Ctrl+Enter applies ${fileName}`}>
          Ctrl+Enter applies
        </span>
        <button
          type="button"
          aria-pressed={diffOpen}
          onClick={() => useEditorState.setState({ diffOpen: !diffOpen })}
          className={`ml-auto rounded border px-2.5 py-0.5 text-[13px] ${diffOpen ? "border-sky-400 bg-sky-500/20 text-sky-100" : "border-slate-600 text-slate-200 hover:bg-slate-800"}`}
          title="kubectl diff -f - with this file: the live objects against what Apply would make of them"
        >
          Diff
        </button>
        <button type="button" onClick={remove} className="rounded border border-rose-400/50 px-2.5 py-0.5 text-[13px] text-rose-200 hover:bg-rose-500/20" title="kubectl delete -f - with this file">
          Delete
        </button>
        <button type="button" onClick={apply} className="rounded bg-emerald-600 px-3 py-0.5 text-[13px] font-semibold text-white hover:bg-emerald-500" title="kubectl apply -f - with this file">
          Apply
        </button>
      </div>
      <div className="relative flex min-h-32 flex-1 flex-col">
        <div className={diffOpen ? "hidden" : "flex min-h-0 flex-1 flex-col"}>
          <YamlEditor onApply={apply} />
        </div>
        {diffOpen && <DiffView />}
        {live && (
          <section aria-label={`Live YAML of ${live.kind} ${live.name}`} className="absolute inset-0 z-10 flex flex-col bg-[#1e1e1e]">
            <div className="flex items-center gap-2 border-b border-slate-800 bg-slate-900 px-3 py-1 text-[12px]">
              <span className="text-slate-400">live, read-only:</span>
              <span className="min-w-0 truncate font-mono text-slate-100">
                kubectl get {live.kind.toLowerCase()} {live.name}
                {live.namespace ? ` -n ${live.namespace}` : ""} -o yaml
              </span>
              <button type="button" className="ml-auto rounded px-2 text-slate-300 hover:bg-slate-800" onClick={() => useEditorState.setState({ live: undefined })}>
                Close
              </button>
            </div>
            <div className="min-h-0 flex-1">
              <LiveYaml kind={live.kind} namespace={live.namespace} name={live.name} />
            </div>
          </section>
        )}
      </div>
      <ProblemsList />
      <ResultList />
    </section>
  );
}
