import { describe, expect, it } from "vitest";
import { formatFieldError } from "../errors";
import { FieldPath } from "./field";
import { nameIsDNSSubdomain } from "./names";
import { validateObjectMeta, validateObjectMetaUpdate } from "./objectmeta";

const msgs = (errs: ReturnType<typeof validateObjectMeta>) => errs.map(formatFieldError);

describe("object metadata validation", () => {
  it("requires a name and checks namespace, labels, annotations, finalizers and owners", () => {
    expect(msgs(validateObjectMeta({}, true, nameIsDNSSubdomain))).toEqual(["metadata.name: Required value: name or generateName is required", "metadata.namespace: Required value"]);
    expect(msgs(validateObjectMeta({ name: "a", namespace: "x" }, false, nameIsDNSSubdomain))).toEqual(["metadata.namespace: Forbidden: not allowed on this type"]);
    expect(msgs(validateObjectMeta({ name: "a", namespace: "d", annotations: { "bad key": "v" } }, true, nameIsDNSSubdomain))[0]).toMatch(/^metadata.annotations: Invalid value: "bad key": name part must consist of/);
    expect(msgs(validateObjectMeta({ name: "a", namespace: "d", finalizers: ["cleanup"] }, true, nameIsDNSSubdomain))).toEqual([
      'metadata.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
    const owners = [
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: "a", uid: "1", controller: true },
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: "b", uid: "" , controller: true },
    ];
    expect(msgs(validateObjectMeta({ name: "p", namespace: "d", ownerReferences: owners }, true, nameIsDNSSubdomain))).toEqual([
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
      'metadata.ownerReferences: Invalid value: []v1.OwnerReference{...}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
    ]);
  });

  it("accepts generateName prefixes ending in a dash", () => {
    expect(validateObjectMeta({ generateName: "web-", name: "web-x2b9k", namespace: "d" }, true, nameIsDNSSubdomain)).toEqual([]);
  });

  it("forbids new finalizers on an object being deleted", () => {
    expect(msgs(validateObjectMetaUpdate({ name: "a", finalizers: ["example.com/a", "example.com/b"] }, { name: "a", deletionTimestamp: "2025-01-01T00:00:00Z", finalizers: ["example.com/a"] }, FieldPath.root("metadata")))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b"}',
    ]);
  });
});
