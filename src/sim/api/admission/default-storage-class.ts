/**
 * DefaultStorageClass: a PersistentVolumeClaim that names no storage class gets the default one
 * (the newest StorageClass annotated storageclass.kubernetes.io/is-default-class=true).
 */
import type { AdmissionPlugin } from "../server";
import type { KObject } from "../types";

const DEFAULT_ANNOTATIONS = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"];

export const defaultStorageClass: AdmissionPlugin = {
  name: "DefaultStorageClass",
  mutate(op, obj, _old, api) {
    if (op !== "CREATE" || obj.kind !== "PersistentVolumeClaim" || obj.spec?.storageClassName !== undefined) return;
    let chosen: KObject | undefined;
    for (const sc of api.store.each("StorageClass")) {
      if (!DEFAULT_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === "true")) continue;
      if (!chosen || (sc.metadata.creationTimestamp ?? "") > (chosen.metadata.creationTimestamp ?? "")) chosen = sc;
    }
    if (chosen) obj.spec.storageClassName = chosen.metadata.name;
  },
};
