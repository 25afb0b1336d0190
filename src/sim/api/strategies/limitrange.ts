/**
 * The LimitRange strategy: Container limits default from max and requests from default or min
 * (SetDefaults_LimitRangeItem), and ValidateLimitRange's consistency rules with their messages.
 */
import type { LimitRange, LimitRangeItem } from "kubernetes-types/core/v1";
import { GoValue } from "../errors";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, duplicate, forbidden, invalid, invalidEach, required, type FieldError } from "../validation/field";
import { isQualifiedName } from "../validation/names";
import { cmpQuantity, formatQuantity, mustParse, type Quantity } from "../validation/quantity";
import { isOvercommitAllowed, validateContainerResourceName, validateResourceName } from "../validation/resources";
import { basicStrategy } from "./common";

const LIMIT_TYPES = ["Pod", "Container", "PersistentVolumeClaim"];

/** SetDefaults_LimitRangeItem for Container items. */
export function defaultLimitRangeItem(item: LimitRangeItem): void {
  if (item.type !== "Container") return;
  item.default = { ...item.default };
  item.defaultRequest = { ...item.defaultRequest };
  for (const [k, v] of Object.entries(item.max ?? {})) if (item.default[k] === undefined) item.default[k] = v;
  for (const [k, v] of Object.entries(item.default)) if (item.defaultRequest[k] === undefined) item.defaultRequest[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (item.defaultRequest[k] === undefined) item.defaultRequest[k] = v;
}

function validateResourceNameFor(type: string, name: string, path: FieldPath): FieldError[] {
  return type === "Pod" || type === "Container" ? validateContainerResourceName(name, path) : validateResourceName(name, path);
}

function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = FieldPath.root("spec", "limits").index(i);
    const type = item.type ?? "";
    const typeErrs = invalidEach(p.child("type"), type, isQualifiedName(type));
    if (typeErrs.length === 0 && !type.includes("/") && !LIMIT_TYPES.includes(type)) typeErrs.push(invalid(p.child("type"), type, "must be a standard limit type or fully qualified"));
    errs.push(...typeErrs);
    if (types.has(type)) errs.push(duplicate(p.child("type"), type));
    types.add(type);
    const q = new Map<string, Map<string, Quantity>>();
    const collect = (field: "max" | "min" | "default" | "defaultRequest" | "maxLimitRequestRatio") => {
      const m = new Map<string, Quantity>();
      for (const [k, v] of Object.entries(item[field] ?? {})) {
        errs.push(...validateResourceNameFor(type, k, p.child(field).key(k)));
        m.set(k, mustParse(v));
      }
      q.set(field, m);
    };
    collect("max");
    collect("min");
    if (type === "Pod") {
      if (Object.keys(item.default ?? {}).length > 0) errs.push(forbidden(p.child("default"), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length > 0) errs.push(forbidden(p.child("defaultRequest"), "may not be specified when `type` is 'Pod'"));
      q.set("default", new Map());
      q.set("defaultRequest", new Map());
    } else {
      collect("default");
      collect("defaultRequest");
    }
    if (type === "PersistentVolumeClaim" && !item.min?.storage && !item.max?.storage) {
      errs.push(required(p.child("limits"), "either minimum or maximum storage value is required, but neither was provided"));
    }
    collect("maxLimitRequestRatio");
    const keys = new Set([...q.values()].flatMap((m) => [...m.keys()]));
    for (const k of keys) {
      const min = q.get("min")!.get(k);
      const max = q.get("max")!.get(k);
      const def = q.get("default")!.get(k);
      const defReq = q.get("defaultRequest")!.get(k);
      const ratio = q.get("maxLimitRequestRatio")!.get(k);
      const s = (x: Quantity) => formatQuantity(x);
      // Go passes the Quantity values themselves, which print unquoted.
      const v = (x: Quantity) => new GoValue(formatQuantity(x));
      if (min && max && cmpQuantity(min, max) > 0) errs.push(invalid(p.child("min").key(k), v(min), `min value ${s(min)} is greater than max value ${s(max)}`));
      if (defReq && min && cmpQuantity(min, defReq) > 0) errs.push(invalid(p.child("defaultRequest").key(k), v(defReq), `min value ${s(min)} is greater than default request value ${s(defReq)}`));
      if (defReq && max && cmpQuantity(defReq, max) > 0) errs.push(invalid(p.child("defaultRequest").key(k), v(defReq), `default request value ${s(defReq)} is greater than max value ${s(max)}`));
      if (defReq && def && cmpQuantity(defReq, def) > 0) errs.push(invalid(p.child("defaultRequest").key(k), v(defReq), `default request value ${s(defReq)} is greater than default limit value ${s(def)}`));
      if (def && min && cmpQuantity(min, def) > 0) errs.push(invalid(p.child("default").key(k), v(min), `min value ${s(min)} is greater than default value ${s(def)}`));
      if (def && max && cmpQuantity(def, max) > 0) errs.push(invalid(p.child("default").key(k), v(max), `default value ${s(def)} is greater than max value ${s(max)}`));
      if (ratio && cmpQuantity(ratio, mustParse("1")) < 0) errs.push(invalid(p.child("maxLimitRequestRatio").key(k), v(ratio), `ratio ${s(ratio)} is less than 1`));
      if (ratio && min && max) {
        const limit = Number(formatQuantityValue(max)) / Number(formatQuantityValue(min));
        if (Number(formatQuantityValue(ratio)) > limit) errs.push(invalid(p.child("maxLimitRequestRatio").key(k), v(ratio), `ratio ${s(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
      }
      if (!isOvercommitAllowed(k) && def && defReq && cmpQuantity(def, defReq) !== 0) {
        errs.push(invalid(p.child("defaultRequest").key(k), v(defReq), `default value ${s(def)} must equal to defaultRequest value ${s(defReq)} in ${k}`));
      }
    }
  });
  return errs;
}

function formatQuantityValue(q: Quantity): number {
  return Number(q.mantissa) * 10 ** q.exponent;
}

export const limitRangeStrategy: KindStrategy = basicStrategy("LimitRange", {
  defaults(obj: KObject) {
    for (const item of (obj.spec?.limits ?? []) as LimitRangeItem[]) defaultLimitRangeItem(item);
  },
  validate: (obj) => validateLimitRange(obj as LimitRange),
});
