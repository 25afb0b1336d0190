import { describe, expect, it } from "vitest";
import { ManifestError, parseManifests } from "./manifest";

describe("parseManifests", () => {
  it("splits documents, skips empty ones, flattens Lists and records start lines", () => {
    const text = ["# a comment", "apiVersion: v1", "kind: Pod", "metadata:", "  name: a", "---", "---", "apiVersion: v1", "kind: List", "items:", "- apiVersion: v1", "  kind: ConfigMap", "  metadata: {name: b}"].join("\n");
    const docs = parseManifests(text, "x.yaml");
    expect(docs.map((d) => [d.object.metadata.name, d.line])).toEqual([["a", 2], ["b", 8]]);
  });

  it("names the line of a syntax error", () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   labels: x\n";
    try {
      parseManifests(text, "bad.yaml");
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestError);
      expect((e as ManifestError).line).toBeGreaterThanOrEqual(4);
      expect((e as Error).message).toMatch(/^error parsing bad\.yaml: error converting YAML to JSON: yaml: line \d+: /);
    }
  });

  it("rejects non-mappings, huge files and deep nesting with clear errors", () => {
    expect(() => parseManifests("- a\n- b\n", "l.yaml")).toThrow(ManifestError);
    expect(() => parseManifests("x".repeat(11 * 1024 * 1024), "big.yaml")).toThrow(/limit/);
    const deep = "a: ".repeat(150) + "1";
    expect(() => parseManifests(`${"[".repeat(200)}${"]".repeat(200)}`, "deep.yaml")).toThrow(ManifestError);
    expect(() => parseManifests(deep, "deep2.yaml")).toThrow(ManifestError);
  });
});
