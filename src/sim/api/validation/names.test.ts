import { describe, expect, it } from "vitest";
import { isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidLabelValue, isValidPortName, nameIsDNSSubdomain } from "./names";
import { FieldPath } from "./field";

describe("name checks", () => {
  it("explain DNS subdomains, labels and 1035 labels in Kubernetes' words", () => {
    expect(isDNS1123Subdomain("example.com")).toEqual([]);
    expect(isDNS1123Subdomain("Bad_Name")).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isDNS1123Label("a.b")).toEqual(["must not contain dots"]);
    expect(isDNS1123Label("x".repeat(64))[0]).toBe("must be no more than 63 characters");
    expect(isDNS1035Label("1abc")[0]).toContain("start with an alphabetic character");
    expect(nameIsDNSSubdomain("web-", true)).toEqual([]);
  });

  it("check label keys and values", () => {
    expect(isQualifiedName("app.kubernetes.io/name")).toEqual([]);
    expect(isQualifiedName("/x")).toEqual(["prefix part must be non-empty"]);
    expect(isQualifiedName("a/b/c")[0]).toMatch(/^a qualified name must consist of/);
    expect(isValidLabelValue("foo bar")).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it("check port names, environment variable names and config keys", () => {
    expect(isValidPortName("http")).toEqual([]);
    expect(isValidPortName("80")).toEqual(["must contain at least one letter (a-z)"]);
    expect(isValidPortName("a-very-long-port-name")).toContain("must be no more than 15 characters");
    expect(isEnvVarName("1ABC")[0]).toMatch(/must not start with a digit/);
    expect(isConfigMapKey("..x")).toEqual(["must not start with '..'"]);
  });

  it("build field paths lazily with Kubernetes' notation", () => {
    const p = FieldPath.root("spec").child("containers").index(0).child("resources", "limits").key("cpu");
    expect(String(p)).toBe("spec.containers[0].resources.limits[cpu]");
    expect(String(FieldPath.root(""))).toBe("");
  });
});
