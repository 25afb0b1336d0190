/**
 * Strategies of kinds with little of their own: ServiceAccount, Event, Lease, PodTemplate,
 * ControllerRevision, IngressClass — decoding, metadata validation and the odd default.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, required, type FieldError } from "../validation/field";
import { validatePodTemplateSpec } from "../validation/pod-spec";
import { basicStrategy, defaultPodTemplate, sameJSON } from "./common";
import { GoValue } from "../errors";

export const serviceAccountStrategy: KindStrategy = basicStrategy("ServiceAccount");

export const eventStrategy: KindStrategy = basicStrategy("Event", {
  validate(ev: KObject): FieldError[] {
    const ns = ev.involvedObject?.namespace;
    if (ns && ns !== ev.metadata.namespace) return [invalid(FieldPath.root("involvedObject", "namespace"), ns, "does not match event.namespace")];
    return [];
  },
});

export const leaseStrategy: KindStrategy = basicStrategy("Lease");

export const podTemplateStrategy: KindStrategy = basicStrategy("PodTemplate", {
  defaults: (obj) => defaultPodTemplate(obj.template),
  validate: (obj) => validatePodTemplateSpec(obj.template, FieldPath.root("template")),
});

export const controllerRevisionStrategy: KindStrategy = basicStrategy("ControllerRevision", {
  validate: (obj) => ((obj.revision ?? 0) < 0 ? [invalid(FieldPath.root("revision"), obj.revision, "must be greater than or equal to 0")] : []),
  validateUpdate: (obj, old) => (sameJSON(obj.data, old.data) ? [] : [invalid(FieldPath.root("data"), new GoValue("runtime.RawExtension{...}"), "field is immutable")]),
});

export const ingressClassStrategy: KindStrategy = basicStrategy("IngressClass", {
  validate: (obj) => (obj.spec?.controller ? [] : [required(FieldPath.root("spec", "controller"))]),
  validateUpdate: (obj, old) => (obj.spec?.controller === old.spec?.controller ? [] : [invalid(FieldPath.root("spec", "controller"), obj.spec?.controller ?? "", "field is immutable")]),
});
