import { describe, expect, it } from "vitest";
import type { PullOutcome } from "../cri";
import { Bench } from "../testing/harness";
import { setRegistryOutage } from "./image-store";

async function pull(b: Bench, image: string, auth?: { registries: Record<string, { username: string }> }): Promise<PullOutcome> {
  let out: PullOutcome | undefined;
  b.runtime.pullImage(image, auth, (o) => (out = o));
  await b.cluster.clock.advanceUntil(() => out !== undefined, 600_000);
  return out!;
}

describe("image pulls", () => {
  it("take time by image size and bandwidth, are cached per node, and list for node.status.images", async () => {
    const b = new Bench();
    const first = await pull(b, "nginx");
    expect(first).toMatchObject({ ok: true, sizeBytes: 72_188_133, alreadyPresent: false, imageRef: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/) });
    expect(first.durationMs).toBeGreaterThan(2_500);
    expect(first.durationMs).toBeLessThan(5_000);
    expect(b.runtime.hasImage("nginx:latest")).toBe(true);
    const again = await pull(b, "docker.io/library/nginx:latest");
    expect(again).toMatchObject({ ok: true, alreadyPresent: true });
    expect(again.durationMs).toBeLessThan(500);
    expect(b.runtime.listImages().map((i) => i.names[1])).toEqual(["registry.k8s.io/pause:3.10", "docker.io/library/nginx:latest"]);
    const other = new Bench(1, "node-2");
    expect(other.runtime.hasImage("nginx")).toBe(false);
  });

  it("fails for a tag no release has, a repository that does not exist, and a private one without credentials", async () => {
    const b = new Bench();
    expect(await pull(b, "nginx:1.161")).toMatchObject({
      ok: false,
      reason: "ErrImagePull",
      message: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    });
    const denied = 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    expect(await pull(b, "nginxx")).toMatchObject({ ok: false, message: denied });
    expect(await pull(b, "kuops/secret-demo")).toMatchObject({ ok: false, message: expect.stringContaining("pull access denied") });
    expect(await pull(b, "kuops/secret-demo", { registries: { "https://index.docker.io/v1/": { username: "kuops" } } })).toMatchObject({ ok: true });
    expect(await pull(b, "registry.k8s.io/does-not-exist:1.0")).toMatchObject({ ok: false, message: expect.stringContaining('registry.k8s.io/does-not-exist:1.0: not found') });
  });

  it("pulls an unknown application image (it runs as a generic server) and fails during a registry outage", async () => {
    const b = new Bench();
    expect(await pull(b, "myorg/shop-frontend:2.3.1")).toMatchObject({ ok: true });
    setRegistryOutage(b.cluster, "docker.io", true);
    const o = await pull(b, "redis");
    expect(o).toMatchObject({ ok: false, durationMs: 30_000 });
    expect(!o.ok && o.message).toContain('Head "https://registry-1.docker.io/v2/library/redis/manifests/latest": dial tcp 54.236.113.205:443: i/o timeout');
  });
});
