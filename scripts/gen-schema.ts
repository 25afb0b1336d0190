/**
 * Generates src/sim/api/schema/known-fields.data.ts: the field names and Go types of every kind the
 * simulated API server serves, derived from the `kubernetes-types` package with
 * ts-json-schema-generator. The simulation's decoder (src/sim/api/schema/decode.ts) uses it for
 * strict field validation and the JSON decoder's type errors.
 *
 *   npx tsx scripts/gen-schema.ts          # rewrite the data file
 *   npx tsx scripts/gen-schema.ts --check  # exit 1 when the committed file is stale
 *   npx tsx scripts/gen-schema.ts --editor # write the editor's schema to generated/ (git-ignored)
 *
 * The generator works in two steps so it can also feed the editor: `generateSchemas()` returns the
 * full JSON Schema of each API package (descriptions included, `jsDoc: "extended"`), and
 * `compactSchemas()` reduces them to the small table the simulation loads. The editor's schema
 * (scripts/editor-schema.ts, served to the app by the Vite plugin in
 * scripts/vite-kubernetes-schema.ts at build and dev time) is the other consumer.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGenerator, type Definition } from "ts-json-schema-generator";
import { KINDS, type KindInfo } from "../src/sim/api/kinds";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DATA_FILE = join(ROOT, "src/sim/api/schema/known-fields.data.ts");
const TYPES_DIR = join(ROOT, "node_modules/kubernetes-types");

/**
 * Integer fields Go declares as int64 (kubernetes-types has only `number`). Everything else that is a
 * number is an int32 in the API types the simulation serves.
 */
const INT64_FIELDS = new Set([
  "activeDeadlineSeconds",
  "deletionGracePeriodSeconds",
  "expirationSeconds",
  "fsGroup",
  "generation",
  "observedGeneration",
  "remainingItemCount",
  "revision",
  "runAsGroup",
  "runAsUser",
  "seconds",
  "startingDeadlineSeconds",
  "supplementalGroups",
  "terminationGracePeriodSeconds",
  "tolerationSeconds",
]);

/**
 * Go's named types for fields kubernetes-types flattens to string, number or map, keyed by
 * "Struct.field": the decoder's type errors print them ("of type v1.RestartPolicy").
 */
const GO_NAMED: Record<string, string> = {
  "PodSpec.restartPolicy": "v1.RestartPolicy",
  "PodSpec.dnsPolicy": "v1.DNSPolicy",
  "PodSpec.preemptionPolicy": "v1.PreemptionPolicy",
  "PodSpec.overhead": "v1.ResourceList",
  "Container.restartPolicy": "v1.ContainerRestartPolicy",
  "Container.imagePullPolicy": "v1.PullPolicy",
  "Container.terminationMessagePolicy": "v1.TerminationMessagePolicy",
  "ContainerPort.protocol": "v1.Protocol",
  "ServicePort.protocol": "v1.Protocol",
  "EndpointPort.protocol": "v1.Protocol",
  "ResourceRequirements.limits": "v1.ResourceList",
  "ResourceRequirements.requests": "v1.ResourceList",
  "ResourceQuotaSpec.hard": "v1.ResourceList",
  "ResourceQuotaSpec.scopes": "[]v1.ResourceQuotaScope",
  "ResourceQuotaStatus.hard": "v1.ResourceList",
  "ResourceQuotaStatus.used": "v1.ResourceList",
  "LimitRangeItem.type": "v1.LimitType",
  "LimitRangeItem.max": "v1.ResourceList",
  "LimitRangeItem.min": "v1.ResourceList",
  "LimitRangeItem.default": "v1.ResourceList",
  "LimitRangeItem.defaultRequest": "v1.ResourceList",
  "LimitRangeItem.maxLimitRequestRatio": "v1.ResourceList",
  "NodeStatus.capacity": "v1.ResourceList",
  "NodeStatus.allocatable": "v1.ResourceList",
  "VolumeResourceRequirements.limits": "v1.ResourceList",
  "VolumeResourceRequirements.requests": "v1.ResourceList",
  "PersistentVolumeSpec.capacity": "v1.ResourceList",
  "PersistentVolumeSpec.accessModes": "[]v1.PersistentVolumeAccessMode",
  "PersistentVolumeSpec.persistentVolumeReclaimPolicy": "v1.PersistentVolumeReclaimPolicy",
  "PersistentVolumeSpec.volumeMode": "v1.PersistentVolumeMode",
  "PersistentVolumeClaimSpec.accessModes": "[]v1.PersistentVolumeAccessMode",
  "PersistentVolumeClaimSpec.volumeMode": "v1.PersistentVolumeMode",
  "ServiceSpec.type": "v1.ServiceType",
  "ServiceSpec.sessionAffinity": "v1.ServiceAffinity",
  "ServiceSpec.externalTrafficPolicy": "v1.ServiceExternalTrafficPolicy",
  "ServiceSpec.internalTrafficPolicy": "v1.ServiceInternalTrafficPolicy",
  "ServiceSpec.ipFamilies": "[]v1.IPFamily",
  "ServiceSpec.ipFamilyPolicy": "v1.IPFamilyPolicy",
  "Toleration.operator": "v1.TolerationOperator",
  "Toleration.effect": "v1.TaintEffect",
  "Taint.effect": "v1.TaintEffect",
  "NodeSelectorRequirement.operator": "v1.NodeSelectorOperator",
  "HTTPGetAction.scheme": "v1.URIScheme",
  "HostPathVolumeSource.type": "v1.HostPathType",
  "VolumeMount.mountPropagation": "v1.MountPropagationMode",
  "Secret.type": "v1.SecretType",
  "NamespaceSpec.finalizers": "[]v1.FinalizerName",
  "ObjectMeta.uid": "types.UID",
  "OwnerReference.uid": "types.UID",
  "ObjectReference.uid": "types.UID",
  "DeploymentStrategy.type": "v1.DeploymentStrategyType",
  "StatefulSetSpec.podManagementPolicy": "v1.PodManagementPolicyType",
  "StatefulSetUpdateStrategy.type": "v1.StatefulSetUpdateStrategyType",
  "DaemonSetUpdateStrategy.type": "v1.DaemonSetUpdateStrategyType",
  "JobSpec.completionMode": "v1.CompletionMode",
  "CronJobSpec.concurrencyPolicy": "v1.ConcurrencyPolicy",
  "HTTPIngressPath.pathType": "v1.PathType",
  "NetworkPolicySpec.policyTypes": "[]v1.PolicyType",
};

