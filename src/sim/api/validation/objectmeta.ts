/**
 * Object metadata validation (apimachinery's ValidateObjectMeta and ValidateObjectMetaUpdate, plus
 * core's finalizer-name rule): names, namespaces, labels, annotations, finalizers, owner references.
 */
import type { ObjectMeta, OwnerReference } from "kubernetes-types/meta/v1";
import { GoValue } from "../errors";
import { FieldPath, forbidden, invalid, invalidEach, required, tooLong, type FieldError } from "./field";
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, type NameValidator } from "./names";

/** The largest total size of an object's annotations (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/** ValidateLabels: every key a qualified name, every value a label value. */
export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...validateLabelName(k, path));
    errs.push(...invalidEach(path, v, isValidLabelValue(v)));
  }
  return errs;
}

/** ValidateLabelName: a label key (also taint and toleration keys, topology keys). */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return invalidEach(path, name, isQualifiedName(name));
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); the total stays under 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    errs.push(...invalidEach(path, k, isQualifiedName(k.toLowerCase())));
    size += k.length + v.length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** ValidateFinalizers with core's rule that unqualified names must be standard ones. */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!finalizers) return errs;
  for (const f of finalizers) {
    errs.push(...invalidEach(path, f, isQualifiedName(f)));
    if (!f.includes("/") && !STANDARD_FINALIZERS.has(f)) errs.push(invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified"));
  }
  if (finalizers.includes("orphan") && finalizers.includes("foregroundDeletion")) {
    errs.push(invalid(path, goStrings(finalizers), "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return errs;
}

/** ValidateOwnerReferences: each reference complete, at most one controller. */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!refs) return errs;
  let firstController = "";
  for (const ref of refs) {
    const version = (ref.apiVersion ?? "").split("/").pop() ?? "";
    if (!version) errs.push(invalid(path.child("apiVersion"), ref.apiVersion ?? "", "version must not be empty"));
    if (!ref.kind) errs.push(invalid(path.child("kind"), ref.kind ?? "", "kind must not be empty"));
    if (!ref.name) errs.push(invalid(path.child("name"), ref.name ?? "", "name must not be empty"));
    if (!ref.uid) errs.push(invalid(path.child("uid"), ref.uid ?? "", "uid must not be empty"));
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(invalid(path, new GoValue("[]v1.OwnerReference{...}"), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

/**
 * ValidateObjectMeta on create. `nameFn` checks the name; `requiresNamespace` says whether the
 * kind is namespaced (a cluster-scoped object may not carry one).
 */
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: NameValidator, path = FieldPath.root("metadata")): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) errs.push(...invalidEach(path.child("generateName"), meta.generateName, nameFn(meta.generateName, true)));
  if (!meta.name) errs.push(required(path.child("name"), "name or generateName is required"));
  else errs.push(...invalidEach(path.child("name"), meta.name, nameFn(meta.name, false)));
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(required(path.child("namespace")));
    else errs.push(...invalidEach(path.child("namespace"), meta.namespace, nameIsDNSLabel(meta.namespace, false)));
  } else if (meta.namespace) {
    errs.push(forbidden(path.child("namespace"), "not allowed on this type"));
  }
  if ((meta.generation ?? 0) < 0) errs.push(invalid(path.child("generation"), meta.generation, "must be greater than or equal to 0"));
  errs.push(...validateLabels(meta.labels, path.child("labels")));
  errs.push(...validateAnnotations(meta.annotations, path.child("annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child("ownerReferences")));
  errs.push(...validateFinalizers(meta.finalizers, path.child("finalizers")));
  return errs;
}

/** ValidateObjectMetaUpdate: no new finalizers while deleting; labels, annotations and owners stay valid. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path = FieldPath.root("metadata")): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const before = new Set(old.finalizers ?? []);
    const extra = [...new Set((meta.finalizers ?? []).filter((f) => !before.has(f)))].sort();
    if (extra.length > 0) errs.push(forbidden(path.child("finalizers"), `no new finalizers can be added if the object is being deleted, found new finalizers ${goStrings(extra).text}`));
  }
  errs.push(...validateLabels(meta.labels, path.child("labels")));
  errs.push(...validateAnnotations(meta.annotations, path.child("annotations")));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child("ownerReferences")));
  errs.push(...validateFinalizers(meta.finalizers, path.child("finalizers")));
  return errs;
}

/** Go's %#v of a []string. */
export function goStrings(items: readonly string[]): GoValue {
  return new GoValue(`[]string{${items.map((s) => JSON.stringify(s)).join(", ")}}`);
}

/** ValidateImmutableField: "field is immutable" when the value changed. */
export function validateImmutableField(value: unknown, old: unknown, path: FieldPath, same: (a: unknown, b: unknown) => boolean): FieldError[] {
  return same(value, old) ? [] : [invalid(path, immutableValue(value), "field is immutable")];
}

function immutableValue(v: unknown): unknown {
  if (v === undefined || v === null) return new GoValue("null");
  if (typeof v === "object") return new GoValue(JSON.stringify(v));
  return v;
}
