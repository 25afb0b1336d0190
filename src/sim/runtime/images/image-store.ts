/**
 * A node's image store (containerd's content store, as the CRI image service sees it): the images
 * pulled on this node, pulls that take virtual time from the image's size and the registry's
 * bandwidth (with seeded jitter), concurrent pulls of one image shared, and pull failures worded as
 * containerd reports them.
 */
import type { Cluster } from "../../cluster";
import type { PullAuth, PullOutcome } from "../cri";
import { RUNTIME_DATA } from "../data";
import { pullProblem, resolveImage } from "./catalogue";
import { parseImageReference, type ImageReference } from "./reference";
import type { ResolvedImage } from "./types";

/** The Infra container image kind's nodes come with. */
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10";

/** Registries that are down (a fault), by domain; shared by every node of a cluster. */
const outages = new WeakMap<Cluster, Set<string>>();

/** Starts or ends a registry outage ("docker.io", "registry.k8s.io", or "*" for every registry). */
export function setRegistryOutage(cluster: Cluster, registry: string, down: boolean): void {
  let set = outages.get(cluster);
  if (!set) outages.set(cluster, (set = new Set()));
  if (down) set.add(registry);
  else set.delete(registry);
}

/** How many times slower than usual the registries answer (a fault), shared by every node of a cluster. */
const slowdowns = new WeakMap<Cluster, number>();

/** Makes every registry `factor` times slower (1 restores the usual speed). */
export function setRegistrySlowdown(cluster: Cluster, factor: number): void {
  if (factor === 1) slowdowns.delete(cluster);
  else slowdowns.set(cluster, factor);
}

function registryDown(cluster: Cluster, domain: string): boolean {
  const set = outages.get(cluster);
  return !!set && (set.has("*") || set.has(domain));
}

/** Host a registry's API lives at (Docker Hub's differs from its name). */
function registryHost(domain: string): string {
  return domain === "docker.io" ? "registry-1.docker.io" : domain;
}

/** Normalises a registry key of a docker config ("https://index.docker.io/v1/" → "docker.io"). */
function registryOfKey(key: string): string {
  const host = key.replace(/^https?:\/\//, "").split("/")[0];
  return host === "index.docker.io" || host === "registry-1.docker.io" ? "docker.io" : host;
}

export class ImageStore {
  private readonly images = new Map<string, ResolvedImage>();
  private readonly inflight = new Map<string, ((o: PullOutcome) => void)[]>();

  constructor(private readonly cluster: Cluster) {
    const pause = parseImageReference(PAUSE_IMAGE);
    if (pause.ok) this.images.set(pause.ref.normalized, resolveImage(pause.ref));
  }

  /** The cached image for a reference, if pulled. */
  get(image: string): ResolvedImage | undefined {
    const p = parseImageReference(image);
    return p.ok ? this.images.get(p.ref.normalized) : undefined;
  }

  has(image: string): boolean {
    return this.get(image) !== undefined;
  }

  list(): { names: string[]; sizeBytes: number }[] {
    return [...this.images.values()].map((i) => ({ names: [i.digestRef, i.ref], sizeBytes: i.sizeBytes }));
  }

  pull(image: string, auth: PullAuth | undefined, done: (o: PullOutcome) => void): void {
    const parsed = parseImageReference(image);
    const clock = this.cluster.clock;
    if (!parsed.ok) {
      clock.after(0, () => done({ ok: false, reason: "ErrImagePull", message: `rpc error: code = InvalidArgument desc = failed to pull and unpack image "${image}": ${parsed.error}`, durationMs: 0 }), `pull ${image}`);
      return;
    }
    const ref = parsed.ref;
    const waiting = this.inflight.get(ref.normalized);
    if (waiting) {
      waiting.push(done);
      return;
    }
    this.inflight.set(ref.normalized, [done]);
    const { outcome, durationMs } = this.decide(ref, auth);
    const start = clock.now;
    clock.after(
      durationMs,
      () => {
        const list = this.inflight.get(ref.normalized) ?? [];
        this.inflight.delete(ref.normalized);
        if (outcome.ok) this.images.set(ref.normalized, resolveImage(ref));
        for (const cb of list) cb({ ...outcome, durationMs: clock.now - start } as PullOutcome);
      },
      `pull ${ref.normalized}`,
    );
  }

  private decide(ref: ImageReference, auth: PullAuth | undefined): { outcome: PullOutcome; durationMs: number } {
    const r = this.cluster.random;
    const name = ref.normalized;
    const failed = (code: string, detail: string, ms: number) => ({
      outcome: { ok: false as const, reason: "ErrImagePull" as const, message: `rpc error: code = ${code} desc = failed to pull and unpack image "${name}": ${detail}`, durationMs: ms },
      durationMs: ms,
    });
    if (registryDown(this.cluster, ref.domain)) {
      const path = ref.path;
      return failed("Unknown", `failed to resolve reference "${name}": failed to do request: Head "https://${registryHost(ref.domain)}/v2/${path}/manifests/${ref.digest ?? ref.tag}": dial tcp 54.236.113.205:443: i/o timeout`, RUNTIME_DATA.pullUnreachableMs);
    }
    const credentials = !!auth && Object.keys(auth.registries).some((k) => registryOfKey(k) === ref.domain);
    const problem = pullProblem(ref, credentials);
    if (problem?.kind === "not-found") return failed("NotFound", `failed to resolve reference "${name}": ${name}: not found`, r.jitter(RUNTIME_DATA.pullNotFoundMs, RUNTIME_DATA.pullJitter));
    if (problem?.kind === "denied") {
      return failed("Unknown", `failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`, r.jitter(RUNTIME_DATA.pullNotFoundMs, RUNTIME_DATA.pullJitter));
    }
    if (problem?.kind === "unreachable") {
      return failed("Unknown", `failed to resolve reference "${name}": failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: lookup ${ref.domain.replace(/:\d+$/, "")}: no such host`, r.jitter(RUNTIME_DATA.pullNotFoundMs, RUNTIME_DATA.pullJitter));
    }
    const resolved = resolveImage(ref);
    const present = this.images.has(name);
    const transfer = present ? 0 : (resolved.sizeBytes / RUNTIME_DATA.pullBytesPerSecond + resolved.sizeBytes / RUNTIME_DATA.unpackBytesPerSecond) * 1000;
    const durationMs = r.jitter(RUNTIME_DATA.pullResolveMs + transfer, RUNTIME_DATA.pullJitter) * (slowdowns.get(this.cluster) ?? 1);
    return {
      outcome: { ok: true, imageRef: resolved.digestRef, imageID: resolved.id, sizeBytes: resolved.sizeBytes, durationMs, alreadyPresent: present },
      durationMs,
    };
  }
}
