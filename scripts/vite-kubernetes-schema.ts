/**
 * A Vite plugin that serves the YAML editor's Kubernetes schema as the virtual module
 * `virtual:kubernetes-schema` (its default export is the schema object). The schema is generated
 * from the installed `kubernetes-types` by scripts/gen-schema.ts and scripts/editor-schema.ts and
 * cached in the git-ignored `generated/` folder, keyed by the inputs' contents, so only the first
 * build (or one after the API types or the served kinds change) pays the few seconds it takes.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MODULE_ID = "virtual:kubernetes-schema";
const RESOLVED_ID = `\0${MODULE_ID}`;
/** Where the generated schema is cached (git-ignored). */
export const SCHEMA_FILE = join(ROOT, "generated", "kubernetes-schema.json");

/** Files whose contents decide the schema. */
const INPUTS = ["node_modules/kubernetes-types/package.json", "src/sim/api/kinds.ts", "scripts/gen-schema.ts", "scripts/editor-schema.ts", "scripts/editor-schema-enums.ts"];

function inputsKey(): string {
  const hash = createHash("sha256");
  for (const f of INPUTS) hash.update(readFileSync(join(ROOT, f)));
  return hash.digest("hex").slice(0, 16);
}

/** The schema's JSON text, from the cache when its key matches, else freshly generated. */
export async function editorSchemaJson(): Promise<string> {
  const key = inputsKey();
  if (existsSync(SCHEMA_FILE)) {
    const cached = readFileSync(SCHEMA_FILE, "utf8");
    if (cached.startsWith(`{"x-inputs":"${key}"`)) return cached;
  }
  const { generateSchemas } = await import("./gen-schema");
  const { buildEditorSchema, EDITOR_KINDS } = await import("./editor-schema");
  const schema = buildEditorSchema(generateSchemas(EDITOR_KINDS));
  const text = JSON.stringify({ "x-inputs": key, ...schema });
  mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
  writeFileSync(SCHEMA_FILE, text);
  return text;
}

export function kubernetesSchema(): Plugin {
  return {
    name: "podlab-kubernetes-schema",
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : undefined;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return `export default JSON.parse(${JSON.stringify(await editorSchemaJson())});`;
    },
  };
}
