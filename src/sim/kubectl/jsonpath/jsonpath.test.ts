import { describe, expect, it } from "vitest";
import { JSONPath } from "./jsonpath";

/** The example object of kubernetes.io/docs/reference/kubectl/jsonpath/. */
const DOC = {
  kind: "List",
  items: [
    {
      kind: "None",
      metadata: { name: "127.0.0.1", labels: { "kubernetes.io/hostname": "127.0.0.1" } },
      status: { capacity: { cpu: "4" }, addresses: [{ type: "LegacyHostIP", address: "127.0.0.1" }] },
    },
    {
      kind: "None",
      metadata: { name: "127.0.0.2" },
      status: {
        capacity: { cpu: "8" },
        addresses: [
          { type: "LegacyHostIP", address: "127.0.0.2" },
          { type: "another", address: "127.0.0.3" },
        ],
      },
    },
  ],
  users: [
    { name: "myself", user: {} },
    { name: "e2e", user: { username: "admin", password: "secret" } },
  ],
};

function run(template: string, data: unknown = DOC, allowMissingKeys = true): string {
  return new JSONPath(template, { allowMissingKeys }).execute(data);
}

describe("JSONPath: the kubectl documentation's examples", () => {
  it.each([
    ["kind is {.kind}", "kind is List"],
    ["{.kind}", "List"],
    ["{['kind']}", "List"],
    ["{..name}", "127.0.0.1 127.0.0.2 myself e2e"],
    ["{.items[*].metadata.name}", "127.0.0.1 127.0.0.2"],
    ["{.users[0].name}", "myself"],
    ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['{.users[?(@.name=="e2e")].user.password}', "secret"],
    ["{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ["{range .items[*]}{.metadata.name}{'\\t'}{end}", "127.0.0.1\t127.0.0.2\t"],
    ["{.items[0].metadata.labels.kubernetes\\.io/hostname}", "127.0.0.1"],
  ])("%s", (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  it("{@} is the whole object as JSON", () => {
    expect(run("{@}", { b: 1, a: [true] })).toBe('{"a":[true],"b":1}');
  });
});

describe("JSONPath: slices, unions, filters, ranges", () => {
  const list = { items: [{ n: "a", v: 1 }, { n: "b", v: 2 }, { n: "c", v: 3 }] };

  it("slices with start, end, step and negatives", () => {
    expect(run("{.items[0:2].n}", list)).toBe("a b");
    expect(run("{.items[-1:].n}", list)).toBe("c");
    expect(run("{.items[-1].n}", list)).toBe("c");
    expect(run("{.items[::2].n}", list)).toBe("a c");
    expect(run("{.items[1:1].n}", list)).toBe("");
  });

  it("unions indexes", () => {
    expect(run("{.items[0,2].n}", list)).toBe("a c");
  });

  it("filters with comparisons and existence", () => {
    expect(run("{.items[?(@.v>1)].n}", list)).toBe("b c");
    expect(run("{.items[?(@.v<=2)].n}", list)).toBe("a b");
    expect(run("{.items[?(@.n!='b')].n}", list)).toBe("a c");
    expect(run("{.items[?(@.v)].n}", { items: [{ n: "x" }, { n: "y", v: 0 }] })).toBe("y");
  });

  it("prints text after a range once, and the range body per item", () => {
    expect(run('{range .items[*]}{.n}{"\\n"}{end}done', list)).toBe("a\nb\nc\ndone");
    expect(run('{range .missing[*]}{.n}{end}none', list)).toBe("none");
  });

  it("prints JSON null as null and numbers as Go does", () => {
    expect(run("{.a} {.b} {.c}", { a: null, b: 3, c: 0.5 })).toBe("null 3 0.5");
  });

  it("prints nothing for a missing key by default", () => {
    expect(run("{.status.podIP}", { status: {} })).toBe("");
  });
});

describe("JSONPath errors", () => {
  const err = (template: string, data: unknown = DOC, allow = false) => {
    try {
      run(template, data, allow);
    } catch (e) {
      return (e as Error).message;
    }
    return "no error";
  };

  it("names a missing key when missing keys are not allowed", () => {
    expect(err("{.foo}")).toBe("foo is not found");
  });

  it("reports array bounds and type errors", () => {
    expect(err("{.items[5]}")).toBe("array index out of bounds: index 5, length 2");
    expect(err("{.kind[0]}")).toBe("string is not array or slice");
    expect(err("{.kind[?(@.a)]}", DOC, true)).toBe("List is not array or slice and cannot be filtered");
    expect(err('{.items[?(@.kind==1)]}', DOC, true)).toBe("incompatible types for comparison");
  });

  it("reports syntax errors", () => {
    expect(err("{.items[}")).toBe("unterminated array");
    expect(err("{.kind")).toBe("unclosed action");
    expect(err("{.items[?(@.a==1]}")).toBe("unterminated filter");
    expect(err("{end}")).toBe("not in range, nothing to end");
    expect(err("{.items[a]}")).toBe("invalid array index a");
    expect(err("{#}")).toBe("unrecognized character in action: U+0023 '#'");
  });
});
