/**
 * Builds the JSON Schema the YAML editor validates and completes with (monaco-yaml): one schema for
 * any Kubernetes object, which picks each document's type by its apiVersion and kind, with every
 * field's description from the API types and `additionalProperties: false` so unknown fields are
 * flagged. It is made from the same ts-json-schema-generator output as the simulation's field table
 * (gen-schema.ts), adjusted to what the API server accepts on the wire:
 *
 * - resource quantities take numbers and strings (`cpu: 1`, `memory: 64Mi`), IntOrString likewise;
 * - integers are integers; enum-typed strings list their values (editor-schema-enums.ts);
 * - times may be null (`creationTimestamp: null`, as `kubectl create --dry-run -o yaml` prints);
 * - RawExtension and FieldsV1 hold anything.
 */
import type { Definition } from "ts-json-schema-generator";
import { apiVersionOf, KINDS, type KindInfo } from "../src/sim/api/kinds";
import { ENUMS } from "./editor-schema-enums";
import { interfaceOwners, ownerOf, type PackageSchema } from "./gen-schema";

/** A JSON Schema, as plain data. */
export type JsonSchema = Record<string, unknown>;

/** Older versions the API server still accepts by converting them (src/sim/api/conversion.ts). */
export const CONVERTIBLE_KINDS: readonly KindInfo[] = KINDS.filter((k) => k.kind === "HorizontalPodAutoscaler").map((k) => ({ ...k, version: "v1" }));

/** Every kind the editor knows: the served kinds and the convertible older versions. */
export const EDITOR_KINDS: readonly KindInfo[] = [...KINDS, ...CONVERTIBLE_KINDS];

/** The definition id of a type: its module with dots ("core.v1.PodSpec"), safe in a JSON pointer. */
function defId(module: string, name: string): string {
  return `${module.replace("/", ".")}.${name}`;
}

const QUANTITY_NOTE = "A quantity: a number (`2`, `0.5`) or a string with a suffix (`500m`, `64Mi`, `1Gi`).";

/** Builds the editor's schema from the generator's per-package schemas. */
export function buildEditorSchema(packages: PackageSchema[]): JsonSchema {
  const owners = interfaceOwners();
  const definitions: Record<string, JsonSchema> = {};
  const dispatch: JsonSchema[] = [];
  const kindsByVersion = new Map<string, string[]>();
  let apiVersionDoc = "";
  let kindDoc = "";

  for (const pkg of packages) {
    const idOf = (name: string) => defId(ownerOf(name, pkg.module, owners), name);
    for (const [name, def] of Object.entries(pkg.definitions)) {
      if (name === "Kinds" || !def || typeof def !== "object") continue;
      const id = idOf(name);
      if (definitions[id]) continue;
      definitions[id] = convertNamed(name, def, idOf);
    }
    for (const info of pkg.kinds) {
      const apiVersion = apiVersionOf(info);
      const id = idOf(info.kind);
      const def = definitions[id];
      const props = (def?.properties ?? {}) as Record<string, JsonSchema>;
      apiVersionDoc ||= String(props.apiVersion?.description ?? "");
      kindDoc ||= String(props.kind?.description ?? "");
      // The generated `const` names the package's version; a convertible older version is its own package run.
      if (props.apiVersion) props.apiVersion = { ...props.apiVersion, const: apiVersion };
      kindsByVersion.set(apiVersion, [...(kindsByVersion.get(apiVersion) ?? []), info.kind]);
      dispatch.push({
        if: { properties: { apiVersion: { const: apiVersion }, kind: { const: info.kind } }, required: ["apiVersion", "kind"] },
        then: { $ref: `#/definitions/${id}` },
      });
    }
  }
  // A known kind written under a version that does not serve it is an error, as the API server
  // says (an unknown kind is already one, through the kind enum below).
  const allKinds = [...new Set(EDITOR_KINDS.map((k) => k.kind))].sort();
  for (const [apiVersion, kinds] of kindsByVersion) {
    dispatch.push({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { enum: allKinds } }, required: ["apiVersion", "kind"] },
      then: { properties: { kind: { enum: [...kinds].sort() } } },
    });
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Kubernetes object",
    description: "A Kubernetes API object: its apiVersion and kind select the schema of the rest.",
    type: "object",
    properties: {
      apiVersion: { type: "string", enum: [...kindsByVersion.keys()].sort(), description: apiVersionDoc },
      kind: { type: "string", enum: allKinds, description: kindDoc },
    },
    required: ["apiVersion", "kind"],
    allOf: dispatch,
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** A named type's schema; the special wire types are replaced by what the API accepts. */
function convertNamed(name: string, def: Definition, idOf: (name: string) => string): JsonSchema {
  const description = def.description;
  switch (name) {
    case "Quantity":
      return { type: ["string", "number"], description: description ? `${QUANTITY_NOTE}\n\n${description}` : QUANTITY_NOTE };
    case "Time":
    case "MicroTime":
      return { type: ["string", "null"], description };
    case "RawExtension":
    case "FieldsV1":
      return { type: "object", description };
  }
  return convert(def, name, undefined, idOf);
}

/**
 * Converts one generated schema node. `struct` and `field` name where the node stands
 * ("Container", "imagePullPolicy") so the enum table can apply.
 */
function convert(def: Definition, struct: string | undefined, field: string | undefined, idOf: (name: string) => string): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(def)) {
    switch (key) {
      case "$ref":
        out.$ref = `#/definitions/${idOf(decodeURIComponent(String(value).replace("#/definitions/", "")))}`;
        break;
      case "type":
        out.type = convertType(value as Definition["type"]);
        break;
      case "properties": {
        const props: Record<string, JsonSchema> = {};
        for (const [name, prop] of Object.entries(value as Record<string, Definition>)) props[name] = convert(prop, undefined, name, idOf);
        if (struct) applyEnums(struct, props);
        out.properties = props;
        break;
      }
      case "items":
        out.items = Array.isArray(value) ? value.map((v) => convert(v as Definition, undefined, field, idOf)) : convert(value as Definition, undefined, field, idOf);
        break;
      case "additionalProperties":
        out.additionalProperties = typeof value === "object" && value !== null ? convert(value as Definition, undefined, field, idOf) : value;
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/** Kubernetes' numbers in these kinds are int32/int64; IntOrString is an integer or a string. */
function convertType(t: Definition["type"]): unknown {
  if (Array.isArray(t)) return t.map((x) => (x === "number" ? "integer" : x));
  return t === "number" ? "integer" : t;
}

function applyEnums(struct: string, props: Record<string, JsonSchema>): void {
  for (const [field, prop] of Object.entries(props)) {
    const values = ENUMS[`${struct}.${field}`];
    if (values) prop.enum = [...values];
    const itemValues = ENUMS[`${struct}.${field}[]`];
    if (itemValues && prop.items && typeof prop.items === "object") prop.items = { ...(prop.items as JsonSchema), enum: [...itemValues] };
  }
}
