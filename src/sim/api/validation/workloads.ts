/**
 * Workload validation (pkg/apis/apps/validation and pkg/apis/batch/validation): selectors that
 * match their templates, restart policies the controller can honour, strategies, counts, and the
 * fields that may not change once set.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { fromLabelSelector, matches } from "../labels";
import { GoValue } from "../errors";
import { FieldPath, forbidden, goStringMap, invalid, notSupported, required, type FieldError } from "./field";
import { isValidPercent } from "./names";
import { validatePodTemplateSpec } from "./pod-spec";
import { validateLabelSelector } from "./selectors";

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, path: FieldPath): FieldError[] {
  return (value ?? 0) < 0 ? [invalid(path, value, "must be greater than or equal to 0")] : [];
}

/** Go's %#v of a *v1.LabelSelector, as "field is immutable" errors print it. */
export function goLabelSelector(sel: LabelSelector | undefined): GoValue {
  if (!sel) return new GoValue("(*v1.LabelSelector)(nil)");
  const ml = sel.matchLabels ? goStringMap(sel.matchLabels).text : "map[string]string(nil)";
  const me = sel.matchExpressions && sel.matchExpressions.length > 0
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((r) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key)}, Operator:${JSON.stringify(r.operator)}, Values:[]string{${(r.values ?? []).map((v) => JSON.stringify(v)).join(", ")}}}`).join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return new GoValue(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}

/** The selector checks every apps workload shares: present, valid, not empty. */
export function validateWorkloadSelector(sel: LabelSelector | undefined, path: FieldPath, kindWord: string): FieldError[] {
  if (!sel) return [required(path)];
  const errs = validateLabelSelector(sel, path);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) errs.push(invalid(path, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet and friends: labels match the selector, restartPolicy Always. */
export function validateTemplateForController(template: PodTemplateSpec | undefined, sel: LabelSelector | undefined, path: FieldPath, kind: string): FieldError[] {
  if (!template) return [required(path)];
  const errs: FieldError[] = [];
  if (sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0) && !matches(fromLabelSelector(sel), template.metadata?.labels)) {
    errs.push(invalid(path.child("metadata", "labels"), goStringMap(template.metadata?.labels), "`selector` does not match template `labels`"));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const policy = template.spec?.restartPolicy ?? "";
  if (policy !== "Always") errs.push(notSupported(path.child("spec", "restartPolicy"), policy, ["Always"]));
  if (template.spec?.activeDeadlineSeconds !== undefined) errs.push(forbidden(path.child("spec", "activeDeadlineSeconds"), `activeDeadlineSeconds in ${kind} is not Supported`));
  return errs;
}

/** An int-or-percent field: a non-negative integer or a percentage up to 100% where asked. */
export function validateIntOrPercent(value: number | string | undefined, path: FieldPath, maxPercent = true): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === "number") return nonNegative(value, path);
  const msgs = isValidPercent(value);
  if (msgs.length > 0) return msgs.map((m) => invalid(path, value, m));
  const pct = Number(value.slice(0, -1));
  if (maxPercent && pct > 100) return [invalid(path, value, "must not be greater than 100%")];
  return [];
}

function isZeroIntOrPercent(v: number | string | undefined): boolean {
  return v === undefined || v === 0 || v === "0%";
}

/** ValidateDeploymentStrategy. */
export function validateDeploymentStrategy(strategy: Record<string, any> | undefined, path: FieldPath): FieldError[] {
  const s = strategy ?? {};
  const errs: FieldError[] = [];
  switch (s.type) {
    case "Recreate":
      if (s.rollingUpdate) errs.push(forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case "RollingUpdate":
      if (!s.rollingUpdate) errs.push(required(path.child("rollingUpdate"), "this should be defaulted and never be nil"));
      else {
        const ru = s.rollingUpdate;
        const p = path.child("rollingUpdate");
        errs.push(...validateIntOrPercent(ru.maxUnavailable, p.child("maxUnavailable")), ...validateIntOrPercent(ru.maxSurge, p.child("maxSurge"), false));
        if (isZeroIntOrPercent(ru.maxUnavailable) && isZeroIntOrPercent(ru.maxSurge)) errs.push(invalid(p.child("maxUnavailable"), ru.maxUnavailable ?? 0, "may not be 0 when `maxSurge` is 0"));
      }
      break;
    default:
      errs.push(notSupported(path.child("type"), s.type ?? "", ["Recreate", "RollingUpdate"]));
  }
  return errs;
}

/** A 5-field cron schedule (or an @-descriptor) as robfig/cron's ParseStandard accepts it. */
export function cronScheduleError(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s.startsWith("@")) {
    if (["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"].includes(s)) return undefined;
    if (s.startsWith("@every ")) return /^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s) ? undefined : `failed to parse duration ${s}`;
    return `unrecognized descriptor: ${s}`;
  }
  const body = s.replace(/^(CRON_)?TZ=\S+\s+/, "");
  const fields = body.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: ${JSON.stringify(fields).replace(/"/g, "").replace(/,/g, " ")}`;
  const bounds: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
  const names = [undefined, undefined, undefined, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]];
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(",")) {
      const err = cronRangeError(part, bounds[i], names[i]);
      if (err) return err;
    }
  }
  return undefined;
}

function cronRangeError(expr: string, [min, max]: [number, number], names: string[] | undefined): string | undefined {
  const [range, step] = expr.split("/");
  if (step !== undefined && !/^\d+$/.test(step)) return `failed to parse int from ${step}: strconv.Atoi: parsing ${JSON.stringify(step)}: invalid syntax`;
  if (range === "*" || range === "?") return undefined;
  const value = (v: string): number | string => {
    const idx = names?.indexOf(v.toLowerCase()) ?? -1;
    if (idx >= 0) return idx + (min === 1 ? 1 : 0);
    if (!/^\d+$/.test(v)) return `failed to parse int from ${v}: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`;
    return Number(v);
  };
  const [lo, hi] = range.split("-");
  const start = value(lo);
  if (typeof start === "string") return start;
  const end = hi === undefined ? start : value(hi);
  if (typeof end === "string") return end;
  if (start < min) return `beginning of range (${start}) below minimum (${min}): ${expr}`;
  if (end > max) return `end of range (${end}) above maximum (${max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}
