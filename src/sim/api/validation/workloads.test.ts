import { describe, expect, it } from "vitest";
import { formatFieldError } from "../errors";
import { FieldPath } from "./field";
import { cronScheduleError, goLabelSelector, validateIntOrPercent } from "./workloads";

describe("workload helpers", () => {
  it("parse cron schedules like robfig/cron", () => {
    expect(cronScheduleError("*/1 * * * *")).toBeUndefined();
    expect(cronScheduleError("0 0 31 2 *")).toBeUndefined();
    expect(cronScheduleError("CRON_TZ=UTC 0 * * * *")).toBeUndefined();
    expect(cronScheduleError("0 24 * * *")).toBe("end of range (24) above maximum (23): 24");
    expect(cronScheduleError("5-1 * * * *")).toBe("beginning of range (5) beyond end of range (1): 5-1");
    expect(cronScheduleError("x * * * *")).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronScheduleError("@sometimes")).toBe("unrecognized descriptor: @sometimes");
  });

  it("check int-or-percent values", () => {
    expect(validateIntOrPercent("25%", FieldPath.root("x"))).toEqual([]);
    expect(validateIntOrPercent("150%", FieldPath.root("x")).map(formatFieldError)).toEqual(['x: Invalid value: "150%": must not be greater than 100%']);
    expect(validateIntOrPercent("abc", FieldPath.root("x")).map(formatFieldError)[0]).toMatch(/^x: Invalid value: "abc": a valid percent string must be a numeric string followed by an ending '%'/);
    expect(validateIntOrPercent(-1, FieldPath.root("x")).map(formatFieldError)).toEqual(["x: Invalid value: -1: must be greater than or equal to 0"]);
  });

  it("print label selectors as Go's %#v", () => {
    expect(goLabelSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] }).text).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"a"}}}}',
    );
  });
});
