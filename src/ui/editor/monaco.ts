/**
 * Monaco, set up for Vite: the editor core with its contributions, YAML highlighting, and the
 * editor worker bundled by Vite (`?worker`). Loaded lazily: the cluster shows before the editor.
 */
import "monaco-editor/esm/vs/editor/edcore.main.js";
import * as monaco from "monaco-editor/esm/vs/editor/editor.api";
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution";
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker.js?worker";

globalThis.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
