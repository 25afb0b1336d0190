import { describe, expect, it } from "vitest";
import { applyJsonPatch, createJsonMergePatch, jsonMergePatch, JsonPatchError } from "./json-patch";

describe("JSON merge patch (RFC 7386)", () => {
  it("merges objects, deletes with null and replaces lists", () => {
    const doc = { a: 1, b: { c: 2, d: 3 }, l: [1, 2] };
    expect(jsonMergePatch(doc, { b: { c: null, e: 4 }, l: [3] })).toEqual({ a: 1, b: { d: 3, e: 4 }, l: [3] });
    expect(doc).toEqual({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] });
  });

  it("computes the patch between two documents", () => {
    expect(createJsonMergePatch({ a: 1, b: { c: 2 }, x: 1 }, { a: 1, b: { c: 3 }, y: 2 })).toEqual({ b: { c: 3 }, x: null, y: 2 });
  });
});

describe("JSON patch (RFC 6902)", () => {
  const doc = { metadata: { labels: { a: "1" } }, spec: { list: ["x", "y"] } };

  it("adds, replaces, removes, moves, copies and tests", () => {
    const out = applyJsonPatch(doc, [
      { op: "add", path: "/metadata/labels/b", value: "2" },
      { op: "replace", path: "/metadata/labels/a", value: "9" },
      { op: "add", path: "/spec/list/-", value: "z" },
      { op: "remove", path: "/spec/list/0" },
      { op: "copy", from: "/metadata/labels/b", path: "/metadata/labels/c" },
      { op: "move", from: "/metadata/labels/c", path: "/metadata/name" },
      { op: "test", path: "/metadata/name", value: "2" },
    ]);
    expect(out).toEqual({ metadata: { labels: { a: "9", b: "2" }, name: "2" }, spec: { list: ["y", "z"] } });
  });

  it("escapes ~ and / in pointers", () => {
    expect(applyJsonPatch({ m: {} }, [{ op: "add", path: "/m/app.kubernetes.io~1name", value: "x" }])).toEqual({ m: { "app.kubernetes.io/name": "x" } });
  });

  it("fails on missing paths, failed tests and malformed documents", () => {
    expect(() => applyJsonPatch(doc, [{ op: "replace", path: "/spec/nope", value: 1 }])).toThrow('replace operation does not apply: doc is missing path: "/spec/nope": missing value');
    expect(() => applyJsonPatch(doc, [{ op: "test", path: "/metadata/labels/a", value: "2" }])).toThrow("testing value /metadata/labels/a failed: test failed");
    try {
      applyJsonPatch(doc, { op: "add" });
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(JsonPatchError);
      expect((e as JsonPatchError).decode).toBe(true);
    }
  });
});
