import { describe, expect, it } from "vitest";
import { EventCorrelator } from "./event-correlator";

const ev = (message: string, reason = "SuccessfulCreate") => ({ sourceObject: "replicaset-controller|ReplicaSet|default|web", type: "Normal", reason, message, fieldPath: "" });

describe("EventCorrelator", () => {
  it("folds the tenth similar message into a combined event and keeps counting it", () => {
    const c = new EventCorrelator();
    const out = Array.from({ length: 12 }, (_, i) => c.correlate(ev(`Created pod: web-${i}`), i * 1000)!);
    expect(out.slice(0, 9).map((o) => o.message)).toEqual(Array.from({ length: 9 }, (_, i) => `Created pod: web-${i}`));
    expect(out[9].message).toBe("(combined from similar events): Created pod: web-9");
    expect(out[10].key).toBe(out[9].key);
    expect(out[11].message).toBe("(combined from similar events): Created pod: web-11");
  });

  it("repeats of one message share a key", () => {
    const c = new EventCorrelator();
    const a = c.correlate(ev("Liveness probe failed", "Unhealthy"), 0)!;
    const b = c.correlate(ev("Liveness probe failed", "Unhealthy"), 5000)!;
    expect(b.key).toBe(a.key);
  });

  it("drops a flood after 25 events per source and object, and lets one through every five minutes", () => {
    const c = new EventCorrelator();
    const kept = Array.from({ length: 40 }, (_, i) => c.correlate(ev("same"), i)).filter(Boolean);
    expect(kept).toHaveLength(25);
    expect(c.correlate(ev("same"), 100)).toBeUndefined();
    expect(c.correlate(ev("same"), 300_100)).toBeDefined();
    expect(c.correlate(ev("same"), 300_200)).toBeUndefined();
  });

  it("remembers at most 4,096 sources and objects, as client-go's LRU caches do: a forgotten one starts a fresh bucket", () => {
    const c = new EventCorrelator();
    const about = (object: number, message = "same") => ({ ...ev(message), sourceObject: `kubelet|Pod|default|p-${object}` });
    for (let i = 0; i < 25; i++) c.correlate(about(0), i);
    expect(c.correlate(about(0), 25)).toBeUndefined();
    for (let i = 1; i <= 4096; i++) c.correlate(about(i), 100);
    // Object 0's empty bucket was the least recently used, and went.
    expect(c.correlate(about(0), 200)).toBeDefined();
  });
});
