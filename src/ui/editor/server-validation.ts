/**
 * The API server's view of the editor's text: shortly after the user stops typing, each document is
 * sent to the worker as a server-side dry run (`kubectl apply --dry-run=server -f -`, a preview that
 * records nothing and leaves the clock alone), and what the server says becomes markers on the
 * lines of the fields it names.
 */
import type * as Monaco from "monaco-editor/esm/vs/editor/editor.api";
import { bridge } from "../bridge";
import { splitDocuments } from "./documents";
import { dryRunProblems } from "./kubectl-output";

/** Marker owner of the server's messages (monaco-yaml's schema markers are owned by "yaml"). */
export const SERVER_OWNER = "kubectl";
/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 500;

/** Runs the dry runs of one model, debounced, and keeps its markers. */
export class ServerValidation {
  private timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly monaco: typeof Monaco) {}

  /** Checks a model soon (after a change, when it is opened, after an Apply). */
  schedule(model: Monaco.editor.ITextModel, delay = DEBOUNCE_MS): void {
    const key = model.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(model);
      }, delay),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async check(model: Monaco.editor.ITextModel): Promise<void> {
    if (model.isDisposed()) return;
    const version = model.getVersionId();
    const docs = splitDocuments(model.getValue());
    const real = docs.filter((d) => !d.empty);
    const outcomes = real.length > 0 ? await bridge.preview(real.map((d) => ({ argv: ["apply", "--dry-run=server", "-f", "-"], stdin: d.text }))) : [];
    // The text moved on while the server answered: a newer check is on its way.
    if (!outcomes || model.isDisposed() || model.getVersionId() !== version) return;
    const markers: Monaco.editor.IMarkerData[] = [];
    real.forEach((doc, i) => {
      for (const p of dryRunProblems(outcomes[i]?.stderr ?? "", doc, docs)) {
        const endColumn = Math.min(p.range.endColumn, model.getLineMaxColumn(Math.min(p.range.endLine, model.getLineCount())));
        markers.push({
          severity: this.monaco.MarkerSeverity.Error,
          message: p.message,
          source: "kubectl apply --dry-run=server",
          startLineNumber: p.range.line,
          startColumn: p.range.column,
          endLineNumber: p.range.endLine,
          endColumn: Math.max(endColumn, p.range.column + 1),
        });
      }
    });
    this.monaco.editor.setModelMarkers(model, SERVER_OWNER, markers);
  }
}
