/**
 * The comparison functions JSONPath filters use (client-go's fork of text/template's eq, lt, ...):
 * both sides must be of the same basic kind (bool, int, float, string), or the comparison fails with
 * "incompatible types for comparison"; ordering booleans fails with "invalid type for comparison".
 */

/** A float literal from a template (`1.0`): a float64 even when its value is whole. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A byte of a string reached by `[*]` or `..`: Go indexes strings by byte. */
export class GoByte {
  constructor(readonly value: number) {}
}

/** An int literal from a template: Go's int (data numbers are int64, but both are the int kind). */
export class GoInt {
  constructor(readonly value: number) {}
}

type Kind = "bool" | "int" | "uint" | "float" | "string";

export class ComparisonError extends Error {}

function basicKind(v: unknown): Kind {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (v instanceof GoInt) return "int";
  if (v instanceof GoFloat) return "float";
  if (v instanceof GoByte) return "uint";
  throw new ComparisonError("invalid type for comparison");
}

function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (v instanceof GoInt || v instanceof GoFloat || v instanceof GoByte) return v.value;
  return NaN;
}

export function equal(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) return num(a) === num(b);
    throw new ComparisonError("incompatible types for comparison");
  }
  if (k1 === "bool" || k1 === "string") return a === b;
  return num(a) === num(b);
}

export function less(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) return num(a) < num(b);
    throw new ComparisonError("incompatible types for comparison");
  }
  if (k1 === "bool") throw new ComparisonError("invalid type for comparison");
  if (k1 === "string") return (a as string) < (b as string);
  return num(a) < num(b);
}

/** Applies a filter operator as client-go's evalFilter does. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case "<":
      return less(a, b);
    case ">":
      return less(b, a);
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
    case "<=":
      return less(a, b) || equal(a, b);
    case ">=":
      return less(b, a) || equal(a, b);
    default:
      throw new ComparisonError(`unrecognized filter operator ${op}`);
  }
}
