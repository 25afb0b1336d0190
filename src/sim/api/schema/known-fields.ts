/**
 * The known fields and Go types of every served kind, compiled from the generated table
 * (known-fields.data.ts, written by scripts/gen-schema.ts from the `kubernetes-types` package) into
 * type nodes the decoder walks. Struct fields are resolved lazily, so loading costs nothing until a
 * kind is first decoded.
 */
import { KNOWN_FIELDS as data } from "./known-fields.data";

/** A scalar the decoder checks by JSON type. */
export type ScalarKind = "string" | "bool" | "int32" | "int64" | "quantity" | "intOrString" | "time" | "bytes" | "any";

export type TypeNode =
  | { kind: ScalarKind; go: string }
  | { kind: "array"; elem: TypeNode; go: string }
  | { kind: "map"; elem: TypeNode; go: string }
  | StructNode;

/** A Go struct: its name ("PodSpec"), Go type ("v1.PodSpec") and fields by JSON name. */
export interface StructNode {
  kind: "struct";
  id: string;
  name: string;
  go: string;
  readonly fields: ReadonlyMap<string, TypeNode>;
}

/** The generated table: served kinds and struct types with their fields' type expressions. */
export interface KnownFieldsTable {
  source: string;
  /** "apiVersion/Kind" → type id. */
  kinds: Record<string, string>;
  /** type id ("core/v1.PodSpec") → Go type name and field type expressions. */
  types: Record<string, { go: string; fields: Record<string, string> }>;
}

const TYPES = data.types;
const KINDS = data.kinds;

const SCALAR_GO: Record<ScalarKind, string> = {
  string: "string",
  bool: "bool",
  int32: "int32",
  int64: "int64",
  quantity: "resource.Quantity",
  intOrString: "intstr.IntOrString",
  time: "v1.Time",
  bytes: "[]uint8",
  any: "interface {}",
};

const structs = new Map<string, StructNode>();

/** The struct node of a type id ("core/v1.PodSpec"). */
function structNode(id: string): StructNode {
  const existing = structs.get(id);
  if (existing) return existing;
  const t = TYPES[id];
  let fields: Map<string, TypeNode> | undefined;
  const node: StructNode = {
    kind: "struct",
    id,
    name: t.go.slice(t.go.indexOf(".") + 1),
    go: t.go,
    get fields() {
      if (!fields) fields = new Map(Object.entries(t.fields).map(([f, expr]) => [f, parseExpr(expr)]));
      return fields;
    },
  };
  structs.set(id, node);
  return node;
}

/** Parses a type expression of the table ("[]core/v1.Container", "map[string]quantity|v1.ResourceList"). */
function parseExpr(expr: string, goOverride?: string): TypeNode {
  const bar = expr.indexOf("|");
  if (bar >= 0) return parseExpr(expr.slice(0, bar), expr.slice(bar + 1));
  if (expr.startsWith("[]")) {
    const elem = parseExpr(expr.slice(2), goOverride?.startsWith("[]") ? goOverride.slice(2) : undefined);
    return { kind: "array", elem, go: goOverride ?? `[]${elem.go}` };
  }
  if (expr.startsWith("map[string]")) {
    const elem = parseExpr(expr.slice("map[string]".length));
    return { kind: "map", elem, go: goOverride ?? `map[string]${elem.go}` };
  }
  if (expr in SCALAR_GO) return { kind: expr as ScalarKind, go: goOverride ?? SCALAR_GO[expr as ScalarKind] };
  if (TYPES[expr]) return structNode(expr);
  return { kind: "any", go: "interface {}" };
}

/** The struct node of a served kind, or undefined when the table does not know it. */
export function kindType(apiVersion: string, kind: string): StructNode | undefined {
  const id = KINDS[`${apiVersion}/${kind}`];
  return id ? structNode(id) : undefined;
}

/** The struct node of a type id, for tests and tools. */
export function typeById(id: string): StructNode | undefined {
  return TYPES[id] ? structNode(id) : undefined;
}
