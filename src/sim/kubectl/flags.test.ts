import { describe, expect, it } from "vitest";
import { FlagError, parseFlags, type FlagSpec } from "./flags";

const specs: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "filename", short: "f", type: "stringArray", default: [] },
  { name: "watch", short: "w", type: "bool" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "tail", type: "int", default: -1 },
  { name: "dry-run", type: "string", noOptDefault: "unchanged", default: "none" },
];

describe("parseFlags", () => {
  it("reads long, short, clustered and = forms", () => {
    const p = parseFlags(["get", "pods", "-nkube-system", "-wA", "--tail=5", "-f", "a.yaml", "--filename=b.yaml", "--dry-run"], specs);
    expect(p.positional).toEqual(["get", "pods"]);
    expect(p.values.get("namespace")).toBe("kube-system");
    expect(p.values.get("watch")).toBe(true);
    expect(p.values.get("all-namespaces")).toBe(true);
    expect(p.values.get("tail")).toBe(5);
    expect(p.values.get("filename")).toEqual(["a.yaml", "b.yaml"]);
    expect(p.values.get("dry-run")).toBe("unchanged");
    expect(p.set.has("tail")).toBe(true);
  });

  it("keeps words after -- and applies defaults", () => {
    const p = parseFlags(["exec", "p", "--", "ls", "-la"], specs);
    expect(p.afterDash).toEqual(["ls", "-la"]);
    expect(p.values.get("tail")).toBe(-1);
    expect(p.set.has("tail")).toBe(false);
  });

  it("rejects unknown flags and bad values with pflag's words", () => {
    expect(() => parseFlags(["--nope"], specs)).toThrow(new FlagError("unknown flag: --nope"));
    expect(() => parseFlags(["-x"], specs)).toThrow(new FlagError("unknown shorthand flag: 'x' in -x"));
    expect(() => parseFlags(["--tail=abc"], specs)).toThrow(/invalid argument "abc" for "--tail" flag/);
    expect(() => parseFlags(["-n"], specs)).toThrow(/flag needs an argument/);
  });
});

describe("findVerb", () => {
  it("finds multi-word commands with flags between the words, as cobra does", async () => {
    const { findVerb } = await import("./kubectl");
    const found = findVerb(["create", "-n", "dev", "deployment", "web", "--image=nginx"]);
    expect(found?.verb.name).toBe("create deployment");
    expect(found?.rest).toEqual(["-n", "dev", "web", "--image=nginx"]);
    expect(findVerb(["get", "-o", "wide", "pods"])?.verb.name).toBe("get");
    expect(findVerb(["nope"])).toBeUndefined();
  });
});
