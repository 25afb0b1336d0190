import { describe, expect, it } from "vitest";
import { marshalJSON, printJSON } from "./json";

describe("JSON as kubectl prints it", () => {
  it("sorts keys and indents by four spaces", () => {
    expect(printJSON({ kind: "Pod", apiVersion: "v1", metadata: { name: "a", labels: {} }, items: [] })).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "Pod",\n    "metadata": {\n        "labels": {},\n        "name": "a"\n    }\n}\n',
    );
  });

  it("escapes HTML characters as Go's encoder does", () => {
    expect(marshalJSON({ cmd: "a && b > c <d>" })).toBe('{"cmd":"a \\u0026\\u0026 b \\u003e c \\u003cd\\u003e"}');
  });

  it("drops undefined members", () => {
    expect(marshalJSON({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
