import { describe, expect, it } from "vitest";
import { fixedHandle, make } from "../testing";
import { SchedulingGates } from "./scheduling-gates";

describe("SchedulingGates", () => {
  const plugin = SchedulingGates.create(fixedHandle([]));

  it("keeps a gated pod out of the active queue with Kubernetes' message", () => {
    const s = plugin.preEnqueue!(make.pod({ spec: { schedulingGates: [{ name: "example.com/foo" }, { name: "example.com/bar" }] } }));
    expect(s?.code).toBe("UnschedulableAndUnresolvable");
    expect(s?.message).toBe("waiting for scheduling gates: [example.com/foo example.com/bar]");
  });

  it("lets an ungated pod in", () => {
    expect(plugin.preEnqueue!(make.pod())).toBeNull();
  });
});
