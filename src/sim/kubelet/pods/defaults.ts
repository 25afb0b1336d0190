/**
 * The pod as the kubelet acts on it: the API server's defaults filled in wherever the stored object
 * lacks them (restartPolicy, terminationGracePeriodSeconds, dnsPolicy, imagePullPolicy, probe
 * timings, terminationMessagePath) and the kube-api-access service account token volume that the
 * ServiceAccount admission plugin adds. A pod that already has them is returned unchanged.
 */
import type { Container, Pod, PodSpec, Probe, Volume, VolumeMount } from "kubernetes-types/core/v1";
import { defaultPullPolicy } from "../images/reference";
import { deepFreeze } from "../../util/freeze";

const cache = new WeakMap<Pod, Pod>();
const specCache = new WeakMap<PodSpec, { uid: string; spec: PodSpec }>();

/** The mount path of the service account token volume. */
export const SA_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

function probeDefaults(p: Probe | undefined): Probe | undefined {
  if (!p) return p;
  const out: Probe = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, ...p };
  if (p.httpGet) out.httpGet = { path: "/", scheme: "HTTP", ...p.httpGet };
  return out;
}

function containerDefaults(c: Container, extraMount: VolumeMount | undefined): Container {
  const out: Container = {
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? defaultPullPolicy(c.image ?? ""),
  };
  if (c.livenessProbe) out.livenessProbe = probeDefaults(c.livenessProbe);
  if (c.readinessProbe) out.readinessProbe = probeDefaults(c.readinessProbe);
  if (c.startupProbe) out.startupProbe = probeDefaults(c.startupProbe);
  if (extraMount && !(c.volumeMounts ?? []).some((m) => m.mountPath === SA_TOKEN_PATH)) out.volumeMounts = [...(c.volumeMounts ?? []), extraMount];
  return out;
}

/** The token volume's name for a pod without one: "kube-api-access-" and five characters from the uid. */
function tokenVolumeName(pod: Pod): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  const uid = (pod.metadata?.uid ?? "").replace(/-/g, "");
  let s = "";
  for (let i = 0; i < 5; i++) s += alphabet[parseInt(uid.slice(i * 2, i * 2 + 2) || "0", 16) % alphabet.length];
  return `kube-api-access-${s}`;
}

/** The projected source of every token volume: the same for all pods, so one frozen object. */
const TOKEN_PROJECTION: NonNullable<Volume["projected"]> = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
    { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
    { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
  ],
});

function tokenVolume(name: string): Volume {
  return { name, projected: TOKEN_PROJECTION };
}

/** Whether the defaults are in place already (as the API server's defaulting leaves them). */
function probeDefaulted(p: Probe | undefined): boolean {
  return !p || (p.timeoutSeconds !== undefined && p.periodSeconds !== undefined && p.successThreshold !== undefined && p.failureThreshold !== undefined && (!p.httpGet || (p.httpGet.path !== undefined && p.httpGet.scheme !== undefined)));
}

function containerDefaulted(c: Container): boolean {
  return c.terminationMessagePath !== undefined && c.terminationMessagePolicy !== undefined && c.imagePullPolicy !== undefined && probeDefaulted(c.livenessProbe) && probeDefaulted(c.readinessProbe) && probeDefaulted(c.startupProbe);
}

function specDefaulted(spec: PodSpec): boolean {
  return (
    spec.restartPolicy !== undefined &&
    spec.terminationGracePeriodSeconds !== undefined &&
    spec.dnsPolicy !== undefined &&
    spec.enableServiceLinks !== undefined &&
    spec.serviceAccountName !== undefined &&
    spec.containers.every(containerDefaulted) &&
    (spec.initContainers ?? []).every(containerDefaulted)
  );
}

/**
 * The pod with the defaults the kubelet relies on, cached per object. A pod stored through the API
 * server has them already and is its own answer: not cached, as each of its versions is looked up
 * a few times only, and a weak map entry per version is work for every garbage collection.
 */
export function effectivePod(pod: Pod): Pod {
  const hit = cache.get(pod);
  if (hit) return hit;
  const spec = effectiveSpec(pod);
  if (spec === pod.spec) return pod;
  const out: Pod = { ...pod, spec };
  cache.set(pod, out);
  return out;
}

/**
 * The defaulted spec, shared by every version of a pod with the same spec object (status writes keep
 * it): its containers stay the same objects, so what is cached per container (its hash) is reused.
 */
function effectiveSpec(pod: Pod): PodSpec {
  const uid = pod.metadata?.uid ?? "";
  const stored = pod.spec;
  const hit = stored ? specCache.get(stored) : undefined;
  // The token volume's name comes from the pod's uid: only a spec seen with the same uid is reused.
  if (hit && hit.uid === uid) return hit.spec;
  const spec = stored ?? { containers: [] };
  const hasToken = (spec.volumes ?? []).some((v) => v.name.startsWith("kube-api-access-")) || spec.containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SA_TOKEN_PATH));
  const wantsToken = spec.automountServiceAccountToken !== false && !hasToken;
  // A pod stored through the API server has them all: a copy per pod would be the same again.
  if (stored && !wantsToken && specDefaulted(stored)) {
    specCache.set(stored, { uid, spec: stored });
    return stored;
  }
  const volName = wantsToken ? tokenVolumeName(pod) : undefined;
  const mount: VolumeMount | undefined = volName ? { name: volName, mountPath: SA_TOKEN_PATH, readOnly: true } : undefined;
  const out: PodSpec = {
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    enableServiceLinks: true,
    serviceAccountName: "default",
    ...spec,
    containers: spec.containers.map((c) => containerDefaults(c, mount)),
    ...(spec.initContainers ? { initContainers: spec.initContainers.map((c) => containerDefaults(c, mount)) } : {}),
    ...(volName ? { volumes: [...(spec.volumes ?? []), tokenVolume(volName)] } : {}),
  };
  if (stored) specCache.set(stored, { uid, spec: out });
  return out;
}
