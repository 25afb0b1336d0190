/**
 * The Pod strategy (pkg/registry/core/pod/strategy.go): v1 defaults, create and update validation,
 * the status every pod starts with (Pending, with its QoS class; whatever status the user sent is
 * dropped), and the grace period of a deletion.
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { DeleteOptions, GracefulDeletionHook, KindStrategy } from "../server";
import type { KObject } from "../types";
import { dedupe } from "../validation/field";
import { validatePodCreate, validatePodUpdate } from "../validation/pod";
import { schemaDecoder } from "./common";
import { defaultPod } from "./pod-defaults";
import { computeQOSClass } from "./qos";

export const podStrategy: KindStrategy = {
  decode: schemaDecoder("Pod"),
  defaults(obj) {
    obj.spec = obj.spec ?? {};
    defaultPod(obj.spec);
  },
  validateCreate: (obj) => dedupe(validatePodCreate(obj as Pod)),
  validateUpdate: (obj, old) => dedupe(validatePodUpdate(obj as Pod, old as Pod)),
  initialStatus(obj) {
    obj.status = { phase: "Pending", qosClass: computeQOSClass(obj.spec) };
  },
};

/**
 * CheckGracefulDelete: the request's grace period, else the pod's terminationGracePeriodSeconds;
 * immediate for pods never scheduled or already finished; a negative period becomes 1.
 */
export const podGracefulDeletion: GracefulDeletionHook = (obj: KObject, opts: DeleteOptions) => {
  const pod = obj as Pod & KObject;
  let period = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
  if (!pod.spec?.nodeName) period = 0;
  if (pod.status?.phase === "Failed" || pod.status?.phase === "Succeeded") period = 0;
  if (period < 0) period = 1;
  return period;
};
