/**
 * Pod volume validation (ValidateVolumes and validateVolumeSource): unique DNS-label names, exactly
 * one volume source, and the rules of the common sources — emptyDir, hostPath, secret, configMap,
 * persistentVolumeClaim, nfs, downwardAPI, projected, csi, ephemeral.
 */
import type { DownwardAPIVolumeFile, KeyToPath, Volume } from "kubernetes-types/core/v1";
import { FieldPath, duplicate, forbidden, invalid, notSupported, required, type FieldError } from "./field";
import { isDNS1123Label } from "./names";
import { isNegative, mustParse } from "./quantity";
import { validateObjectFieldSelector, validateResourceFieldSelector } from "./selectors";

const FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";

/**
 * Every volume source, in the order Kubernetes checks them, with the path segment its "more than 1
 * volume type" error names (two are misspelled in Kubernetes, and kept so).
 */
const SOURCES: readonly [key: string, errorName: string][] = [
  ["emptyDir", "emptyDir"], ["hostPath", "hostPath"], ["gitRepo", "gitRepo"], ["gcePersistentDisk", "gcePersistentDisk"],
  ["awsElasticBlockStore", "awsElasticBlockStore"], ["secret", "secret"], ["nfs", "nfs"], ["iscsi", "iscsi"], ["glusterfs", "glusterfs"],
  ["flocker", "flocker"], ["persistentVolumeClaim", "persistentVolumeClaim"], ["rbd", "rbd"], ["cinder", "cinder"], ["cephfs", "cephFS"],
  ["quobyte", "quobyte"], ["downwardAPI", "downwarAPI"], ["fc", "fc"], ["flexVolume", "flexVolume"], ["configMap", "configMap"],
  ["azureFile", "azureFile"], ["vsphereVolume", "vsphereVolume"], ["photonPersistentDisk", "photonPersistentDisk"],
  ["portworxVolume", "portworxVolume"], ["azureDisk", "azureDisk"], ["storageos", "storageos"], ["projected", "projected"],
  ["scaleIO", "scaleIO"], ["csi", "csi"], ["ephemeral", "ephemeral"], ["image", "image"],
];

const HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
const VOLUME_FIELD_PATHS = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];

/** The volumes by name (only the valid ones, as Kubernetes keeps them) and the errors. */
export function validateVolumes(volumes: readonly Volume[] | undefined, path: FieldPath): { names: Map<string, Volume>; errors: FieldError[] } {
  const names = new Map<string, Volume>();
  const errors: FieldError[] = [];
  (volumes ?? []).forEach((vol, i) => {
    const idx = path.index(i);
    const namePath = idx.child("name");
    const el = validateVolumeSource(vol as unknown as Record<string, unknown>, idx);
    if (!vol.name) el.push(required(namePath));
    else for (const m of isDNS1123Label(vol.name)) el.push(invalid(namePath, vol.name, m));
    if (names.has(vol.name)) el.push(duplicate(namePath, vol.name));
    if (el.length === 0) names.set(vol.name, vol);
    else errors.push(...el);
  });
  return { names, errors };
}

const SOURCE_ORDER = new Map(SOURCES.map(([key], i) => [key, i]));

function validateVolumeSource(src: Record<string, unknown>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  // Only the keys present, in Kubernetes' checking order.
  const present = Object.keys(src).filter((k) => SOURCE_ORDER.has(k) && src[k] !== undefined).sort((a, b) => SOURCE_ORDER.get(a)! - SOURCE_ORDER.get(b)!);
  for (const key of present) {
    const errorName = SOURCES[SOURCE_ORDER.get(key)!][1];
    const value = src[key];
    if (n > 0) {
      errs.push(forbidden(path.child(errorName), "may not specify more than 1 volume type"));
      continue;
    }
    n++;
    errs.push(...validateSource(key, value as Record<string, any>, path.child(key)));
  }
  if (n === 0) errs.push(required(path, "must specify a volume type"));
  return errs;
}

