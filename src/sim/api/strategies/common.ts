/**
 * Pieces every kind's strategy is built from: decoding against the known-fields table, object
 * metadata validation, pod template defaulting, and status resets on create.
 */
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { apiVersionOf, kindInfo } from "../kinds";
import { decodeObject, type DecodeResult } from "../schema/decode";
import { kindType } from "../schema/known-fields";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { deepClone, deepEqual } from "../../util/object";
import { dedupe, type FieldError } from "../validation/field";
import { nameIsDNSSubdomain, type NameValidator } from "../validation/names";
import { validateObjectMeta, validateObjectMetaUpdate } from "../validation/objectmeta";
import { defaultPodSpec } from "./pod-defaults";

/** The decode hook of a kind: the API server's JSON decoding over the generated field table. */
export function schemaDecoder(kind: string): (obj: KObject) => DecodeResult {
  const info = kindInfo(kind);
  const type = info ? kindType(apiVersionOf(info), kind) : undefined;
  if (!type) return () => ({ unknownFields: [] });
  return (obj) => decodeObject(obj as Record<string, unknown>, type);
}

/** A strategy that decodes, validates metadata with `nameFn`, and runs the kind's own checks. */
export function basicStrategy(
  kind: string,
  parts: {
    nameFn?: NameValidator;
    defaults?: (obj: KObject) => void;
    validate?: (obj: KObject) => FieldError[];
    validateUpdate?: (obj: KObject, old: KObject) => FieldError[];
    initialStatus?: (obj: KObject) => void;
  } = {},
): KindStrategy {
  const info = kindInfo(kind)!;
  const nameFn = parts.nameFn ?? nameIsDNSSubdomain;
  const validate = parts.validate ?? (() => []);
  return {
    decode: schemaDecoder(kind),
    defaults: parts.defaults,
    validateCreate: (obj) => dedupe([...validateObjectMeta(obj.metadata, info.namespaced, nameFn), ...validate(obj)]),
    validateUpdate: (obj, old) => dedupe([...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateObjectMeta(obj.metadata, info.namespaced, nameFn), ...validate(obj), ...(parts.validateUpdate?.(obj, old) ?? [])]),
    initialStatus: parts.initialStatus,
  };
}

/**
 * Defaults a pod template: SetDefaults_PodSpec and its contents, and `creationTimestamp: null` in the
 * template's metadata, which the v1.31 API server always serializes there.
 */
export function defaultPodTemplate(template: PodTemplateSpec | undefined): void {
  if (!template) return;
  template.metadata = { creationTimestamp: null as unknown as string, ...template.metadata };
  if (template.spec) defaultPodSpec(template.spec);
}

/** Replaces an object's status with the zero status its kind starts with (PrepareForCreate). */
export function resetStatus(status: Record<string, unknown>): (obj: KObject) => void {
  return (obj) => {
    obj.status = structuredCloneJSON(status);
  };
}

function structuredCloneJSON<T>(v: T): T {
  return deepClone(v);
}

/** Deep equality for validation rules on JSON data; absent and null are the same. */
export function sameJSON(a: unknown, b: unknown): boolean {
  return deepEqual(a ?? null, b ?? null);
}
