import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { goJson } from "./go-json";
import { LAST_APPLIED_ANNOTATION, lastAppliedValue, originalConfiguration, withLastApplied } from "./last-applied";
import { strategicMergePatch } from "./strategic-merge";
import { createThreeWayMergePatch } from "./three-way";

const manifest = (image: string, labels: Record<string, string> = { app: "web" }, env?: unknown[]): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", labels },
  spec: { containers: [{ name: "web", image, ...(env ? { env } : {}) }] },
});

/** What the server holds after creating `m`: the annotation plus defaults and status. */
function live(m: KObject): KObject {
  const created = withLastApplied(m);
  return {
    ...created,
    metadata: { ...created.metadata, uid: "u1", resourceVersion: "5", labels: { ...created.metadata.labels, "added-by": "someone-else" } },
    spec: {
      ...created.spec,
      containers: created.spec.containers.map((c: any) => ({ ...c, imagePullPolicy: "IfNotPresent", resources: {}, terminationMessagePath: "/dev/termination-log" })),
      dnsPolicy: "ClusterFirst",
      nodeName: "node-1",
    },
    status: { phase: "Running" },
  };
}

function applyPatch(m: KObject, current: KObject): Record<string, unknown> {
  return createThreeWayMergePatch(originalConfiguration(current), withLastApplied(m), current, "Pod");
}

describe("createThreeWayMergePatch", () => {
  it("is empty when the same manifest is applied again over defaulted, controller-written fields", () => {
    const m = manifest("nginx:1.25");
    expect(goJson(applyPatch(m, live(m)))).toBe("{}");
  });

  it("sends the changed image with $setElementOrder and the new annotation, as kubectl does", () => {
    const m1 = manifest("nginx:1.25");
    const m2 = manifest("nginx:1.26");
    const patch = applyPatch(m2, live(m1));
    const annotation = lastAppliedValue(m2);
    expect(goJson(patch)).toBe(
      `{"metadata":{"annotations":{${JSON.stringify(LAST_APPLIED_ANNOTATION)}:${goJson(annotation)}}},"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"image":"nginx:1.26","name":"web"}]}}`,
    );
    const patched = strategicMergePatch(live(m1), patch, "Pod");
    expect((patched.spec as any).containers[0]).toEqual({ name: "web", image: "nginx:1.26", imagePullPolicy: "IfNotPresent", resources: {}, terminationMessagePath: "/dev/termination-log" });
    expect((patched.spec as any).nodeName).toBe("node-1");
    expect((patched.metadata as any).labels).toEqual({ app: "web", "added-by": "someone-else" });
  });

  it("removes a label the previous manifest set and keeps labels others set", () => {
    const m1 = manifest("nginx", { app: "web", tier: "front" });
    const m2 = manifest("nginx", { app: "web" });
    const patch = applyPatch(m2, live(m1));
    expect((patch.metadata as any).labels).toEqual({ tier: null });
    const patched = strategicMergePatch(live(m1), patch, "Pod");
    expect((patched.metadata as any).labels).toEqual({ app: "web", "added-by": "someone-else" });
  });

  it("deletes an env var dropped from the manifest with a $patch: delete directive", () => {
    const m1 = manifest("nginx", undefined, [{ name: "A", value: "1" }, { name: "B", value: "2" }]);
    const m2 = manifest("nginx", undefined, [{ name: "A", value: "1" }]);
    const patch = applyPatch(m2, live(m1));
    const c = (patch.spec as any).containers[0];
    expect(c.env).toEqual([{ $patch: "delete", name: "B" }]);
    expect(c["$setElementOrder/env"]).toEqual([{ name: "A" }]);
    const patched = strategicMergePatch(live(m1), patch, "Pod");
    expect((patched.spec as any).containers[0].env).toEqual([{ name: "A", value: "1" }]);
  });

  it("records the annotation with sorted keys, an empty annotations map and a trailing newline", () => {
    const value = lastAppliedValue(manifest("nginx"));
    expect(value).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"web"}]}}\n',
    );
  });

  it("without a previous configuration only adds and changes, never deletes", () => {
    const m = manifest("nginx:2", { app: "web" });
    const current = live(manifest("nginx:1", { app: "web", tier: "x" }));
    delete current.metadata.annotations![LAST_APPLIED_ANNOTATION];
    const patch = applyPatch(m, current);
    expect((patch.metadata as any).labels).toBeUndefined();
    expect((patch.spec as any).containers).toEqual([{ image: "nginx:2", name: "web" }]);
  });
});
