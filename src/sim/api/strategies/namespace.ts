/**
 * The Namespace strategy: the kubernetes.io/metadata.name label, the "kubernetes" finalizer the
 * namespace controller removes when the namespace is emptied, and phase Active on creation.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, invalidEach, type FieldError } from "../validation/field";
import { isQualifiedName, nameIsDNSLabel } from "../validation/names";
import { basicStrategy } from "./common";

/** The label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

function validateNamespaceSpec(ns: KObject): FieldError[] {
  const path = FieldPath.root("spec", "finalizers");
  return ((ns.spec?.finalizers ?? []) as string[]).flatMap((f) => [
    ...invalidEach(path, f, isQualifiedName(f)),
    ...(!f.includes("/") && f !== "kubernetes" ? [invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified")] : []),
  ]);
}

export const namespaceStrategy: KindStrategy = {
  ...basicNamespaceStrategy(),
  // A deleted namespace stays Terminating until the namespace controller has emptied it and
  // cleared spec.finalizers.
  holdDeletion: (obj) => (obj.spec?.finalizers ?? []).length > 0,
  prepareForDeletion(obj) {
    obj.status = { ...obj.status, phase: "Terminating" };
  },
};

function basicNamespaceStrategy(): KindStrategy {
  return basicStrategy("Namespace", {
  nameFn: nameIsDNSLabel,
  defaults(obj) {
    if (obj.metadata.name) obj.metadata.labels = { ...obj.metadata.labels, [NAMESPACE_NAME_LABEL]: obj.metadata.name };
  },
  validate: validateNamespaceSpec,
  initialStatus(obj) {
    const finalizers: string[] = obj.spec?.finalizers ?? [];
    obj.spec = { ...obj.spec, finalizers: finalizers.includes("kubernetes") ? finalizers : [...finalizers, "kubernetes"] };
    obj.status = { phase: "Active" };
  },
  });
}
