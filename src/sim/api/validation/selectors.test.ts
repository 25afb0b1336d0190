import { describe, expect, it } from "vitest";
import { formatFieldError } from "../errors";
import { FieldPath } from "./field";
import { validateLabelSelector, validateObjectFieldSelector } from "./selectors";

describe("selector validation", () => {
  it("checks label selector requirements", () => {
    const errs = validateLabelSelector({ matchExpressions: [{ key: "app", operator: "In" }, { key: "tier", operator: "Exists", values: ["x"] }, { key: "x", operator: "Near" }] }, FieldPath.root("spec", "selector"));
    expect(errs.map(formatFieldError)).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
    ]);
  });

  it("checks downward API field paths", () => {
    const env = ["metadata.name", "status.podIP"];
    expect(validateObjectFieldSelector({ apiVersion: "v1", fieldPath: "metadata.name" }, env, FieldPath.root("f"))).toEqual([]);
    expect(validateObjectFieldSelector({ apiVersion: "v1", fieldPath: "spec.foo" }, env, FieldPath.root("f")).map(formatFieldError)).toEqual([
      'f.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo',
    ]);
    expect(validateObjectFieldSelector({ apiVersion: "v1", fieldPath: "status.phase" }, env, FieldPath.root("f")).map(formatFieldError)).toEqual([
      'f.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "status.podIP"',
    ]);
    expect(validateObjectFieldSelector({ apiVersion: "v1", fieldPath: "metadata.labels['app']" }, env, FieldPath.root("f"))).toEqual([]);
  });
});