/** Fields Go declares as []byte: base64 strings on the wire. */
const BYTES_FIELDS = new Set(["Secret.data", "ConfigMap.binaryData"]);

/** Named types that decode specially rather than as structs. */
const SPECIAL_TYPES: Record<string, string> = {
  Quantity: "quantity",
  Time: "time",
  MicroTime: "time",
  FieldsV1: "any",
  RawExtension: "any",
};

/** The kubernetes-types module of a kind ("core/v1", "apps/v1", "autoscaling/v2"). */
export function modulePath(info: KindInfo): string {
  return `${info.group === "" ? "core" : info.group.split(".")[0]}/${info.version}`;
}

/** One API package's full JSON Schema, as ts-json-schema-generator produced it. */
export interface PackageSchema {
  module: string;
  kinds: KindInfo[];
  definitions: Record<string, Definition>;
}

/** Runs ts-json-schema-generator once per API package (one run per package avoids name clashes). */
export function generateSchemas(kinds: readonly KindInfo[] = KINDS): PackageSchema[] {
  const byModule = new Map<string, KindInfo[]>();
  for (const info of kinds) {
    if (!exportsInterface(modulePath(info), info.kind)) continue;
    const list = byModule.get(modulePath(info)) ?? [];
    list.push(info);
    byModule.set(modulePath(info), list);
  }
  const out: PackageSchema[] = [];
  for (const [module, kinds] of [...byModule].sort(([a], [b]) => a.localeCompare(b))) {
    const entry = join(ROOT, "scripts", `.gen-schema-${module.replace("/", "-")}.ts`);
    const lines = [`import type { ${kinds.map((k) => k.kind).join(", ")} } from "kubernetes-types/${module}";`, "export interface Kinds {", ...kinds.map((k) => `  ${k.kind}: ${k.kind};`), "}"];
    writeFileSync(entry, lines.join("\n") + "\n");
    try {
      const schema = createGenerator({ path: entry, type: "Kinds", skipTypeCheck: true, expose: "all", topRef: true, jsDoc: "extended", tsconfig: join(ROOT, "tsconfig.sim.json") }).createSchema("Kinds");
      out.push({ module, kinds, definitions: (schema.definitions ?? {}) as Record<string, Definition> });
    } finally {
      rmSync(entry, { force: true });
    }
  }
  return out;
}

/** The compact table the simulation loads. */
export interface KnownFields {
  source: string;
  /** "apiVersion/Kind" → type id. */
  kinds: Record<string, string>;
  /** type id ("core/v1.PodSpec") → Go type name and field types. */
  types: Record<string, { go: string; fields: Record<string, string> }>;
}

/**
 * Reduces the JSON Schemas to field names and Go-like type expressions: "string", "bool", "int32",
 * "int64", "quantity", "intOrString", "time", "bytes", "any", "[]T", "map[string]T", or a type id;
 * "|v1.RestartPolicy" after an expression names the Go type when it is a named type.
 */
