import type { Event } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Bootstrap } from "../bootstrap";
import { Cluster } from "../cluster";
import type { KObject } from "./types";

function setup() {
  const cluster = new Cluster({ components: [new Bootstrap()] }).start();
  const cm = cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" } } as KObject, { actor: "kubectl" });
  const record = (message: string) => cluster.events.record(cm, "Normal", "Seen", message, { component: "test", host: "h" })!;
  const names = () => (cluster.store.list("Event", "default") as Event[]).map((e) => `${e.message} x${e.count}`).sort();
  return { cluster, record, names };
}

describe("EventRecorder", () => {
  it("deletes an event an hour after its last write, and starts a new one after that", async () => {
    const { cluster, record, names } = setup();
    const first = record("a");
    await cluster.advance(1_000);
    record("b");
    await cluster.advance(1_800_000);
    // Written again half an hour in: its hour starts over.
    expect(record("a").metadata!.name).toBe(first.metadata!.name);
    await cluster.advance(1_800_000);
    expect(names()).toEqual(["a x2"]);
    await cluster.advance(1_800_000);
    expect(names()).toEqual([]);
    const again = record("a");
    expect(again.metadata!.name).not.toBe(first.metadata!.name);
    expect(again.count).toBe(1);
  });

  it("keeps expiries in time order when the TTL shortens", async () => {
    const { cluster, record, names } = setup();
    record("long");
    await cluster.advance(1_000);
    cluster.events.ttlMs = 10_000;
    record("short");
    await cluster.advance(10_000);
    expect(names()).toEqual(["long x1"]);
    await cluster.advance(3_600_000);
    expect(names()).toEqual([]);
  });

  it("works through thousands of expiries, compacting its queue as it goes", async () => {
    const { cluster, record, names } = setup();
    for (let i = 0; i < 3_000; i++) {
      record(`m${i % 7}`);
      await cluster.advance(2_000);
    }
    // Seven messages rewritten every 14 s: all alive, each counted by how often it came.
    expect(names()).toHaveLength(7);
    await cluster.advance(3_600_000);
    expect(names()).toEqual([]);
  });
});
