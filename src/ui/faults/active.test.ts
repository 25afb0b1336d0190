import { describe, expect, it } from "vitest";
import type { RecordedInput } from "../../worker/protocol";
import { activeFaults } from "./active";

const at = (ms: number, text: string): RecordedInput => ({ at: ms, text, source: "console" });

describe("activeFaults", () => {
  const inputs = [
    at(0, "podlab node stop node-1"),
    at(1000, "podlab network partition node-2 node-3"),
    at(2000, "podlab registry outage --registry=docker.io --for=30s"),
    at(3000, "podlab probe fail web -c app --probe=liveness -n shop"),
    at(4000, "podlab node restart node-3"),
    at(5000, "podlab node start node-1"),
    at(6000, "podlab network heal"),
  ];

  it("follows faults and their undoing up to the cursor", () => {
    const early = activeFaults(inputs, 5, 4500);
    expect([...early.stopped]).toEqual(["node-1"]);
    expect([...early.partitioned]).toEqual(["node-2", "node-3"]);
    expect(early.outage).toEqual({ registry: "docker.io", until: 32_000 });
    expect([...early.probes.keys()]).toEqual(["shop/web/app/liveness"]);
    expect(early.rebooting.get("node-3")).toBe(24_000);

    const late = activeFaults(inputs, inputs.length, 40_000);
    expect(late.stopped.size).toBe(0);
    expect(late.partitioned.size).toBe(0);
    expect(late.outage).toBeUndefined();
    expect(late.rebooting.size).toBe(0);
    expect(late.probes.size).toBe(1);
  });

  it("ignores what is not a podlab fault", () => {
    const f = activeFaults([at(0, "kubectl get pods"), at(0, "sleep 5s"), at(0, "podlab registry slow --factor=4")], 3, 0);
    expect(f.slow).toBe(4);
    expect(f.stopped.size).toBe(0);
  });
});
