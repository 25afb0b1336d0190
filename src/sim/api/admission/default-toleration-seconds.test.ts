import { describe, expect, it } from "vitest";
import { make, testApi } from "../fixtures";

describe("DefaultTolerationSeconds", () => {
  it("adds the not-ready and unreachable tolerations only when missing", () => {
    const api = testApi();
    const own = { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 };
    const pod = api.create(make.pod("p", { tolerations: [own] }), { actor: "kubectl" });
    expect(pod.spec.tolerations).toEqual([own, { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }]);
    const all = api.create(make.pod("q", { tolerations: [{ operator: "Exists" }] }), { actor: "kubectl" });
    expect(all.spec.tolerations).toEqual([{ operator: "Exists" }]);
  });
});
