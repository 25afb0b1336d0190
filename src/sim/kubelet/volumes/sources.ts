/**
 * The content of API-backed volumes as the kubelet's atomic writer lays it out: configMap and secret
 * keys (or items) as files with their modes, downwardAPI files, and projected volumes mixing all of
 * them with a service account token — the kube-api-access volume at
 * /var/run/secrets/kubernetes.io/serviceaccount (token, ca.crt, namespace).
 */
import type {
  ConfigMap,
  ConfigMapProjection,
  ConfigMapVolumeSource,
  DownwardAPIProjection,
  Pod,
  Secret,
  SecretProjection,
  SecretVolumeSource,
  ServiceAccountTokenProjection,
  Volume,
} from "kubernetes-types/core/v1";
import type { DeferredText, VolumeFiles } from "../../runtime/cri";
import { Random } from "../../random";
import type { ObjectStore } from "../../store/store";
import { decodeBase64, encodeBase64 } from "../../util/base64";
import { fieldValue, resourceValue, type NodeAllocatable, type PodFacts } from "../env/field-ref";

export type Files = VolumeFiles;

/** A volume that cannot be set up now; the message follows `MountVolume.SetUp failed for volume "x" : `. */
export class VolumeSetUpError extends Error {}

/** What rendering needs besides the store. */
export interface RenderContext {
  store: ObjectStore;
  pod: Pod;
  facts: PodFacts;
  allocatable: NodeAllocatable;
  now: number;
  /** Unix seconds of `now`, for token claims. */
  unixSeconds: number;
  /** The cluster's random source. */
  random: Random;
}

const DEFAULT_MODE = 0o644;

/** The cluster's root CA, as published in every namespace's kube-root-ca.crt ConfigMap. */
export const ROOT_CA_PEM = [
  "-----BEGIN CERTIFICATE-----",
  "MIIDBTCCAe2gAwIBAgIIQ2xvc2VkQ0EwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE",
  "AxMKa3ViZXJuZXRlczAeFw0yNTAxMDEwMDAwMDBaFw0zNTAxMDEwMDAwMDBaMBUx",
  "EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK",
  "AoIBAQC9c2ltdWxhdGVkIGNsdXN0ZXIgcm9vdCBjZXJ0aWZpY2F0ZSBmb3IgcG9k",
  "bGFiIChub3QgYSByZWFsIGtleSkAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRob",
  "HB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/QEFCQ0RFRkdISUpL",
  "-----END CERTIFICATE-----",
  "",
].join("\n");

function cmData(cm: ConfigMap): Record<string, string> {
  const out: Record<string, string> = { ...cm.data };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = decodeBase64(v) ?? "";
  return out;
}

function secretData(s: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decodeBase64(v) ?? "";
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v;
  return out;
}

function project(data: Record<string, string>, items: { key: string; path: string; mode?: number }[] | undefined, mode: number, optional: boolean, what: string, files: Files): void {
  if (!items || items.length === 0) {
    for (const [k, v] of Object.entries(data)) files[k] = { content: v, mode };
    return;
  }
  for (const it of items) {
    if (!(it.key in data)) {
      if (optional) continue;
      throw new VolumeSetUpError(`${what} references non-existent ${what === "configmap" ? "config" : "secret"} key: ${it.key}`);
    }
    files[it.path] = { content: data[it.key], mode: it.mode ?? mode };
  }
}

function configMapFiles(ctx: RenderContext, src: ConfigMapVolumeSource | ConfigMapProjection, defaultMode: number, files: Files): void {
  const ns = ctx.pod.metadata?.namespace ?? "default";
  const name = src.name ?? "";
  let cm = ctx.store.get("ConfigMap", ns, name) as ConfigMap | undefined;
  if (!cm && name === "kube-root-ca.crt") cm = { data: { "ca.crt": ROOT_CA_PEM } };
  if (!cm) {
    if (src.optional) return;
    throw new VolumeSetUpError(`configmap "${name}" not found`);
  }
  project(cmData(cm), src.items, defaultMode, !!src.optional, "configmap", files);
}

function secretFiles(ctx: RenderContext, name: string, items: SecretVolumeSource["items"], optional: boolean, defaultMode: number, files: Files): void {
  const ns = ctx.pod.metadata?.namespace ?? "default";
  const s = ctx.store.get("Secret", ns, name) as Secret | undefined;
  if (!s) {
    if (optional) return;
    throw new VolumeSetUpError(`secret "${name}" not found`);
  }
  project(secretData(s), items, defaultMode, optional, "secret", files);
}

function downwardFiles(ctx: RenderContext, src: DownwardAPIProjection, defaultMode: number, files: Files): void {
  for (const it of src.items ?? []) {
    let content = "";
    if (it.fieldRef) content = fieldValue(ctx.pod, it.fieldRef.fieldPath, ctx.facts, true);
    else if (it.resourceFieldRef) {
      const c = [...(ctx.pod.spec?.containers ?? []), ...(ctx.pod.spec?.initContainers ?? [])].find((x) => x.name === it.resourceFieldRef!.containerName);
      if (!c) throw new VolumeSetUpError(`unable to find container ${it.resourceFieldRef.containerName}`);
      content = resourceValue(c, it.resourceFieldRef.resource, it.resourceFieldRef.divisor as string | undefined, ctx.allocatable);
    }
    files[it.path] = { content, mode: it.mode ?? defaultMode };
  }
}

