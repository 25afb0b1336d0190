/**
 * The PodDisruptionBudget (policy/v1) strategy: minAvailable or maxUnavailable (not both), each an
 * integer or a percentage, and a valid selector.
 */
import { GoValue } from "../errors";
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, invalid, notSupported, type FieldError } from "../validation/field";
import { validateLabelSelector } from "../validation/selectors";
import { validateIntOrPercent } from "../validation/workloads";
import { basicStrategy, resetStatus } from "./common";

function validatePDB(pdb: KObject): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalid(FieldPath.root("spec"), new GoValue("policy.PodDisruptionBudgetSpec{...}"), "minAvailable and maxUnavailable cannot be both set"));
  }
  errs.push(...validateIntOrPercent(spec.minAvailable, FieldPath.root("spec", "minAvailable")));
  errs.push(...validateIntOrPercent(spec.maxUnavailable, FieldPath.root("spec", "maxUnavailable")));
  errs.push(...validateLabelSelector(spec.selector, FieldPath.root("spec", "selector")));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== "IfHealthyBudget" && policy !== "AlwaysAllow") {
    errs.push(notSupported(FieldPath.root("spec", "unhealthyPodEvictionPolicy"), policy, ["AlwaysAllow", "IfHealthyBudget"]));
  }
  return errs;
}

export const pdbStrategy: KindStrategy = basicStrategy("PodDisruptionBudget", {
  validate: validatePDB,
  initialStatus: resetStatus({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 }),
});
