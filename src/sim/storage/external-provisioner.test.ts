import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import type { Cluster } from "../cluster";
import type { KubeletComponent } from "../kubelet/component";
import { make } from "./testing";

const A = { actor: "kubectl" };

/** What a file on a node's disk holds (as a hostPath volume shows it), or undefined. */
function hostFile(c: Cluster, node: string, dir: string, file: string): string | undefined {
  const host = c.component<KubeletComponent>("kubelet")!.kubelet(node)!.hostFs;
  if (!host.kind(dir)) return undefined;
  const d = host.dir(dir);
  return d.fs.readFile(d.subPath ? `${d.subPath}/${file}` : file);
}

async function writeThroughPod(c: Cluster, claim: string, text: string): Promise<void> {
  c.api.create(make.pod("writer", [claim], { command: ["sh", "-c", `echo ${text} > /data0/f && sleep 3600`] }), A);
  await c.advance(20_000);
  expect(c.api.get("Pod", "default", "writer").status.phase).toBe("Running");
}

describe("external provisioners", () => {
  it("local-path: the volume is a directory on the selected node, removed with the PV when the claim goes", async () => {
    const c = createCluster();
    c.api.create(make.pvc("data"), A);
    await writeThroughPod(c, "data", "kept");
    const pvc = c.api.get("PersistentVolumeClaim", "default", "data");
    const node: string = pvc.metadata.annotations?.["volume.kubernetes.io/selected-node"] ?? "";
    const pv = c.api.get("PersistentVolume", undefined, pvc.spec.volumeName);
    expect(pv.metadata.annotations).toEqual({ "local.path.provisioner/selected-node": node, "pv.kubernetes.io/provisioned-by": "rancher.io/local-path" });
    const path = pv.spec.hostPath.path;
    expect(hostFile(c, node, path, "f")).toBe("kept\n");
    c.api.delete("Pod", "default", "writer", { ...A, gracePeriodSeconds: 0 });
    c.api.delete("PersistentVolumeClaim", "default", "data", A);
    await c.advance(1_000);
    // Released, then the helper pod's teardown takes a moment.
    expect(c.api.get("PersistentVolume", undefined, pv.metadata.name!).status.phase).toBe("Released");
    await c.advance(5_000);
    expect(c.store.get("PersistentVolume", undefined, pv.metadata.name!)).toBeUndefined();
    expect(hostFile(c, node, path, "f")).toBeUndefined();
  });

  it("minikube-hostpath: Immediate binding without a consumer; a claim of the same name later starts empty", async () => {
    const c = createCluster();
    c.api.create(make.storageClass("hostpath", { provisioner: "k8s.io/minikube-hostpath" }), A);
    c.api.create(make.pvc("data", { storageClassName: "hostpath" }), A);
    await c.advance(5_000);
    expect(c.api.get("PersistentVolumeClaim", "default", "data").status.phase).toBe("Bound");
    await writeThroughPod(c, "data", "old");
    const node = c.api.get("Pod", "default", "writer").spec.nodeName;
    expect(hostFile(c, node, "/tmp/hostpath-provisioner/default/data", "f")).toBe("old\n");
    c.api.delete("Pod", "default", "writer", { ...A, gracePeriodSeconds: 0 });
    c.api.delete("PersistentVolumeClaim", "default", "data", A);
    await c.advance(6_000);
    expect(c.store.list("PersistentVolume")).toEqual([]);
    expect(hostFile(c, node, "/tmp/hostpath-provisioner/default/data", "f")).toBeUndefined();
  });

  it("retries a claim it cannot provision with back-off, each attempt announced", async () => {
    const c = createCluster();
    c.api.create(make.storageClass("eager", { provisioner: "rancher.io/local-path", mode: "Immediate" }), A);
    c.api.create(make.pvc("data", { storageClassName: "eager", modes: ["ReadWriteMany"] }), A);
    const failures = () => c.store.list("Event").find((e) => e.reason === "ProvisioningFailed");
    await c.advance(1_000);
    expect(failures()?.message).toBe('failed to provision volume with StorageClass "eager": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
    expect(failures()?.source.component).toMatch(/^rancher\.io\/local-path_local-path-provisioner-7dc846544d-x9kpm_[0-9a-f-]{36}$/);
    await c.advance(15_000);
    expect(failures()?.count).toBe(2);
    await c.advance(30_000);
    expect(failures()?.count).toBe(3);
    expect(c.store.list("Event").find((e) => e.reason === "Provisioning")?.count).toBe(3);
  });
});