const TOKEN_ISSUER = "https://kubernetes.default.svc.cluster.local";

/** Hex digits a token draws: the key id (43), the jti (8-4-4-4-12) and the signature (128). */
const TOKEN_DRAWS = 43 + 32 + 128;

/**
 * What a bound token says. Its random parts are kept as the random source's state before they were
 * drawn, and drawn again the same when the JWT text is first read.
 */
class TokenClaims implements DeferredText {
  constructor(
    readonly drawn: readonly [number, number, number, number],
    readonly audience: string | undefined,
    readonly iat: number,
    readonly exp: number,
    readonly namespace: string,
    readonly serviceAccount: string,
    readonly serviceAccountUid: string,
    readonly nodeName: string,
    readonly podName: string,
    readonly podUid: string,
  ) {}

  /** The JWT: header, claims and signature, base64url-encoded. */
  text(): string {
    const random = new Random();
    random.restore(this.drawn);
    const header = { alg: "RS256", kid: random.hex(43) };
    const claims = {
      aud: [this.audience ?? TOKEN_ISSUER],
      exp: this.exp,
      iat: this.iat,
      iss: TOKEN_ISSUER,
      jti: [random.hex(8), random.hex(4), random.hex(4), random.hex(4), random.hex(12)].join("-"),
      "kubernetes.io": {
        namespace: this.namespace,
        node: { name: this.nodeName, uid: "" },
        pod: { name: this.podName, uid: this.podUid },
        serviceaccount: { name: this.serviceAccount, uid: this.serviceAccountUid },
        warnafter: this.iat + 3600,
      },
      nbf: this.iat,
      sub: `system:serviceaccount:${this.namespace}:${this.serviceAccount}`,
    };
    return `${encodeBase64(JSON.stringify(header), true)}.${encodeBase64(JSON.stringify(claims), true)}.${encodeBase64(random.hex(128), true)}`;
  }
}

/**
 * A bound service account token: a JWT with the claims the API server puts in it. The random source
 * moves past its draws now, as when the text was made here; the text is made when the file is read.
 */
function tokenFile(ctx: RenderContext, src: ServiceAccountTokenProjection, defaultMode: number, files: Files): void {
  const ns = ctx.pod.metadata?.namespace ?? "default";
  const sa = ctx.pod.spec?.serviceAccountName ?? "default";
  const saObj = ctx.store.get("ServiceAccount", ns, sa);
  const iat = ctx.unixSeconds;
  const drawn = ctx.random.save();
  for (let i = 0; i < TOKEN_DRAWS; i++) ctx.random.next();
  const claims = new TokenClaims(drawn, src.audience || undefined, iat, iat + (src.expirationSeconds ?? 3607), ns, sa, saObj?.metadata?.uid ?? "", ctx.pod.spec?.nodeName ?? "", ctx.pod.metadata?.name ?? "", ctx.pod.metadata?.uid ?? "");
  files[src.path] = { content: claims, mode: defaultMode };
}

/** Renders a configMap, secret, downwardAPI or projected volume. */
export function renderVolume(ctx: RenderContext, volume: Volume): Files {
  const files: Files = {};
  if (volume.configMap) configMapFiles(ctx, volume.configMap, volume.configMap.defaultMode ?? DEFAULT_MODE, files);
  else if (volume.secret) secretFiles(ctx, volume.secret.secretName ?? "", volume.secret.items, !!volume.secret.optional, volume.secret.defaultMode ?? DEFAULT_MODE, files);
  else if (volume.downwardAPI) downwardFiles(ctx, volume.downwardAPI, volume.downwardAPI.defaultMode ?? DEFAULT_MODE, files);
  else if (volume.projected) {
    const mode = volume.projected.defaultMode ?? DEFAULT_MODE;
    for (const src of volume.projected.sources ?? []) {
      if (src.configMap) configMapFiles(ctx, src.configMap, mode, files);
      else if (src.secret) secretFiles(ctx, (src.secret as SecretProjection).name ?? "", src.secret.items, !!src.secret.optional, mode, files);
      else if (src.downwardAPI) downwardFiles(ctx, src.downwardAPI, mode, files);
      else if (src.serviceAccountToken) tokenFile(ctx, src.serviceAccountToken, mode, files);
    }
  }
  return files;
}

/** The volume source's kind, as `kubectl describe` and the view name it. */
export function volumeType(volume: object): string {
  for (const k of ["emptyDir", "hostPath", "configMap", "secret", "downwardAPI", "projected", "persistentVolumeClaim", "ephemeral", "nfs", "csi", "image"]) {
    if ((volume as Record<string, unknown>)[k] !== undefined) return k;
  }
  return "unknown";
}
