/**
 * NamespaceLifecycle's delete rule: the immortal namespaces (default, kube-system, kube-public) may
 * not be deleted. (Creating in missing or terminating namespaces is refused by the API server.)
 */
import type { AdmissionPlugin } from "../server";
import { forbidden } from "../errors";

export const IMMORTAL_NAMESPACES = ["default", "kube-system", "kube-public"];

export const namespaceLifecycle: AdmissionPlugin = {
  name: "NamespaceLifecycle",
  validate(op, obj) {
    if (op === "DELETE" && obj.kind === "Namespace" && IMMORTAL_NAMESPACES.includes(obj.metadata.name ?? "")) {
      throw forbidden(`namespaces "${obj.metadata.name}" is forbidden: this namespace may not be deleted`);
    }
  },
};
