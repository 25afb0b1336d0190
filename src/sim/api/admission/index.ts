/**
 * The admission chain in kube-apiserver's order: NamespaceLifecycle, LimitRanger, ServiceAccount,
 * Priority, DefaultTolerationSeconds, DefaultStorageClass, and ResourceQuota last.
 */
import type { AdmissionPlugin } from "../server";
import { defaultStorageClass } from "./default-storage-class";
import { defaultTolerationSeconds } from "./default-toleration-seconds";
import { limitRanger } from "./limit-ranger";
import { namespaceLifecycle } from "./namespace-lifecycle";
import { priority } from "./priority";
import { resourceQuotaAdmission } from "./resource-quota";
import { serviceAccountAdmission } from "./service-account";

export const ADMISSION_PLUGINS: readonly AdmissionPlugin[] = [
  namespaceLifecycle,
  limitRanger,
  serviceAccountAdmission,
  priority,
  defaultTolerationSeconds,
  defaultStorageClass,
  resourceQuotaAdmission,
];
