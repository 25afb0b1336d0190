/**
 * The object changes behind `rollout pause`, `resume` and `restart` (ObjectPauserFn,
 * ObjectResumerFn, ObjectRestarterFn): each returns the changed copy, or throws the reason kubectl
 * gives ("is already paused", "restarting is not supported").
 */
import type { KObject } from "../../../api/types";

/** Changes a copy of `obj`; `now` is an RFC 3339 timestamp. Returns undefined when nothing changes. */
export type Mutation = (obj: KObject, now: string) => KObject | undefined;

/** The annotation `rollout restart` stamps on the pod template. */
export const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

export const pauseObject: Mutation = (obj) => {
  if (obj.kind !== "Deployment") throw new Error("pausing is not supported");
  if (obj.spec?.paused) throw new Error("is already paused");
  return { ...obj, spec: { ...obj.spec, paused: true } };
};

export const resumeObject: Mutation = (obj) => {
  if (obj.kind !== "Deployment") throw new Error("resuming is not supported");
  if (!obj.spec?.paused) throw new Error("is not paused");
  const spec = { ...obj.spec };
  delete spec.paused;
  return { ...obj, spec };
};

export const restartObject: Mutation = (obj, now) => {
  if (obj.kind !== "Deployment" && obj.kind !== "DaemonSet" && obj.kind !== "StatefulSet") throw new Error("restarting is not supported");
  if (obj.kind === "Deployment" && obj.spec?.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  const template = obj.spec?.template ?? {};
  if (template.metadata?.annotations?.[RESTARTED_AT] === now) return undefined;
  const annotations = { ...(template.metadata?.annotations ?? {}), [RESTARTED_AT]: now };
  return { ...obj, spec: { ...obj.spec, template: { ...template, metadata: { ...template.metadata, annotations } } } };
};
