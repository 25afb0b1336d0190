import { describe, expect, it } from "vitest";
import { goFloat, goQuote, goSharpV, goV } from "./gofmt";

describe("Go fmt of JSON data", () => {
  it("%v prints maps sorted as map[k:v] and slices as [a b]", () => {
    expect(goV({ b: 2, a: "x" })).toBe("map[a:x b:2]");
    expect(goV(["a", 1, true, null])).toBe("[a 1 true <nil>]");
  });

  it("%#v prints map[string]interface {} literals", () => {
    expect(goSharpV({ kind: "List", items: [], n: 1 })).toBe('map[string]interface {}{"items":[]interface {}{}, "kind":"List", "n":1}');
    expect(goSharpV(null)).toBe("interface {}(nil)");
  });

  it("formats floats with 'g' and the shortest representation", () => {
    expect(goFloat(0.5)).toBe("0.5");
    expect(goFloat(1234567.5)).toBe("1.2345675e+06");
    expect(goFloat(0.00001)).toBe("1e-05");
  });

  it("quotes like strconv.Quote", () => {
    expect(goQuote('a"b\n\t')).toBe('"a\\"b\\n\\t"');
  });
});