export function compactSchemas(packages: PackageSchema[]): KnownFields {
  const owners = interfaceOwners();
  const types: KnownFields["types"] = {};
  const kinds: Record<string, string> = {};
  for (const pkg of packages) {
    const idOf = (name: string) => `${ownerOf(name, pkg.module, owners)}.${name}`;
    for (const info of pkg.kinds) kinds[`${info.group ? `${info.group}/` : ""}${info.version}/${info.kind}`] = idOf(info.kind);
    for (const [name, def] of Object.entries(pkg.definitions)) {
      if (name === "Kinds" || SPECIAL_TYPES[name] || !def || typeof def !== "object" || !def.properties) continue;
      const id = idOf(name);
      if (types[id]) continue;
      const fields: Record<string, string> = {};
      for (const [field, prop] of Object.entries(def.properties)) {
        const key = `${name}.${field}`;
        const expr = BYTES_FIELDS.has(key) ? "map[string]bytes" : typeExpr(prop as Definition, field, idOf);
        fields[field] = GO_NAMED[key] ? `${expr}|${GO_NAMED[key]}` : expr;
      }
      types[id] = { go: `${goPackage(ownerOf(name, pkg.module, owners))}.${name}`, fields };
    }
  }
  const sortedTypes = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
  const version = JSON.parse(readFileSync(join(TYPES_DIR, "package.json"), "utf8")).version as string;
  return { source: `kubernetes-types@${version}`, kinds, types: sortedTypes };
}

function typeExpr(def: Definition, field: string, idOf: (name: string) => string): string {
  if (def.$ref) {
    const name = decodeURIComponent(def.$ref.replace("#/definitions/", ""));
    return SPECIAL_TYPES[name] ?? idOf(name);
  }
  const t = def.type;
  if (Array.isArray(t)) {
    if (t.includes("number") && t.includes("string")) return "intOrString";
    return "any";
  }
  switch (t) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
    case "integer":
      return INT64_FIELDS.has(field) ? "int64" : "int32";
    case "array":
      return `[]${def.items && !Array.isArray(def.items) && typeof def.items === "object" ? typeExpr(def.items as Definition, field, idOf) : "any"}`;
    case "object":
      if (def.additionalProperties && typeof def.additionalProperties === "object") return `map[string]${typeExpr(def.additionalProperties as Definition, field, idOf)}`;
      return "any";
    default:
      return "any";
  }
}

/** Which kubernetes-types modules export each interface name. */
export function interfaceOwners(): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  const modules = ["core/v1", "meta/v1", "apps/v1", "batch/v1", "autoscaling/v1", "autoscaling/v2", "coordination/v1", "discovery/v1", "networking/v1", "policy/v1", "scheduling/v1", "storage/v1"];
  for (const module of modules) {
    const text = readFileSync(join(TYPES_DIR, `${module}.d.ts`), "utf8");
    for (const m of text.matchAll(/export (?:interface|type) (\w+)/g)) owners.set(m[1], [...(owners.get(m[1]) ?? []), module]);
  }
  return owners;
}

/** The module a type name belongs to when several packages' schemas hold it (meta/v1, then core/v1). */
export function ownerOf(name: string, module: string, owners: Map<string, string[]>): string {
  const list = owners.get(name) ?? [];
  if (list.includes(module)) return module;
  if (list.includes("meta/v1")) return "meta/v1";
  if (list.includes("core/v1")) return "core/v1";
  return list[0] ?? module;
}

/** Go's package name for a module: the version ("v1", "v2"). */
function goPackage(module: string): string {
  return module.split("/")[1];
}

function exportsInterface(module: string, name: string): boolean {
  try {
    return new RegExp(`export interface ${name}\\b`).test(readFileSync(join(TYPES_DIR, `${module}.d.ts`), "utf8"));
  } catch {
    return false;
  }
}

/** The data file's text: a typed constant, one type per line to keep diffs readable. */
export function renderKnownFields(data: KnownFields): string {
  const lines = [
    "// Generated by scripts/gen-schema.ts from the kubernetes-types package. Do not edit: run `npx tsx scripts/gen-schema.ts`.",
    'import type { KnownFieldsTable } from "./known-fields";',
    "",
    "export const KNOWN_FIELDS: KnownFieldsTable = {",
    `  source: ${JSON.stringify(data.source)},`,
    `  kinds: ${JSON.stringify(data.kinds)},`,
    "  types: {",
  ];
  for (const [id, t] of Object.entries(data.types)) lines.push(`    ${JSON.stringify(id)}: ${JSON.stringify(t)},`);
  lines.push("  },", "};", "");
  return lines.join("\n");
}

/** Generates the data file's text from the installed packages. */
export function buildKnownFields(): string {
  return renderKnownFields(compactSchemas(generateSchemas()));
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv.includes("--editor")) {
  // The editor's schema (normally made by the Vite plugin in scripts/vite-kubernetes-schema.ts).
  // WARNING: no top-level await here: that module imports this one, and would wait for it forever.
  void import("./vite-kubernetes-schema").then(async ({ editorSchemaJson, SCHEMA_FILE }) => {
    await editorSchemaJson();
    console.log(`wrote ${SCHEMA_FILE}`);
  });
} else if (isMain) {
  const text = buildKnownFields();
  if (process.argv.includes("--check")) {
    const current = readFileSync(DATA_FILE, "utf8");
    if (current !== text) {
      console.error(`${DATA_FILE} is stale: run npx tsx scripts/gen-schema.ts`);
      process.exit(1);
    }
    console.log("known-fields.data.ts is up to date");
  } else {
    writeFileSync(DATA_FILE, text);
    console.log(`wrote ${DATA_FILE}`);
  }
}
