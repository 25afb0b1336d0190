import { describe, expect, it } from "vitest";
import { formatSelector, fromLabelSelector, matches, parseSelector, SelectorParseError } from "./labels";

describe("label selectors", () => {
  const labels = { app: "nginx", tier: "web", env: "prod" };

  it("parses equality and set-based requirements as kubectl -l does", () => {
    expect(matches(parseSelector("app=nginx"), labels)).toBe(true);
    expect(matches(parseSelector("app==nginx,tier=web"), labels)).toBe(true);
    expect(matches(parseSelector("app!=nginx"), labels)).toBe(false);
    expect(matches(parseSelector("env in (prod, staging)"), labels)).toBe(true);
    expect(matches(parseSelector("env notin (prod)"), labels)).toBe(false);
    expect(matches(parseSelector("tier"), labels)).toBe(true);
    expect(matches(parseSelector("!tier"), labels)).toBe(false);
    expect(matches(parseSelector("!missing,app"), labels)).toBe(true);
    expect(matches(parseSelector(""), labels)).toBe(true);
    expect(() => parseSelector("app=nginx)")).not.toThrow();
    expect(() => parseSelector("=x")).toThrow(SelectorParseError);
  });

  it("treats a missing LabelSelector as matching nothing and an empty one as everything", () => {
    expect(matches(fromLabelSelector(undefined), labels)).toBe(false);
    expect(matches(fromLabelSelector({}), labels)).toBe(true);
    const sel = fromLabelSelector({ matchLabels: { app: "nginx" }, matchExpressions: [{ key: "env", operator: "NotIn", values: ["dev"] }] });
    expect(matches(sel, labels)).toBe(true);
    expect(formatSelector(sel)).toBe("app=nginx,env notin (dev)");
  });
});
