import { describe, expect, it } from "vitest";
import { make, statusError, testApi } from "../fixtures";

describe("ServiceAccount admission", () => {
  it("mounts the kube-api-access volume into every container, init containers too", () => {
    const pod = testApi().create(make.pod("p", { initContainers: [make.container("init")] }), { actor: "kubectl" });
    const volume = pod.spec.volumes[0];
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected).toEqual({
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
      defaultMode: 420,
    });
    for (const c of [...pod.spec.initContainers, ...pod.spec.containers]) {
      expect(c.volumeMounts).toEqual([{ name: volume.name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }]);
    }
  });

  it("mounts nothing when automounting is off on the pod or its account", () => {
    const api = testApi();
    expect(api.create(make.pod("a", { automountServiceAccountToken: false }), { actor: "kubectl" }).spec.volumes).toBeUndefined();
    api.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "quiet" }, automountServiceAccountToken: false }, { actor: "kubectl" });
    const pod = api.create(make.pod("b", { serviceAccountName: "quiet" }), { actor: "kubectl" });
    expect(pod.spec.volumes).toBeUndefined();
    expect(pod.spec.serviceAccount).toBe("quiet");
  });

  it("refuses pods naming a missing account", () => {
    expect(statusError(() => testApi().create(make.pod("p", { serviceAccountName: "robot" }), { actor: "kubectl" })).message).toBe(
      'pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });
});
