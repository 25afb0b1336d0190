import { describe, expect, it } from "vitest";
import { formatFieldError } from "../errors";
import { FieldPath } from "./field";
import { isExtendedResourceName, isOvercommitAllowed, validateResourceRequirements } from "./resources";

describe("resource requirements", () => {
  it("knows native, extended and hugepage resources", () => {
    expect(isExtendedResourceName("example.com/dongle")).toBe(true);
    expect(isExtendedResourceName("cpu")).toBe(false);
    expect(isOvercommitAllowed("hugepages-2Mi")).toBe(false);
    expect(isOvercommitAllowed("memory")).toBe(true);
  });

  it("requires equal requests and limits for extended resources and rejects negatives", () => {
    const p = FieldPath.root("resources");
    expect(validateResourceRequirements({ requests: { "example.com/dongle": "1" } }, p).map(formatFieldError)).toEqual(["resources.limits: Required value: Limit must be set for non overcommitable resources"]);
    expect(validateResourceRequirements({ limits: { "example.com/dongle": "2" }, requests: { "example.com/dongle": "1" } }, p).map(formatFieldError)).toEqual([
      'resources.requests: Invalid value: "1": must be equal to example.com/dongle limit of 2',
    ]);
    expect(validateResourceRequirements({ requests: { memory: "-1Mi" } }, p).map(formatFieldError)).toEqual(['resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0']);
  });
});
