import { describe, expect, it } from "vitest";
import { goDiff, podSpecDiff } from "./go-diff";

const base = () => ({
  containers: [{ name: "app", image: "nginx", resources: { requests: { cpu: "1", memory: "10Gi" } }, terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File", imagePullPolicy: "Always" }],
  restartPolicy: "Always",
  terminationGracePeriodSeconds: 30,
  dnsPolicy: "ClusterFirst",
  serviceAccountName: "default",
  securityContext: {},
  schedulerName: "default-scheduler",
});

describe("podSpecDiff", () => {
  it("prints a changed quantity as go-cmp does, with context and elided runs", () => {
    const next = base();
    next.containers[0].resources.requests.memory = "2Gi";
    expect(podSpecDiff(base(), next)).toBe(
      [
        "  core.PodSpec{",
        "  \tVolumes:        nil,",
        "  \tInitContainers: nil,",
        "  \tContainers: []core.Container{",
        "  \t\t{",
        "  \t\t\t... // 6 identical fields",
        "  \t\t\tEnvFrom: nil,",
        "  \t\t\tEnv:     nil,",
        "  \t\t\tResources: core.ResourceRequirements{",
        "  \t\t\t\tLimits: nil,",
        "  \t\t\t\tRequests: core.ResourceList{",
        '  \t\t\t\t\ts"cpu":    {i: {...}, s: "1", Format: "DecimalSI"},',
        '- \t\t\t\t\ts"memory": {i: resource.int64Amount{value: 10737418240}, s: "10Gi", Format: "BinarySI"},',
        '+ \t\t\t\t\ts"memory": {i: resource.int64Amount{value: 2147483648}, s: "2Gi", Format: "BinarySI"},',
        "  \t\t\t\t},",
        "  \t\t\t\tClaims: nil,",
        "  \t\t\t},",
        "  \t\t\tResizePolicy:  nil,",
        "  \t\t\tRestartPolicy: nil,",
        "  \t\t\t... // 13 identical fields",
        "  \t\t},",
        "  \t},",
        "  \tEphemeralContainers: nil,",
        '  \tRestartPolicy:       "Always",',
        "  \t... // 28 identical fields",
        "  }",
        "",
      ].join("\n"),
    );
  });

  it("shows added list elements and replaced scalars as -/+ lines", () => {
    const next = base() as Record<string, any>;
    next.terminationGracePeriodSeconds = 60;
    const out = podSpecDiff(base(), next as never).split("\n");
    expect(out).toContain("- \tTerminationGracePeriodSeconds: &30,");
    expect(out).toContain("+ \tTerminationGracePeriodSeconds: &60,");
    const withEnv = base() as Record<string, any>;
    withEnv.containers[0].env = [{ name: "A", value: "1" }];
    expect(podSpecDiff(base(), withEnv as never)).toContain('+ \t\t\tEnv:          []core.EnvVar{{Name: "A", Value: "1"}},');
  });

  it("diffs other internal structs, falling back to JSON keys for unknown ones", () => {
    const out = goDiff({ accessModes: ["ReadWriteOnce"], volumeName: "" }, { accessModes: ["ReadWriteMany"], volumeName: "" }, "PersistentVolumeClaimSpec");
    expect(out.split("\n")[0]).toBe("  core.PersistentVolumeClaimSpec{");
    expect(out).toContain('- \t\t"ReadWriteOnce",');
    expect(out).toContain('+ \t\t"ReadWriteMany",');
  });
});
