/**
 * Monaco, set up for Vite: the editor core with its contributions, YAML highlighting, monaco-yaml
 * with the Kubernetes schema (completion, hover documentation, validation), and the editor and YAML
 * workers bundled by Vite (`?worker`). Loaded lazily: the cluster shows before the editor.
 */
import "monaco-editor/esm/vs/editor/edcore.main.js";
import * as monaco from "monaco-editor/esm/vs/editor/editor.api";
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution";
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker.js?worker";
import { configureMonacoYaml } from "monaco-yaml";
import kubernetesSchema from "virtual:kubernetes-schema";
import YamlWorker from "./yaml.worker.ts?worker";

globalThis.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

/** Models whose path ends so get the Kubernetes schema: the editor's files and the diff's sides. */
export const SCHEMA_GLOB = "**/*.yaml";

/**
 * monaco-yaml (through monaco-worker-manager 2) asks `createWebWorker({ moduleId, label, createData })`,
 * the options Monaco took before 0.53; Monaco 0.54 wants the worker itself (`{ worker }`) and, given
 * the old options, falls back to running the plain editor worker on the main thread, where no YAML
 * service answers. This adapter makes the YAML worker and hands it its settings first, as Monaco's
 * own JSON language does (the worker's first message starts it, the second is its create data).
 * WARNING: remove it once monaco-yaml creates its worker the 0.54 way.
 */
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: (opts: { label?: string; createData?: unknown; worker?: unknown }) => {
      if (opts.worker) return monaco.editor.createWebWorker(opts as Parameters<typeof monaco.editor.createWebWorker>[0]);
      const worker = new YamlWorker();
      worker.postMessage("start");
      worker.postMessage(opts.createData);
      return monaco.editor.createWebWorker({ worker });
    },
  },
} as unknown as typeof monaco;

configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false,
  hoverSchemaSource: false,
  completion: true,
  hover: true,
  validate: true,
  format: { enable: true },
  schemas: [{ fileMatch: [SCHEMA_GLOB], uri: "https://podlab.invalid/schemas/kubernetes.json", schema: kubernetesSchema }],
});

export { monaco };
