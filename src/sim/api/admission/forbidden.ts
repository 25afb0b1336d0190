/**
 * The Forbidden error admission plugins return (admission.NewForbidden): `pods "x" is forbidden:
 * <reason>`, naming the object by generateName when it has no name yet.
 */
import { forbidden } from "../errors";
import { kindInfo } from "../kinds";
import type { KObject } from "../types";

export function admissionForbidden(obj: KObject, reason: string): Error {
  const info = kindInfo(obj.kind);
  const resource = info ? (info.group ? `${info.plural}.${info.group}` : info.plural) : obj.kind.toLowerCase();
  const name = obj.metadata?.name || obj.metadata?.generateName || "Unknown";
  return forbidden(`${resource} "${name}" is forbidden: ${reason}`);
}

/** utilerrors.NewAggregate's message: one error as is, several as "[a, b]". */
export function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
}
