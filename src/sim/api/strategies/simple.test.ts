import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("simple strategies", () => {
  it("validate names of service accounts and pod templates", () => {
    expect(statusError(() => testApi().create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "Robot" } }, { actor: "kubectl" })).message).toMatch(
      /^ServiceAccount "Robot" is invalid: metadata.name: Invalid value: "Robot": a lowercase RFC 1123 subdomain/,
    );
    const tpl = testApi().create({ apiVersion: "v1", kind: "PodTemplate", metadata: { name: "t" }, template: { spec: { containers: [{ name: "c", image: "nginx" }] } } }, { actor: "kubectl" });
    expect(tpl.template.spec.restartPolicy).toBe("Always");
  });
});
