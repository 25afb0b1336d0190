import { describe, expect, it } from "vitest";
import { goJson } from "./go-json";
import { strategicMergePatch } from "./strategic-merge";

const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", labels: { app: "web" } },
  spec: { containers, ...extra },
});

describe("strategicMergePatch", () => {
  it("merges containers by name and keeps fields the patch does not mention", () => {
    const live = pod([{ name: "app", image: "nginx:1.25", imagePullPolicy: "IfNotPresent" }]);
    const out = strategicMergePatch(live, { spec: { containers: [{ name: "app", image: "nginx:1.26" }] } }, "Pod");
    expect(out.spec).toEqual({ containers: [{ name: "app", image: "nginx:1.26", imagePullPolicy: "IfNotPresent" }] });
    expect(live.spec.containers[0]).toEqual({ name: "app", image: "nginx:1.25", imagePullPolicy: "IfNotPresent" });
  });

  it("merges ports by containerPort and env by name inside a container", () => {
    const live = pod([{ name: "app", image: "a", ports: [{ containerPort: 80, protocol: "TCP" }], env: [{ name: "A", value: "1" }] }]);
    const out = strategicMergePatch(live, { spec: { containers: [{ name: "app", env: [{ name: "B", value: "2" }], ports: [{ containerPort: 80, name: "http" }] }] } }, "Pod");
    const c = (out.spec as any).containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: "TCP", name: "http" }]);
    // A new element without $setElementOrder goes before the server's elements, as mergeSortedSlice orders it.
    expect(c.env).toEqual([{ name: "B", value: "2" }, { name: "A", value: "1" }]);
  });

  it("follows $setElementOrder; server-only elements come after the patch elements they followed", () => {
    const live = pod([{ name: "a", image: "a" }, { name: "sidecar", image: "s" }]);
    const out = strategicMergePatch(
      live,
      { spec: { "$setElementOrder/containers": [{ name: "a" }, { name: "b" }], containers: [{ name: "b", image: "b" }] } },
      "Pod",
    );
    expect((out.spec as any).containers.map((c: any) => c.name)).toEqual(["a", "b", "sidecar"]);
  });

  it("deletes list elements with $patch: delete and map keys with null", () => {
    const live = pod([{ name: "a", image: "a" }, { name: "b", image: "b" }]);
    const out = strategicMergePatch(live, { metadata: { labels: { app: null } }, spec: { containers: [{ name: "b", $patch: "delete" }] } }, "Pod");
    expect((out.spec as any).containers).toEqual([{ name: "a", image: "a" }]);
    expect((out.metadata as any).labels).toEqual({});
  });

  it("replaces lists without a merge strategy (args, tolerations)", () => {
    const live = pod([{ name: "a", image: "a", args: ["x", "y"] }], { tolerations: [{ key: "k", operator: "Exists" }] });
    const out = strategicMergePatch(live, { spec: { tolerations: [{ key: "z", operator: "Exists" }], containers: [{ name: "a", args: ["z"] }] } }, "Pod");
    expect((out.spec as any).tolerations).toEqual([{ key: "z", operator: "Exists" }]);
    expect((out.spec as any).containers[0].args).toEqual(["z"]);
  });

  it("applies $retainKeys to a volume switching its source", () => {
    const live = pod([{ name: "a", image: "a" }], { volumes: [{ name: "data", emptyDir: {} }] });
    const out = strategicMergePatch(
      live,
      { spec: { volumes: [{ $retainKeys: ["configMap", "name"], configMap: { name: "cm" }, name: "data" }] } },
      "Pod",
    );
    expect((out.spec as any).volumes).toEqual([{ name: "data", configMap: { name: "cm" } }]);
  });

  it("merges primitive lists with merge strategy and honours $deleteFromPrimitiveList", () => {
    const live = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", finalizers: ["a", "b"] } };
    const out = strategicMergePatch(live, { metadata: { finalizers: ["c"], "$deleteFromPrimitiveList/finalizers": ["a"] } }, "GenericObject");
    expect((out.metadata as any).finalizers).toEqual(["c", "b"]);
  });

  it("replaces a whole map with $patch: replace", () => {
    const live = pod([{ name: "a", image: "a" }]);
    const out = strategicMergePatch(live, { metadata: { labels: { $patch: "replace", tier: "web" } } }, "Pod");
    expect((out.metadata as any).labels).toEqual({ tier: "web" });
  });

  it("rejects a list element without its merge key", () => {
    const live = pod([{ name: "a", image: "a" }]);
    expect(() => strategicMergePatch(live, { spec: { containers: [{ image: "b" }] } }, "Pod")).toThrow(/does not contain declared merge key: name/);
  });

  it("round-trips through goJson with sorted keys", () => {
    expect(goJson({ b: 1, a: { d: "<&>", c: [true, null] } })).toBe('{"a":{"c":[true,null],"d":"\\u003c\\u0026\\u003e"},"b":1}');
  });
});
