import type { Event } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { MemoryVolume } from "../testing/fake-runtime";
import { makePod, stateOf, testCluster } from "../testing/make";

describe("volume manager", () => {
  it("waits for a missing ConfigMap with FailedMount events and recovers once it exists", async () => {
    const t = testCluster();
    t.create(makePod("cm-pod", [{ volumeMounts: [{ name: "config", mountPath: "/etc/config" }] }], { volumes: [{ name: "config", configMap: { name: "app-config" } }] }));
    await t.advance(10_000);
    const failed = t.events("cm-pod").find((e) => e.reason === "FailedMount");
    expect(failed).toMatchObject({ type: "Warning", message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found' });
    expect(failed!.count).toBeGreaterThan(3);
    expect(stateOf(t.pod("cm-pod"), "cm-pod")).toBe("waiting:ContainerCreating");
    await t.advance(120_000);
    expect(t.events("cm-pod").map((e) => e.message)).toContain("Unable to attach or mount volumes: unmounted volumes=[config], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition");
    t.cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config", namespace: "default" }, data: { "app.properties": "color=blue\n" } } as KObject, { actor: "kubectl" });
    await t.advance(150_000);
    expect(stateOf(t.pod("cm-pod"), "cm-pod")).toBe("running");
    const fs = t.rt().running("cm-pod")!.config.mounts.find((m) => m.containerPath === "/etc/config")!.volume as MemoryVolume;
    expect(fs.readFile("app.properties")).toBe("color=blue\n");
  });

  it("mounts the service account token, CA and namespace at /var/run/secrets/kubernetes.io/serviceaccount", async () => {
    const t = testCluster();
    t.create(makePod("sa", [{}]));
    await t.advance(5_000);
    const m = t.rt().running("sa")!.config.mounts.find((x) => x.containerPath === "/var/run/secrets/kubernetes.io/serviceaccount")!;
    expect(m.readOnly).toBe(true);
    expect(m.volume.readFile("namespace")).toBe("default");
    expect(m.volume.readFile("ca.crt")).toContain("BEGIN CERTIFICATE");
    const token = m.volume.readFile("token")!;
    expect(m.volume.readFile("token")).toBe(token);
    const parts = token.split(".");
    expect(parts).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString());
    expect(claims).toMatchObject({
      aud: ["https://kubernetes.default.svc.cluster.local"],
      iss: "https://kubernetes.default.svc.cluster.local",
      sub: "system:serviceaccount:default:default",
      "kubernetes.io": { namespace: "default", pod: { name: "sa", uid: t.pod("sa")!.metadata!.uid } },
    });
    expect(claims.exp - claims.iat).toBe(3607);
    expect(JSON.parse(Buffer.from(parts[0], "base64url").toString())).toEqual({ alg: "RS256", kid: expect.stringMatching(/^[0-9a-f]{43}$/) });
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Buffer.from(parts[2], "base64url").toString()).toMatch(/^[0-9a-f]{128}$/);
  });

  it("fails a hostPath type check with Kubernetes' message", async () => {
    const t = testCluster();
    t.create(makePod("hp", [{ volumeMounts: [{ name: "data", mountPath: "/data" }] }], { volumes: [{ name: "data", hostPath: { path: "/srv/missing", type: "Directory" } }] }));
    await t.advance(3_000);
    expect(t.events("hp").find((e) => e.reason === "FailedMount")?.message).toBe('MountVolume.SetUp failed for volume "data" : hostPath type check failed: /srv/missing is not a directory');
  });

  it("shares an emptyDir between the containers of a pod and a hostPath between pods of a node", async () => {
    const t = testCluster();
    const vol = [{ name: "shared", emptyDir: {} }, { name: "host", hostPath: { path: "/var/data", type: "DirectoryOrCreate" } }];
    const mounts = [{ name: "shared", mountPath: "/shared" }, { name: "host", mountPath: "/host" }];
    t.create(makePod("p1", [{ name: "a", volumeMounts: mounts }, { name: "b", volumeMounts: mounts }], { volumes: vol }));
    t.create(makePod("p2", [{ name: "c", volumeMounts: mounts }], { volumes: vol }));
    await t.advance(5_000);
    const mount = (name: string, path: string) => t.rt().running(name)!.config.mounts.find((m) => m.containerPath === path)!.volume;
    expect(mount("a", "/shared")).toBe(mount("b", "/shared"));
    expect(mount("a", "/shared")).not.toBe(mount("c", "/shared"));
    expect(mount("a", "/host")).toBe(mount("c", "/host"));
  });

  it("mounts a bound claim's volume and waits on an unbound one", async () => {
    const t = testCluster();
    const api = t.cluster.api;
    api.create({ apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv-1" }, spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/mnt/data" } } } as KObject, { actor: "kubectl" });
    const claim = (name: string, bound: boolean) =>
      api.create({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: "default" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...(bound ? { volumeName: "pv-1" } : {}) }, status: { phase: bound ? "Bound" : "Pending" } } as KObject, { actor: "kubectl" });
    const bound = claim("data", true);
    api.updateStatus({ ...bound, status: { phase: "Bound" } }, { actor: "persistentvolume-binder-controller" });
    claim("later", false);
    const mounts = [{ name: "v", mountPath: "/data" }];
    t.create(makePod("with-pvc", [{ volumeMounts: mounts }], { volumes: [{ name: "v", persistentVolumeClaim: { claimName: "data" } }] }));
    t.create(makePod("unbound", [{ volumeMounts: mounts }], { volumes: [{ name: "v", persistentVolumeClaim: { claimName: "later" } }] }));
    await t.advance(130_000);
    expect(stateOf(t.pod("with-pvc"), "with-pvc")).toBe("running");
    expect(stateOf(t.pod("unbound"), "unbound")).toBe("waiting:ContainerCreating");
    expect(t.events("unbound").map((e) => e.message)).toContain("Unable to attach or mount volumes: unmounted volumes=[v], unattached volumes=[], failed to process volumes=[v]: timed out waiting for the condition");
  });

  it("writes downwardAPI files from the pod synced, and rewrites them when its labels change", async () => {
    const t = testCluster();
    const items = [
      { path: "labels", fieldRef: { fieldPath: "metadata.labels" } },
      { path: "annotations", fieldRef: { fieldPath: "metadata.annotations" } },
      { path: "id", fieldRef: { fieldPath: "metadata.uid" } },
      { path: "where", fieldRef: { fieldPath: "spec.nodeName" } },
      { path: "ip", fieldRef: { fieldPath: "status.podIP" } },
      { path: "cpu", resourceFieldRef: { containerName: "info", resource: "limits.cpu", divisor: "1m" } },
    ];
    const pod = makePod("info", [{ volumeMounts: [{ name: "podinfo", mountPath: "/etc/podinfo" }] }], { volumes: [{ name: "podinfo", downwardAPI: { items } }] });
    pod.metadata!.labels = { app: "web", tier: "front" };
    pod.metadata!.annotations = { build: "1" };
    t.create(pod);
    await t.advance(5_000);
    const fs = t.rt().running("info")!.config.mounts.find((m) => m.containerPath === "/etc/podinfo")!.volume;
    const stored = t.pod("info")!;
    expect(fs.readFile("labels")).toBe('app="web"\ntier="front"');
    expect(fs.readFile("annotations")).toContain('build="1"');
    expect(fs.readFile("id")).toBe(stored.metadata!.uid);
    expect(fs.readFile("where")).toBe("node-1");
    expect(fs.readFile("ip")).toBe(stored.status!.podIP);
    expect(fs.readFile("cpu")).toBe("4000");
    t.cluster.api.update({ ...stored, metadata: { ...stored.metadata, labels: { app: "web", tier: "back" }, annotations: { build: "2" } } } as KObject, { actor: "kubectl" });
    await t.advance(90_000);
    expect(fs.readFile("labels")).toBe('app="web"\ntier="back"');
    expect(fs.readFile("annotations")).toContain('build="2"');
  });

  it("names the pod, its uid and the resourceVersion synced in FailedMount events", async () => {
    const t = testCluster();
    t.create(makePod("lost", [{ volumeMounts: [{ name: "s", mountPath: "/s" }] }], { volumes: [{ name: "s", secret: { secretName: "nope" } }] }));
    await t.advance(3_000);
    const events = t.cluster.store.list("Event", "default") as unknown as Event[];
    const failed = events.find((e) => e.reason === "FailedMount")!;
    const pod = t.pod("lost")!;
    expect(failed.involvedObject).toMatchObject({ apiVersion: "v1", kind: "Pod", name: "lost", namespace: "default", uid: pod.metadata!.uid });
    expect(Number(failed.involvedObject.resourceVersion)).toBeGreaterThan(0);
    expect(Number(failed.involvedObject.resourceVersion)).toBeLessThanOrEqual(Number(pod.metadata!.resourceVersion));
  });
});
