/**
 * The ResourceQuota strategy: hard limits on standard quota resources with valid quantities, valid
 * and non-conflicting scopes that may not change, and an empty status the quota controller fills.
 */
import type { ResourceQuota } from "kubernetes-types/core/v1";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, type FieldError } from "../validation/field";
import { validateQuantityValue, validateQuotaResourceName } from "../validation/resources";
import { basicStrategy, resetStatus, sameJSON } from "./common";
import { GoValue } from "../errors";

const SCOPES = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"];

function goScopes(scopes: string[] | undefined): GoValue {
  return new GoValue(scopes ? `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(s)).join(", ")}}` : "[]core.ResourceQuotaScope(nil)");
}

function validateResourceQuota(rq: ResourceQuota): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(rq.spec?.hard ?? {})) {
    const p = FieldPath.root("spec", "hard").key(k);
    errs.push(...validateQuotaResourceName(k, p), ...validateQuantityValue(k, v, p));
  }
  const scopes = rq.spec?.scopes ?? [];
  for (const s of scopes) if (!SCOPES.includes(s)) errs.push(invalid(FieldPath.root("spec", "scopes"), goScopes(scopes), "unsupported scope"));
  const pairs = [["BestEffort", "NotBestEffort"], ["Terminating", "NotTerminating"]];
  for (const [a, b] of pairs) if (scopes.includes(a) && scopes.includes(b)) errs.push(invalid(FieldPath.root("spec", "scopes"), goScopes(scopes), "conflicting scopes"));
  return errs;
}

export const resourceQuotaStrategy: KindStrategy = basicStrategy("ResourceQuota", {
  validate: (obj) => validateResourceQuota(obj as ResourceQuota),
  validateUpdate: (obj: KObject, old: KObject) =>
    sameJSON([...(obj.spec?.scopes ?? [])].sort(), [...(old.spec?.scopes ?? [])].sort()) ? [] : [invalid(FieldPath.root("spec", "scopes"), goScopes(obj.spec?.scopes), "field is immutable")],
  initialStatus: resetStatus({}),
});
