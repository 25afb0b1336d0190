/**
 * The Priority admission plugin: a pod's priorityClassName (or the global default class) becomes
 * spec.priority and spec.preemptionPolicy; an unknown class or a hand-set priority is refused; only
 * one PriorityClass may be the global default.
 */
import type { AdmissionPlugin, ApiServer } from "../server";
import type { KObject } from "../types";
import { admissionForbidden } from "./forbidden";

function defaultClass(api: ApiServer): KObject | undefined {
  let best: KObject | undefined;
  for (const pc of api.store.each("PriorityClass")) if (pc.globalDefault && (!best || pc.value > best.value)) best = pc;
  return best;
}

export const priority: AdmissionPlugin = {
  name: "Priority",
  mutate(op, obj, old, api) {
    if (obj.kind !== "Pod") return;
    const spec = obj.spec;
    if (op === "UPDATE") {
      if (spec.priority === undefined && old?.spec?.priority !== undefined) spec.priority = old.spec.priority;
      if (spec.preemptionPolicy === undefined && old?.spec?.preemptionPolicy !== undefined) spec.preemptionPolicy = old.spec.preemptionPolicy;
      return;
    }
    if (op !== "CREATE") return;
    let value = 0;
    let policy: string | undefined = "PreemptLowerPriority";
    if (!spec.priorityClassName) {
      const pc = defaultClass(api);
      if (pc) {
        spec.priorityClassName = pc.metadata.name;
        value = pc.value;
        policy = pc.preemptionPolicy;
      }
    } else {
      const pc = api.store.get("PriorityClass", undefined, spec.priorityClassName);
      if (!pc) throw admissionForbidden(obj, `no PriorityClass with name ${spec.priorityClassName} was found`);
      value = pc.value;
      policy = pc.preemptionPolicy;
    }
    if (spec.priority !== undefined && spec.priority !== value) {
      throw admissionForbidden(obj, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    }
    spec.priority = value;
    if (policy) {
      if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
        throw admissionForbidden(obj, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
      }
      spec.preemptionPolicy = policy;
    }
  },
  validate(op, obj, _old, api) {
    if (obj.kind !== "PriorityClass" || (op !== "CREATE" && op !== "UPDATE") || !obj.globalDefault) return;
    const current = defaultClass(api);
    if (current && current.metadata.name !== obj.metadata.name) {
      throw admissionForbidden(obj, `PriorityClass ${current.metadata.name} is already marked as default. Only one default can exist`);
    }
  },
};
