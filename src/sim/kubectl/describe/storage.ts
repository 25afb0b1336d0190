/**
 * describe for the storage kinds: PersistentVolumeClaim (with the pods using it), PersistentVolume
 * (with its source) and StorageClass.
 */
import { canonicalQuantity } from "../../api/quantity";
import type { KObject } from "../../api/types";
import { accessModes, isDefaultStorageClass, storageClassOf } from "../printers/columns/core";
import { rfc1123z, since } from "../printers/duration";
import { formatLabels } from "../printers/selectors";
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printPodsMultiline, searchEvents, type DescribeContext } from "./helpers";
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from "./prefix-writer";

function finalizers(obj: KObject): string {
  return `[${(obj.metadata.finalizers ?? []).join(" ")}]`;
}

export function describePersistentVolumeClaim(pvc: KObject, ctx: DescribeContext): string {
  const pods = ctx.cluster.store.list("Pod", pvc.metadata.namespace).filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  return tabbedString((w) => {
    const spec = pvc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
    if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(ctx.clock, pvc.metadata.deletionTimestamp)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? "Pending"}\n`);
    w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ""}\n`);
    printLabelsMultiline(w, "Labels", pvc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pvc.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${finalizers(pvc)}\n`);
    const bound = !!spec.volumeName;
    w.write(LEVEL_0, `Capacity:\t${bound ? (canonicalQuantity(pvc.status?.capacity?.storage) ?? "0") : ""}\n`);
    w.write(LEVEL_0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ""}\n`);
    w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode ?? "Filesystem"}\n`);
    if (spec.dataSource) {
      w.write(LEVEL_0, "DataSource:\n");
      if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
      w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
    }
    printPodsMultiline(w, "Used By", pods);
    const conditions = pvc.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`);
    }
    if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, pvc), w, ctx.clock);
  });
}

export function describePersistentVolume(pv: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    const spec = pv.spec ?? {};
    w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", pv.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${finalizers(pv)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
    if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(ctx.clock, pv.metadata.deletionTimestamp)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? "Pending"}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : ""}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? "Retain"}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
    w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode ?? "Filesystem"}\n`);
    w.write(LEVEL_0, `Capacity:\t${canonicalQuantity(spec.capacity?.storage) ?? "0"}\n`);
    w.write(LEVEL_0, "Node Affinity:\t");
    const required = spec.nodeAffinity?.required?.nodeSelectorTerms;
    if (!spec.nodeAffinity) {
      w.writeLine("<none>");
    } else {
      w.writeLine("");
      w.write(LEVEL_1, "Required Terms:\t");
      if (!required || required.length === 0) w.writeLine("<none>");
      else {
        w.writeLine("");
        required.forEach((term: any, i: number) => {
          w.write(LEVEL_2, `Term ${i}:\t`);
          const exprs = (term.matchExpressions ?? []).map((e: any) => `${e.key} ${String(e.operator).toLowerCase()} [${(e.values ?? []).join(", ")}]`);
          exprs.forEach((e: string, j: number) => w.write(LEVEL_0, j === 0 ? `${e}\n` : `\t\t${e}\n`));
          if (exprs.length === 0) w.writeLine("<none>");
        });
      }
    }
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ""}\n`);
    w.write(LEVEL_0, "Source:\n");
    if (spec.hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? ""}\n`);
    else if (spec.local) w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
    else if (spec.nfs) w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
    else if (spec.csi) {
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ""}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`);
    } else w.write(LEVEL_1, "<unknown>\n");
    if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, pv), w, ctx.clock);
  });
}

export function describeStorageClass(sc: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? "Yes" : "No"}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ""}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${typeof sc.allowVolumeExpansion === "boolean" ? (sc.allowVolumeExpansion ? "True" : "False") : "<unset>"}\n`);
    const mountOptions: string[] = sc.mountOptions ?? [];
    if (mountOptions.length === 0) w.write(LEVEL_0, "MountOptions:\t<none>\n");
    else {
      w.write(LEVEL_0, "MountOptions:\n");
      for (const o of mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy ?? "Delete"}\n`);
    w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode ?? "Immediate"}\n`);
    if (ctx.settings.showEvents) describeEvents(searchEvents(ctx.cluster, sc), w, ctx.clock);
  });
}
