import { describe, expect, it } from "vitest";
import { familiarName, isInvalidImageReference, parseImageReference } from "./reference";

describe("image references", () => {
  it("normalises Docker Hub names and keeps registries", () => {
    expect(parseImageReference("nginx")).toEqual({ ok: true, ref: { domain: "docker.io", path: "library/nginx", tag: "latest", repository: "docker.io/library/nginx", normalized: "docker.io/library/nginx:latest" } });
    expect(parseImageReference("kuops/node-hello:1.0")).toMatchObject({ ok: true, ref: { normalized: "docker.io/kuops/node-hello:1.0" } });
    expect(parseImageReference("registry.k8s.io/e2e-test-images/agnhost:2.40")).toMatchObject({ ok: true, ref: { domain: "registry.k8s.io", path: "e2e-test-images/agnhost", tag: "2.40" } });
    expect(parseImageReference("localhost:5000/app:v1")).toMatchObject({ ok: true, ref: { domain: "localhost:5000", path: "app" } });
  });

  it("rejects what the kubelet reports as InvalidImageName, in the distribution library's words", () => {
    expect(parseImageReference("Nginx")).toEqual({ ok: false, error: "invalid reference format: repository name (library/Nginx) must be lowercase" });
    expect(parseImageReference("nginx:")).toEqual({ ok: false, error: "invalid reference format" });
    expect(isInvalidImageReference("nginx::1")).toBe(true);
    expect(isInvalidImageReference("-bad")).toBe(true);
    expect(isInvalidImageReference("nginx@sha256:" + "a".repeat(64))).toBe(false);
  });

  it("prints familiar names", () => {
    const p = parseImageReference("docker.io/library/busybox:1.28");
    expect(p.ok && familiarName(p.ref)).toBe("busybox:1.28");
  });
});
