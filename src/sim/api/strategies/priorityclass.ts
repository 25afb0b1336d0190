/**
 * The PriorityClass strategy: PreemptLowerPriority by default, the reserved "system-" prefix, the
 * highest user-definable value, and a value that may not change.
 */
import type { KindStrategy } from "../server";
import type { KObject } from "../types";
import { FieldPath, forbidden, notSupported, required, type FieldError } from "../validation/field";
import { basicStrategy } from "./common";

/** HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/** The priority classes the API server creates at start-up (SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES = [
  { name: "system-node-critical", value: 2_000_001_000, description: "Used for system critical pods that must not be moved from their current node." },
  { name: "system-cluster-critical", value: 2_000_000_000, description: "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary." },
];

function validatePriorityClass(pc: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata.name ?? "";
  if (name.startsWith("system-")) {
    const known = SYSTEM_PRIORITY_CLASSES.find((s) => s.name === name);
    let why: string | undefined;
    if (!known) why = `${name} is not a known system priority class`;
    else if (known.value !== pc.value) why = `value of ${name} PriorityClass must be ${known.value}`;
    else if ((pc.globalDefault ?? false) !== false) why = `globalDefault of ${name} PriorityClass must be false`;
    if (why) errs.push(forbidden(FieldPath.root("metadata", "name"), `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
  } else if ((pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(FieldPath.root("value"), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined) {
    if (!pc.preemptionPolicy) errs.push(required(FieldPath.root("preemptionPolicy")));
    else if (!["PreemptLowerPriority", "Never"].includes(pc.preemptionPolicy)) errs.push(notSupported(FieldPath.root("preemptionPolicy"), pc.preemptionPolicy, ["PreemptLowerPriority", "Never"]));
  }
  return errs;
}

export const priorityClassStrategy: KindStrategy = basicStrategy("PriorityClass", {
  defaults(obj) {
    if (!obj.preemptionPolicy) obj.preemptionPolicy = "PreemptLowerPriority";
    if (obj.value === undefined) obj.value = 0;
  },
  validate: validatePriorityClass,
  validateUpdate: (obj, old) => [
    ...(obj.value !== old.value ? [forbidden(FieldPath.root("value"), "may not be changed in an update.")] : []),
    ...(obj.preemptionPolicy !== old.preemptionPolicy ? [forbidden(FieldPath.root("preemptionPolicy"), "may not be changed in an update.")] : []),
  ],
});
