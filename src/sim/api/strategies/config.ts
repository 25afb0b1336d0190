/**
 * ConfigMap and Secret strategies: valid keys, the 1 MiB size limit, `immutable`, and for Secrets the
 * Opaque default type, stringData folded into base64 data, and the keys each type requires.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, forbidden, invalid, invalidEach, required, tooLong, type FieldError } from "../validation/field";
import { isConfigMapKey } from "../validation/names";
import { basicStrategy, sameJSON } from "./common";
import { base64DecodedLength, encodeBase64 } from "../../util/base64";

/** core.MaxSecretSize: 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;

function validateConfigMap(cm: KObject): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries((cm.data ?? {}) as Record<string, string>)) {
    errs.push(...invalidEach(FieldPath.root("data").key(k), k, isConfigMapKey(k)));
    if (cm.binaryData?.[k] !== undefined) errs.push(invalid(FieldPath.root("data").key(k), k, "duplicate of key present in binaryData"));
    size += v.length;
  }
  for (const [k, v] of Object.entries((cm.binaryData ?? {}) as Record<string, string>)) {
    errs.push(...invalidEach(FieldPath.root("binaryData").key(k), k, isConfigMapKey(k)));
    size += base64DecodedLength(v);
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong(FieldPath.root(""), MAX_SECRET_SIZE));
  return errs;
}

function validateImmutable(obj: KObject, old: KObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden(FieldPath.root("immutable"), "field is immutable when `immutable` is set"));
  for (const f of fields) if (!sameJSON(obj[f], old[f])) errs.push(forbidden(FieldPath.root(f), "field is immutable when `immutable` is set"));
  return errs;
}

export const configMapStrategy: KindStrategy = basicStrategy("ConfigMap", {
  validate: validateConfigMap,
  validateUpdate: (obj, old) => validateImmutable(obj, old, ["data", "binaryData"]),
});

const REQUIRED_SECRET_KEYS: Record<string, string[]> = {
  "kubernetes.io/dockercfg": [".dockercfg"],
  "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
  "kubernetes.io/ssh-auth": ["ssh-privatekey"],
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
};

function validateSecret(secret: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = (secret.data ?? {}) as Record<string, string>;
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...invalidEach(FieldPath.root("data").key(k), k, isConfigMapKey(k)));
    size += base64DecodedLength(v);
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong(FieldPath.root("data"), MAX_SECRET_SIZE));
  const type = secret.type ?? "Opaque";
  if (type === "kubernetes.io/service-account-token" && !secret.metadata.annotations?.["kubernetes.io/service-account.name"]) {
    errs.push(required(FieldPath.root("metadata", "annotations").key("kubernetes.io/service-account.name")));
  }
  if (type === "kubernetes.io/basic-auth" && data.username === undefined && data.password === undefined) {
    errs.push(required(FieldPath.root("data").key("username")), required(FieldPath.root("data").key("password")));
  }
  for (const key of REQUIRED_SECRET_KEYS[type] ?? []) if (data[key] === undefined) errs.push(required(FieldPath.root("data").key(key)));
  return errs;
}

export const secretStrategy: KindStrategy = basicStrategy("Secret", {
  defaults(obj) {
    if (!obj.type) obj.type = "Opaque";
    // The v1 conversion writes stringData over data, base64-encoded, and keeps no stringData.
    if (obj.stringData) {
      obj.data = { ...obj.data };
      for (const [k, v] of Object.entries(obj.stringData as Record<string, string>)) obj.data[k] = encodeBase64(v);
      delete obj.stringData;
    }
  },
  validate: validateSecret,
  validateUpdate: (obj, old) => [
    ...(obj.type !== old.type ? [invalid(FieldPath.root("type"), obj.type ?? "", "field is immutable")] : []),
    ...validateImmutable(obj, old, ["data"]),
  ],
});
