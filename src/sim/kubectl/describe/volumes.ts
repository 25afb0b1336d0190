/**
 * The Volumes section of describe (describeVolumes): each source type's "Type:" line and fields, as
 * kubectl v1.31 words them — EmptyDir, HostPath, ConfigMap, Secret, PersistentVolumeClaim, Projected
 * (the service account token volume), DownwardAPI, NFS, CSI, Image, Ephemeral, GitRepo and the
 * in-tree cloud disks.
 */
import type { Volume } from "kubernetes-types/core/v1";
import { canonicalQuantity } from "../../api/quantity";
import { storageClassOf } from "../printers/columns/core";
import type { KObject } from "../../api/types";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from "./prefix-writer";

/**
 * Go's %v of a *bool: "<nil>" when unset, and otherwise the pointer's address, which kubectl really
 * prints here; the simulation shows a fixed address.
 */
function boolPointer(v: boolean | undefined): string {
  return v === undefined ? "<nil>" : "0xc000a4b2f8";
}

/** describeVolumes. */
export function describeVolumes(volumes: Volume[] | undefined, w: PrefixWriter, space: string): void {
  const list = volumes ?? [];
  if (list.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of list) {
    w.write(LEVEL_1, `${space ? " " : ""}${v.name}:\n`);
    describeSource(v, w);
  }
}

function describeSource(v: Volume, w: PrefixWriter): void {
  if (v.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? ""}\n`);
  } else if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit !== undefined && v.emptyDir.sizeLimit !== "0" ? (canonicalQuantity(v.emptyDir.sizeLimit) ?? String(v.emptyDir.sizeLimit)) : "<unset>";
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n    SizeLimit:\t${limit}\n`);
  } else if (v.gcePersistentDisk) {
    const d = v.gcePersistentDisk;
    w.write(LEVEL_2, `Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${d.pdName}\n    FSType:\t${d.fsType ?? ""}\n    Partition:\t${d.partition ?? 0}\n    ReadOnly:\t${d.readOnly === true}\n`);
  } else if (v.awsElasticBlockStore) {
    const d = v.awsElasticBlockStore;
    w.write(LEVEL_2, `Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${d.volumeID}\n    FSType:\t${d.fsType ?? ""}\n    Partition:\t${d.partition ?? 0}\n    ReadOnly:\t${d.readOnly === true}\n`);
  } else if (v.gitRepo) {
    w.write(LEVEL_2, `Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${v.gitRepo.repository}\n    Revision:\t${v.gitRepo.revision ?? ""}\n`);
  } else if (v.secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ""}\n    Optional:\t${v.secret.optional === true}\n`);
  } else if (v.configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ""}\n    Optional:\t${v.configMap.optional === true}\n`);
  } else if (v.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
  } else if (v.persistentVolumeClaim) {
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
  } else if (v.ephemeral) {
    w.write(LEVEL_2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n");
    const t = v.ephemeral.volumeClaimTemplate;
    if (t) {
      const pvc = { kind: "PersistentVolumeClaim", metadata: t.metadata ?? {}, spec: t.spec } as unknown as KObject;
      w.write(LEVEL_2, `StorageClass:\t${storageClassOf(pvc)}\n`);
      w.write(LEVEL_2, `Volume:\t${t.spec?.volumeName ?? ""}\n`);
      w.write(LEVEL_2, `Capacity:\t\n`);
      w.write(LEVEL_2, `Access Modes:\t\n`);
      if (t.spec?.volumeMode) w.write(LEVEL_2, `VolumeMode:\t${t.spec.volumeMode}\n`);
    }
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const s of v.projected.sources ?? []) {
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ""}\n    SecretOptionalName:\t${boolPointer(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
      else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ""}\n    ConfigMapOptional:\t${boolPointer(s.configMap.optional)}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
    }
  } else if (v.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ""}\n    ReadOnly:\t${v.csi.readOnly === true}\n`);
    const attrs = v.csi.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort();
    w.write(LEVEL_0, `    VolumeAttributes:\t`);
    if (keys.length === 0) w.writeLine("<none>");
    keys.forEach((k, i) => {
      if (i !== 0) w.write(LEVEL_0, "    \t");
      w.write(LEVEL_0, `${k}=${attrs[k]}\n`);
    });
  } else if ((v as unknown as { image?: unknown }).image) {
    const image = (v as unknown as { image: { reference?: string; pullPolicy?: string } }).image;
    w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${image.reference ?? ""}\n    PullPolicy:\t${image.pullPolicy ?? ""}\n`);
  } else {
    w.write(LEVEL_1, "<unknown>\n");
  }
}
