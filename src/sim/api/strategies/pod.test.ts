import { describe, expect, it } from "vitest";
import { make, testApi } from "../fixtures";
import type { KObject } from "../types";
import { podGracefulDeletion } from "./pod";

describe("pod strategy", () => {
  it("fills in Kubernetes' defaults and admission additions on create", () => {
    const api = testApi();
    const pod = api.create(
      make.pod("web", {
        containers: [
          make.container("app", {
            image: "nginx",
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: "500m", memory: "128Mi" } },
            livenessProbe: { httpGet: { port: 80 } },
          }),
        ],
        volumes: [{ name: "cfg", configMap: { name: "cfg" } }, { name: "scratch" }, { name: "host", hostPath: { path: "/var/log" } }],
      }),
      { actor: "kubectl" },
    );
    const spec = pod.spec;
    expect(spec).toMatchObject({
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      schedulerName: "default-scheduler",
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: "default",
      serviceAccount: "default",
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
    });
    const c = spec.containers[0];
    expect(c).toMatchObject({ imagePullPolicy: "Always", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" });
    expect(c.ports[0].protocol).toBe("TCP");
    expect(c.resources.requests).toEqual({ cpu: "500m", memory: "128Mi" });
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(spec.volumes[0].configMap.defaultMode).toBe(420);
    expect(spec.volumes[1]).toEqual({ name: "scratch", emptyDir: {} });
    expect(spec.volumes[2].hostPath).toEqual({ path: "/var/log", type: "" });
    expect(spec.volumes[3].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
    expect(pod.status).toEqual({ phase: "Pending", qosClass: "Guaranteed" });
    expect(pod.metadata.generation).toBeUndefined();
  });

  it("pulls :latest and untagged images always, tagged and digest images if not present", () => {
    const api = testApi();
    const images = ["nginx", "nginx:latest", "nginx:1.27", "localhost:5000/app", "nginx@sha256:abc"];
    const pod = api.create(make.pod("p", { containers: images.map((image, i) => make.container(`c${i}`, { image })) }), { actor: "kubectl" });
    expect(pod.spec.containers.map((c: { imagePullPolicy: string }) => c.imagePullPolicy)).toEqual(["Always", "Always", "IfNotPresent", "Always", "IfNotPresent"]);
  });

  it("drops the status a user sends and keeps it on spec updates", () => {
    const api = testApi();
    const pod = api.create({ ...make.pod("p"), status: { phase: "Running", podIP: "1.2.3.4" } }, { actor: "kubectl" });
    expect(pod.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
    const relabeled = api.update({ ...pod, metadata: { ...pod.metadata, labels: { a: "b" } }, status: { phase: "Failed" } }, { actor: "kubectl" });
    expect(relabeled.status.phase).toBe("Pending");
  });

  it("deletes with the pod's grace period, immediately when unscheduled, finished or forced", () => {
    const bound: KObject = { ...make.pod("p", { nodeName: "node-1", terminationGracePeriodSeconds: 45 }), status: { phase: "Running" } };
    expect(podGracefulDeletion(bound, { actor: "kubectl" }, undefined as never)).toBe(45);
    expect(podGracefulDeletion(bound, { actor: "kubectl", gracePeriodSeconds: 5 }, undefined as never)).toBe(5);
    expect(podGracefulDeletion(bound, { actor: "kubectl", gracePeriodSeconds: 0 }, undefined as never)).toBe(0);
    expect(podGracefulDeletion(make.pod("p", { terminationGracePeriodSeconds: 45 }), { actor: "kubectl" }, undefined as never)).toBe(0);
    expect(podGracefulDeletion({ ...bound, status: { phase: "Succeeded" } }, { actor: "kubectl" }, undefined as never)).toBe(0);
    expect(podGracefulDeletion({ ...bound, spec: { ...bound.spec, terminationGracePeriodSeconds: -5 } }, { actor: "kubectl" }, undefined as never)).toBe(1);

    const api = testApi();
    api.create(make.pod("p", { nodeName: "node-1" }), { actor: "kubectl" });
    const res = api.delete("Pod", "default", "p", { actor: "kubectl" });
    expect(res.removed).toBe(false);
    expect(res.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(api.delete("Pod", "default", "p", { actor: "kubectl", gracePeriodSeconds: 0 }).removed).toBe(true);
  });
});
