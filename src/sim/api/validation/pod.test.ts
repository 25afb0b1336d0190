import { describe, expect, it } from "vitest";
import { make, statusError, testApi } from "../fixtures";

const create = (obj: Record<string, any>) => statusError(() => testApi().create(obj as any, { actor: "kubectl" })).message;

describe("pod validation on create", () => {
  it("names the invalid pod name with the RFC 1123 rule", () => {
    expect(create(make.pod("Web_1"))).toBe(
      "Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  it("requires containers and images", () => {
    expect(create(make.pod("p", { containers: [] }))).toBe('Pod "p" is invalid: spec.containers: Required value');
    expect(create(make.pod("p", { containers: [{ name: "app" }] }))).toBe('Pod "p" is invalid: spec.containers[0].image: Required value');
  });

  it("lists several errors in brackets, in Kubernetes' order", () => {
    const msg = create(make.pod("p", { restartPolicy: "Sometimes", containers: [make.container("app"), make.container("app", { volumeMounts: [{ name: "data", mountPath: "/d" }] })] }));
    expect(msg).toBe(
      'Pod "p" is invalid: [spec.containers[1].volumeMounts[0].name: Not found: "data", spec.containers[1].name: Duplicate value: "app", spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
  });

  it("checks container names, ports, env and resources", () => {
    expect(create(make.pod("p", { containers: [make.container("App")] }))).toMatch(/^Pod "p" is invalid: spec\.containers\[0\]\.name: Invalid value: "App": a lowercase RFC 1123 label must consist/);
    expect(create(make.pod("p", { containers: [make.container("app", { ports: [{ containerPort: 70000 }] })] }))).toBe(
      'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(create(make.pod("p", { containers: [make.container("app", { resources: { limits: { cpu: "100m" }, requests: { cpu: "200m" } } })] }))).toBe(
      'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "200m": must be less than or equal to cpu limit of 100m',
    );
    // Requests default to limits before validation, so both lists are reported, twice each, as Kubernetes does.
    expect(create(make.pod("p", { containers: [make.container("app", { resources: { limits: { gpu: "1" } } })] }))).toBe(
      'Pod "p" is invalid: [spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified, spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers, spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified, spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers]',
    );
    expect(create(make.pod("p", { containers: [make.container("app", { env: [{ name: "A", valueFrom: {} }] })] }))).toBe(
      'Pod "p" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    );
  });

  it("checks volumes: one source each, valid modes, known mounts", () => {
    expect(create(make.pod("p", { volumes: [{ name: "v", emptyDir: {}, hostPath: { path: "/x" } }] }))).toBe('Pod "p" is invalid: spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type');
    expect(create(make.pod("p", { volumes: [{ name: "v", configMap: { name: "c", defaultMode: 1000 } }] }))).toBe(
      'Pod "p" is invalid: spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
    );
    expect(create(make.pod("p", { volumes: [{ name: "v", hostPath: { path: "/x", type: "Dir" } }] }))).toBe(
      'Pod "p" is invalid: spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    );
  });

  it("checks probes: one handler, successThreshold 1 for liveness", () => {
    expect(create(make.pod("p", { containers: [make.container("app", { livenessProbe: { periodSeconds: 5 } })] }))).toBe(
      'Pod "p" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type',
    );
    expect(create(make.pod("p", { containers: [make.container("app", { livenessProbe: { exec: { command: ["true"] }, tcpSocket: { port: 80 } } })] }))).toBe(
      'Pod "p" is invalid: spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    );
    expect(create(make.pod("p", { containers: [make.container("app", { livenessProbe: { exec: { command: ["true"] }, successThreshold: 2 } })] }))).toBe(
      'Pod "p" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    );
  });

  it("checks tolerations and init containers", () => {
    expect(create(make.pod("p", { tolerations: [{ operator: "Equal", value: "x" }] }))).toBe(
      'Pod "p" is invalid: spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    );
    expect(create(make.pod("p", { initContainers: [make.container("init", { readinessProbe: { exec: { command: ["true"] } } })] }))).toBe(
      'Pod "p" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    );
  });
});

describe("pod validation on update", () => {
  function running() {
    const api = testApi();
    const pod = api.create(make.pod("web", { containers: [make.container("app", { ports: [{ containerPort: 80 }] })] }), { actor: "kubectl" });
    return { api, pod };
  }

  it("allows image changes and added tolerations", () => {
    const { api, pod } = running();
    const next = structuredClone(pod);
    next.spec.containers[0].image = "nginx:1.28";
    next.spec.tolerations.push({ key: "k", operator: "Exists", effect: "NoSchedule" });
    expect(api.update(next, { actor: "kubectl" }).spec.containers[0].image).toBe("nginx:1.28");
  });

  it("forbids other changes with the updatable field list and a go-cmp diff", () => {
    const { api, pod } = running();
    const next = structuredClone(pod);
    next.spec.containers[0].ports[0].containerPort = 81;
    const msg = statusError(() => api.update(next, { actor: "kubectl" })).message;
    const lines = msg.split("\n");
    expect(lines[0]).toBe(
      'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(lines[1]).toBe("  core.PodSpec{");
    expect(lines).toContain("- \t\t\t\t\tContainerPort: 80,");
    expect(lines).toContain("+ \t\t\t\t\tContainerPort: 81,");
    expect(lines).toContain("  \t... // 28 identical fields");
    expect(lines[lines.length - 2]).toBe("  }");
  });

  it("forbids adding containers and changing tolerations, allows removing scheduling gates only", () => {
    const { api, pod } = running();
    const more = structuredClone(pod);
    more.spec.containers.push(make.container("sidecar"));
    expect(statusError(() => api.update(more, { actor: "kubectl" })).message).toBe('Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
    // Dropping the default tolerations changes nothing: DefaultTolerationSeconds adds them back.
    const dropped = structuredClone(pod);
    dropped.spec.tolerations = [];
    expect(api.update(dropped, { actor: "kubectl" }).spec.tolerations).toHaveLength(2);
    const tolerant = api.create(make.pod("tolerant", { tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule" }] }), { actor: "kubectl" });
    const changed = structuredClone(tolerant);
    changed.spec.tolerations[0].key = "other";
    expect(statusError(() => api.update(changed, { actor: "kubectl" })).message).toBe(
      'Pod "tolerant" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    );

    const gated = api.create(make.pod("gated", { schedulingGates: [{ name: "example.com/wait" }] }), { actor: "kubectl" });
    const added = structuredClone(gated);
    added.spec.schedulingGates.push({ name: "example.com/more" });
    expect(statusError(() => api.update(added, { actor: "kubectl" })).message).toBe(
      "Pod \"gated\" is invalid: spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/more'",
    );
    const removed = structuredClone(gated);
    removed.spec.schedulingGates = [];
    expect(api.update(removed, { actor: "kubectl" }).spec.schedulingGates).toEqual([]);
  });

  it("forbids binding a gated pod by nodeName on create", () => {
    expect(create(make.pod("p", { nodeName: "node-1", schedulingGates: [{ name: "x" }] }))).toBe('Pod "p" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared');
  });
});
