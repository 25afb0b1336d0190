/** The pod's QoS class (v1qos.GetPodQOS): the API server's status.qosClass, else computed from the spec. */
import type { Pod } from "kubernetes-types/core/v1";
import { computeQOSClass, type QOSClass } from "../../api/strategies/qos";

export function qosClass(pod: Pod): QOSClass {
  return (pod.status?.qosClass as QOSClass | undefined) ?? computeQOSClass(pod.spec ?? { containers: [] });
}
