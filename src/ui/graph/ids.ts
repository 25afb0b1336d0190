/** The ids of the graph's boxes, and the key of an API object in the mirror. */
import type { KObject } from "../../sim/api/types";

export const podBoxId = (key: string) => `pod:${key}`;
export const nodeBoxId = (name: string) => `node:${name}`;
export const PENDING_ID = "pending";
export const serviceBoxId = (key: string) => `svc:${key}`;
export const objectBoxId = (kind: string, key: string) => `${kind}:${key}`;

/** "namespace/name", or the name of a cluster-scoped object. */
export function keyOf(obj: KObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}