function validateSource(key: string, s: Record<string, any>, path: FieldPath): FieldError[] {
  switch (key) {
    case "emptyDir":
      return s.sizeLimit !== undefined && isNegative(mustParse(s.sizeLimit)) ? [forbidden(path.child("sizeLimit"), "SizeLimit field must be a valid resource quantity")] : [];
    case "hostPath":
      if (!s.path) return [required(path.child("path"))];
      return [...noBacksteps(s.path, path.child("path")), ...(s.type !== undefined && !HOST_PATH_TYPES.includes(s.type) ? [notSupported(path.child("type"), s.type, HOST_PATH_TYPES)] : [])];
    case "secret":
      return [...(s.secretName ? [] : [required(path.child("secretName"))]), ...fileMode(s.defaultMode, path.child("defaultMode")), ...keyToPaths(s.items, path.child("items"))];
    case "configMap":
      return [...(s.name ? [] : [required(path.child("name"))]), ...fileMode(s.defaultMode, path.child("defaultMode")), ...keyToPaths(s.items, path.child("items"))];
    case "persistentVolumeClaim":
      return s.claimName ? [] : [required(path.child("claimName"))];
    case "nfs": {
      const errs: FieldError[] = [];
      if (!s.server) errs.push(required(path.child("server")));
      if (!s.path) errs.push(required(path.child("path")));
      if (!String(s.path ?? "").startsWith("/")) errs.push(invalid(path.child("path"), s.path ?? "", "must be an absolute path"));
      return errs;
    }
    case "downwardAPI":
      return [...fileMode(s.defaultMode, path.child("defaultMode")), ...(s.items ?? []).flatMap((f: DownwardAPIVolumeFile) => downwardAPIFile(f, path))];
    case "projected":
      return [...fileMode(s.defaultMode, path.child("defaultMode")), ...projectionSources(s.sources ?? [], path)];
    case "csi":
      return s.driver ? [] : [required(path.child("driver"))];
    case "ephemeral":
      return s.volumeClaimTemplate ? [] : [required(path.child("volumeClaimTemplate"))];
    default:
      return [];
  }
}

function fileMode(mode: number | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function keyToPaths(items: KeyToPath[] | undefined, path: FieldPath): FieldError[] {
  return (items ?? []).flatMap((kp, i) => keyToPath(kp, path.index(i)));
}

function keyToPath(kp: KeyToPath, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(required(path.child("key")));
  if (!kp.path) errs.push(required(path.child("path")));
  errs.push(...localNonReservedPath(kp.path ?? "", path.child("path")), ...fileMode(kp.mode, path.child("mode")));
  return errs;
}

function downwardAPIFile(file: DownwardAPIVolumeFile, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(required(path.child("path")));
  errs.push(...localNonReservedPath(file.path ?? "", path.child("path")));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, path.child("fieldRef")));
    if (file.resourceFieldRef) errs.push(invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
  } else if (file.resourceFieldRef) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, true, path.child("resourceFieldRef")));
  } else {
    errs.push(required(path, "one of fieldRef and resourceFieldRef is required"));
  }
  errs.push(...fileMode(file.mode, path.child("mode")));
  return errs;
}

function projectionSources(sources: Record<string, any>[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  const claim = (p: string | undefined, value: unknown) => {
    if (!p) return;
    if (paths.has(p)) errs.push(invalid(path, value, "conflicting duplicate paths"));
    paths.add(p);
  };
  sources.forEach((source, i) => {
    const src = path.child("sources").index(i);
    let n = 0;
    for (const key of ["secret", "configMap"] as const) {
      const s = source[key];
      if (!s) continue;
      n++;
      if (!s.name) errs.push(required(src.child(key, "name")));
      (s.items ?? []).forEach((kp: KeyToPath, j: number) => {
        errs.push(...keyToPath(kp, src.child(key, "items").index(j)));
        claim(kp.path, s.name ?? "");
      });
    }
    if (source.downwardAPI) {
      n++;
      for (const f of source.downwardAPI.items ?? []) {
        errs.push(...downwardAPIFile(f, src.child("downwardAPI")));
        claim(f.path, f.path);
      }
    }
    if (source.serviceAccountToken) {
      n++;
      const t = source.serviceAccountToken;
      const exp = t.expirationSeconds ?? 0;
      if (exp < 600) errs.push(invalid(src.child("serviceAccountToken", "expirationSeconds"), exp, "may not specify a duration less than 10 minutes"));
      if (exp > 2 ** 32) errs.push(invalid(src.child("serviceAccountToken", "expirationSeconds"), exp, "may not specify a duration larger than 2^32 seconds"));
      if (!t.path) errs.push(required(path.child("path")));
      else errs.push(...localNonReservedPath(t.path, path.child("path")));
    }
    if (source.clusterTrustBundle) n++;
    if (n > 1) errs.push(forbidden(src, "may not specify more than 1 volume type per source"));
  });
  return errs;
}

/** validatePathNoBacksteps: no ".." element. */
export function noBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split("/").includes("..") ? [invalid(path, target, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, without "..". */
export function localDescendingPath(target: string, path: FieldPath): FieldError[] {
  return [...(target.startsWith("/") ? [invalid(path, target, "must be a relative path")] : []), ...noBacksteps(target, path)];
}

/** ValidateLocalNonReservedPath: relative, without "..", not starting with "..". */
export function localNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = localDescendingPath(target, path);
  if (target.startsWith("..") && !target.startsWith("../")) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}
