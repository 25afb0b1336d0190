/**
 * Older API versions the server still accepts, converted to the version it stores: an
 * autoscaling/v1 HorizontalPodAutoscaler (targetCPUUtilizationPercentage) becomes the equivalent
 * autoscaling/v2 one (a Resource metric on cpu with a Utilization target).
 */
import type { KObject } from "./types";

type Converter = (obj: KObject) => void;

const CONVERSIONS: Record<string, Converter> = {
  "autoscaling/v1 HorizontalPodAutoscaler": (obj) => {
    obj.apiVersion = "autoscaling/v2";
    const spec = { ...(obj.spec ?? {}) };
    const target = spec.targetCPUUtilizationPercentage;
    delete spec.targetCPUUtilizationPercentage;
    if (target !== undefined && target !== null) spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: target } } }];
    obj.spec = spec;
    if (obj.status) delete obj.status;
  },
};

/** True when the server accepts `apiVersion` for `kind` by converting it. */
export function isConvertible(apiVersion: string, kind: string): boolean {
  return `${apiVersion} ${kind}` in CONVERSIONS;
}

/** Converts an object sent in an older version to the stored one, in place; other objects are left alone. */
export function convertToStoredVersion(obj: KObject): void {
  CONVERSIONS[`${obj.apiVersion} ${obj.kind}`]?.(obj);
}
