/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field builds them: one constructor per
 * error type, so validators read like Kubernetes' own (`required(path.child("image"))`).
 */
import { GoValue, type FieldError } from "../errors";

export type { FieldError };

/**
 * A field path ("spec.containers[0].image"), built with child/index/key like field.Path. The text is
 * made only when an error needs it: validation builds many paths and reports few.
 */
export class FieldPath {
  private text: string | undefined;

  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly seg: string,
    private readonly bracket: boolean,
  ) {}

  static root(...names: string[]): FieldPath {
    let p = new FieldPath(undefined, names[0] ?? "", false);
    for (const n of names.slice(1)) p = new FieldPath(p, n, false);
    return p;
  }

  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, name, false);
    for (const n of more) p = new FieldPath(p, n, false);
    return p;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, `[${i}]`, true);
  }

  key(k: string): FieldPath {
    return new FieldPath(this, `[${k}]`, true);
  }

  toString(): string {
    if (this.text === undefined) {
      const base = this.parent ? this.parent.toString() : "";
      this.text = this.bracket || base === "" ? `${base}${this.seg}` : this.seg === "" ? base : `${base}.${this.seg}`;
    }
    return this.text;
  }
}

export function required(path: FieldPath, detail = ""): FieldError {
  return { field: String(path), type: "Required value", detail: detail || undefined };
}

export function invalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return { field: String(path), type: "Invalid value", value, detail };
}

export function forbidden(path: FieldPath, detail: string): FieldError {
  return { field: String(path), type: "Forbidden", detail };
}

export function duplicate(path: FieldPath, value: unknown): FieldError {
  return { field: String(path), type: "Duplicate value", value };
}

export function notFound(path: FieldPath, value: unknown): FieldError {
  return { field: String(path), type: "Not found", value };
}

export function tooLong(path: FieldPath, maxLength: number): FieldError {
  return { field: String(path), type: "Too long", detail: `must have at most ${maxLength} bytes` };
}

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"` (in the order given). */
export function notSupported(path: FieldPath, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map((v) => JSON.stringify(v)).join(", ")}` : undefined;
  return { field: String(path), type: "Unsupported value", value, detail };
}

/** Each message of a string check as an Invalid error for the same field and value. */
export function invalidEach(path: FieldPath, value: unknown, messages: readonly string[]): FieldError[] {
  return messages.map((m) => invalid(path, value, m));
}

/** Go's %#v of a map[string]string, for errors that print whole label maps. */
export function goStringMap(m: Record<string, string> | undefined): GoValue {
  if (!m) return new GoValue("map[string]string(nil)");
  const body = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(", ");
  return new GoValue(`map[string]string{${body}}`);
}

/** Drops repeated messages, as ErrorList.ToAggregate does before an Invalid error is built. */
export function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.field}\u0000${e.type}\u0000${String(e.value)}\u0000${e.detail ?? ""}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
