import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

const ds = (labels = { app: "agent" }) => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "agent" },
  spec: { selector: { matchLabels: { app: "agent" } }, template: { metadata: { labels }, spec: { containers: [{ name: "agent", image: "busybox" }] } } },
});

describe("daemonset strategy", () => {
  it("defaults a rolling update of one node at a time", () => {
    const d = testApi().create(ds(), { actor: "kubectl" });
    expect(d.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });

  it("requires template labels matching the selector", () => {
    expect(statusError(() => testApi().create(ds({ app: "x" }), { actor: "kubectl" })).message).toBe(
      'DaemonSet.apps "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
  });
});
