/**
 * Selector validation: label selectors (matchLabels, matchExpressions) and the downward API's field
 * and resource selectors, with Kubernetes' messages.
 */
import type { ObjectFieldSelector, ResourceFieldSelector } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { FieldPath, forbidden, invalid, invalidEach, notSupported, required, type FieldError } from "./field";
import { isQualifiedName, isValidLabelValue } from "./names";
import { validateLabelName, validateLabels } from "./objectmeta";
import { formatQuantity, mustParse } from "./quantity";

/** ValidateLabelSelector. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: FieldPath): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child("matchLabels"));
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const p = path.child("matchExpressions").index(i);
    const values = r.values ?? [];
    switch (r.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) errs.push(required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) errs.push(forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(p.child("operator"), r.operator ?? "", "not a valid selector operator"));
    }
    errs.push(...validateLabelName(r.key ?? "", p.child("key")));
    values.forEach((v, j) => errs.push(...invalidEach(p.child("values").index(j), v, isValidLabelValue(v))));
  });
  return errs;
}

/** The pod fields the downward API can expose, for the v1 API (ConvertDownwardAPIFieldLabel). */
const DOWNWARD_API_FIELDS = new Set([
  "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy",
  "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
]);

/** validateObjectFieldSelector: a fieldRef naming one of `expressions` (sorted, as Kubernetes lists them). */
export function validateObjectFieldSelector(fs: ObjectFieldSelector, expressions: readonly string[], path: FieldPath): FieldError[] {
  if (!fs.apiVersion) return [required(path.child("apiVersion"))];
  if (!fs.fieldPath) return [required(path.child("fieldPath"))];
  if (fs.apiVersion !== "v1") return [invalid(path.child("fieldPath"), fs.fieldPath, `error converting fieldPath: unsupported pod version: ${fs.apiVersion}`)];
  const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fs.fieldPath);
  if (sub) {
    const key = sub[1] === "metadata.annotations" ? sub[2].toLowerCase() : sub[2];
    return invalidEach(path, key, isQualifiedName(key));
  }
  if (!DOWNWARD_API_FIELDS.has(fs.fieldPath)) return [invalid(path.child("fieldPath"), fs.fieldPath, `error converting fieldPath: field label not supported: ${fs.fieldPath}`)];
  if (!expressions.includes(fs.fieldPath)) return [notSupported(path.child("fieldPath"), fs.fieldPath, [...expressions].sort())];
  return [];
}

const RESOURCE_FIELDS = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

/** validateContainerResourceFieldSelector: a known resource and a supported divisor. */
export function validateResourceFieldSelector(fs: ResourceFieldSelector, volume: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (volume && !fs.containerName) errs.push(required(path.child("containerName")));
  else if (!fs.resource) errs.push(required(path.child("resource")));
  else if (!RESOURCE_FIELDS.includes(fs.resource) && !/^(requests|limits)\.hugepages-/.test(fs.resource)) errs.push(notSupported(path.child("resource"), fs.resource, RESOURCE_FIELDS));
  if (fs.divisor !== undefined) {
    const d = formatQuantity(mustParse(fs.divisor));
    if (d !== "0") {
      if (fs.resource.endsWith(".cpu") && d !== "1m" && d !== "1") errs.push(invalid(path.child("divisor"), fs.resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
      const bytes = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
      if (fs.resource.endsWith(".memory") && !bytes.includes(d)) {
        errs.push(invalid(path.child("divisor"), fs.resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
      }
    }
  }
  return errs;
}
