/**
 * The ServiceAccount admission plugin: pods run as the "default" ServiceAccount unless they name
 * one, the account must exist, and unless automounting is off every container (init and ephemeral
 * too) mounts the projected kube-api-access-xxxxx volume — a bound token, the cluster CA and the
 * namespace — read-only at /var/run/secrets/kubernetes.io/serviceaccount.
 */
import type { Container, Volume } from "kubernetes-types/core/v1";
import type { AdmissionPlugin } from "../server";
import { admissionForbidden } from "./forbidden";
import { deepFreeze } from "../../util/freeze";

export const DEFAULT_SERVICE_ACCOUNT = "default";
export const TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
const VOLUME_PREFIX = "kube-api-access-";
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour and seven seconds. */
export const BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
export const ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";

/**
 * The projected source of the volume the plugin adds: the same for every pod, so one frozen object
 * that all stored pods share (stored objects are never changed in place).
 */
const API_ACCESS_PROJECTION: NonNullable<Volume["projected"]> = deepFreeze({
  sources: [
    { serviceAccountToken: { expirationSeconds: BOUND_TOKEN_EXPIRATION_SECONDS, path: "token" } },
    { configMap: { name: ROOT_CA_CONFIG_MAP, items: [{ key: "ca.crt", path: "ca.crt" }] } },
    { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
  ],
  defaultMode: 420,
});

/** The projected volume the plugin adds. */
export function apiAccessVolume(name: string): Volume {
  return { name, projected: API_ACCESS_PROJECTION };
}

export const serviceAccountAdmission: AdmissionPlugin = {
  name: "ServiceAccount",
  mutate(op, obj, _old, api) {
    if (op !== "CREATE" || obj.kind !== "Pod") return;
    if (obj.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) return;
    const spec = obj.spec;
    if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
    spec.serviceAccount = spec.serviceAccountName;
    const ns = obj.metadata.namespace!;
    const sa = api.store.get("ServiceAccount", ns, spec.serviceAccountName);
    if (!sa) throw admissionForbidden(obj, `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
    const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
    if (automount) mountToken(spec, () => `${VOLUME_PREFIX}${api.random.nameSuffix(5)}`);
    if ((spec.imagePullSecrets ?? []).length === 0 && (sa.imagePullSecrets ?? []).length > 0) {
      spec.imagePullSecrets = sa.imagePullSecrets.map((s: { name: string }) => ({ name: s.name }));
    }
  },
};

function mountToken(spec: Record<string, any>, newName: () => string): void {
  const volumes: Volume[] = spec.volumes ?? [];
  const existing = volumes.find((v) => v.name.startsWith(VOLUME_PREFIX));
  const name = existing?.name ?? newName();
  let needed = false;
  for (const key of ["initContainers", "containers", "ephemeralContainers"]) {
    for (const c of (spec[key] ?? []) as Container[]) {
      if ((c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
      needed = true;
    }
  }
  if (!existing && needed) spec.volumes = [...volumes, apiAccessVolume(name)];
}
