import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eventRows, replay, run } from "../helpers";

const dir = (name: string) => join(__dirname, name);
/** Provisioned volume names carry the claim's uid: compare them by shape. */
const anonymize = (text: string) => text.replace(/pvc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "pvc-<uid>");
const LOCAL_PATH = "rancher.io/local-path_local-path-provisioner-7dc846544d-x9kpm_";
const EXTERNAL = "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.";

describe("storage scenarios", () => {
  it("static-pv: the docs' task-pv-volume binds task-pv-claim; the page survives the pod and stays on its node", async () => {
    const r = await replay(dir("static-pv"));
    const [available, bound] = r.all("kubectl get pv task-pv-volume");
    expect(available.stdout).toBe(
      "NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n" +
        "task-pv-volume   10Gi       RWO            Retain           Available           manual         <unset>                          1s\n",
    );
    expect(bound.stdout).toBe(
      "NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n" +
        "task-pv-volume   10Gi       RWO            Retain           Bound    default/task-pv-claim   manual         <unset>                          2s\n",
    );
    expect(r.find("kubectl get pvc task-pv-claim").stdout).toBe(
      "NAME            STATUS   VOLUME           CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n" +
        "task-pv-claim   Bound    task-pv-volume   10Gi       RWO            manual         <unset>                 1s\n",
    );
    expect(r.find("kubectl get pod task-pv-pod").stdout).toMatch(/^task-pv-pod +1\/1 +Running +0 +20s$/m);
    const [first, second] = r.all("curl -s http://localhost/");
    expect(first.stdout).toBe("Hello from Kubernetes storage\n");
    expect(second.stdout).toBe("Hello from Kubernetes storage\n");
    // The same claim on node-2 is node-2's /mnt/data: empty.
    const other = r.find("kubectl exec other-node -- ls -A /data");
    expect(other.exitCode).toBe(0);
    expect(other.stdout).toBe("");
    expect(run(r, "kubectl get pvc task-pv-claim", 1).stdout).toMatch(/^task-pv-claim +Terminating +task-pv-volume +10Gi +RWO +manual/m);
    expect(run(r, "kubectl get pvc").stderr).toBe("No resources found in default namespace.\n");
    expect(r.all("kubectl get pv task-pv-volume")[2].stdout).toMatch(/^task-pv-volume +10Gi +RWO +Retain +Released +default\/task-pv-claim +manual /m);
    const describe = r.find("kubectl describe pv task-pv-volume").stdout;
    expect(describe).toContain("Status:          Released\n");
    expect(describe).toContain("Finalizers:      [kubernetes.io/pv-protection]\n");
  });

  it("dynamic-provisioning: WaitForFirstConsumer, then local-path provisions on the first pod's node; Immediate has no node", async () => {
    const r = await replay(dir("dynamic-provisioning"));
    expect(r.find("kubectl get storageclass").stdout).toBe(
      "NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n" +
        "standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  0s\n",
    );
    expect(r.find("kubectl get pvc data").stdout).toMatch(/^data +Pending +standard +<unset> +1s$/m);
    expect(eventRows(r.find("kubectl describe pvc data").stdout)).toEqual([["Normal", "WaitForFirstConsumer", "1s", "persistentvolume-controller", "waiting for first consumer to be created before binding"]]);
    // While local-path makes the volume the pod is not bound to a node yet.
    expect(r.find("kubectl get pod writer").stdout).toMatch(/^writer +0\/1 +Pending +0 +1s$/m);
    expect(anonymize(r.all("kubectl get pvc data")[1].stdout)).toMatch(/^data +Bound +pvc-<uid> +1Gi +RWO +standard +<unset> +12s$/m);
    expect(anonymize(run(r, "kubectl get pv").stdout)).toMatch(/^pvc-<uid> +1Gi +RWO +Delete +Bound +default\/data +standard +<unset> +10s$/m);
    const describe = anonymize(r.all("kubectl describe pvc data")[1].stdout);
    expect(describe).toContain(
      "Annotations:   pv.kubernetes.io/bind-completed: yes\n" +
        "               pv.kubernetes.io/bound-by-controller: yes\n" +
        "               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path\n" +
        "               volume.kubernetes.io/selected-node: node-1\n" +
        "               volume.kubernetes.io/storage-provisioner: rancher.io/local-path\n",
    );
    expect(describe).toContain("Used By:       writer\n");
    const rows = eventRows(describe).map(([type, reason, , from, message]) => [type, reason, from.startsWith(LOCAL_PATH) ? "local-path" : from, message]);
    expect(rows).toEqual([
      ["Normal", "WaitForFirstConsumer", "persistentvolume-controller", "waiting for first consumer to be created before binding"],
      ["Normal", "ExternalProvisioning", "persistentvolume-controller", EXTERNAL],
      ["Normal", "Provisioning", "local-path", 'External provisioner is provisioning volume for claim "default/data"'],
      ["Normal", "ProvisioningSucceeded", "local-path", "Successfully provisioned volume pvc-<uid>"],
    ]);
    expect(r.find("kubectl get pod writer -o wide").stdout).toMatch(/^writer +1\/1 +Running +0 +11s +10\.244\.1\.\d+ +node-1 /m);
    expect(r.find("kubectl exec writer -- cat /data/hello.txt").stdout).toBe("written at start\n");
    expect(r.find("kubectl get pvc eager").stdout).toMatch(/^eager +Pending +local-immediate +<unset> +5s$/m);
    const failed = eventRows(r.find("kubectl describe pvc eager").stdout).find((row) => row[1] === "ProvisioningFailed");
    expect(failed?.[0]).toBe("Warning");
    expect(failed?.[4]).toBe('failed to provision volume with StorageClass "local-immediate": configuration error, no node was specified');
  });

  it("reclaim-policies: Retain keeps the volume and its data, Delete removes a provisioned volume, the hostPath deleter fails outside /tmp", async () => {
    const r = await replay(dir("reclaim-policies"));
    expect(r.find("kubectl get pod writer -o wide").stdout).toMatch(/^writer +1\/1 +Running .* node-1 /m);
    const before = anonymize(run(r, "kubectl get pv").stdout).split("\n");
    expect(before[0]).toMatch(/^NAME +CAPACITY +ACCESS MODES +RECLAIM POLICY +STATUS +CLAIM +STORAGECLASS +VOLUMEATTRIBUTESCLASS +REASON +AGE$/);
    expect(before.slice(1)).toEqual([
      expect.stringMatching(/^delete-pv +1Gi +RWO +Delete +Bound +default\/static-delete +manual +<unset> +20s$/),
      expect.stringMatching(/^keep-pv +1Gi +RWO +Retain +Bound +default\/keep +manual +<unset> +20s$/),
      expect.stringMatching(/^pvc-<uid> +1Gi +RWO +Delete +Bound +default\/scratch +standard +<unset> +19s$/),
      "",
    ]);
    const after = run(r, "kubectl get pv", 1).stdout;
    expect(after).toMatch(/^delete-pv +1Gi +RWO +Delete +Failed +default\/static-delete +manual /m);
    expect(after).toMatch(/^keep-pv +1Gi +RWO +Retain +Released +default\/keep +manual /m);
    expect(after).not.toContain("pvc-");
    const describe = r.find("kubectl describe pv delete-pv").stdout;
    expect(describe).toContain("Message:           host_path deleter only supports /tmp/.+ but received provided /mnt/delete\n");
    expect(eventRows(describe)).toEqual([["Warning", "VolumeFailedDelete", "5s", "persistentvolume-controller", "host_path deleter only supports /tmp/.+ but received provided /mnt/delete"]]);
    expect(r.find("kubectl get pv keep-pv").stdout).toMatch(/^keep-pv +1Gi +RWO +Retain +Available +manual /m);
    expect(r.find("kubectl get pvc keep-again").stdout).toMatch(/^keep-again +Bound +keep-pv +1Gi +RWO +manual /m);
    expect(r.find("kubectl exec reader -- cat /keep/data.txt").stdout).toBe("precious\n");
  });

  it("unbound-immediate: the pod waits for its Immediate claim, which binds when a volume is added", async () => {
    const r = await replay(dir("unbound-immediate"));
    expect(r.find("kubectl get pod app").stdout).toMatch(/^app +0\/1 +Pending +0 +2s$/m);
    expect(eventRows(r.find("kubectl describe pvc static-claim").stdout)).toEqual([["Normal", "FailedBinding", "2s", "persistentvolume-controller", "no persistent volumes available for this claim and no storage class is set"]]);
    expect(eventRows(r.find("kubectl describe pod app").stdout)).toEqual([
      ["Warning", "FailedScheduling", "2s", "default-scheduler", "0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."],
    ]);
    expect(r.all("kubectl get pvc static-claim")[1].stdout).toBe(
      "NAME           STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n" + "static-claim   Bound    pv-5g    5Gi        RWO                           <unset>                 22s\n",
    );
    expect(r.all("kubectl get pod app")[1].stdout).toMatch(/^app +1\/1 +Running +0 +22s$/m);
  });

  it("pvc-protection: a claim in use stays Terminating until its pod is gone; then claim and volume go", async () => {
    const r = await replay(dir("pvc-protection"));
    expect(r.find("kubectl delete pvc data --wait=false").stdout).toBe('persistentvolumeclaim "data" deleted\n');
    expect(anonymize(r.all("kubectl get pvc data")[1].stdout)).toMatch(/^data +Terminating +pvc-<uid> +1Gi +RWO +standard +<unset> +20s$/m);
    const describe = r.find("kubectl describe pvc data").stdout;
    expect(describe).toContain("Status:        Terminating (lasts 5s)\n");
    expect(describe).toContain("Finalizers:    [kubernetes.io/pvc-protection]\n");
    expect(describe).toContain("Used By:       user\n");
    expect(anonymize(run(r, "kubectl get pv").stdout)).toMatch(/^pvc-<uid> +1Gi +RWO +Delete +Bound +default\/data +standard /m);
    expect(run(r, "kubectl get pvc").stderr).toBe("No resources found in default namespace.\n");
    expect(run(r, "kubectl get pv", 1).stderr).toBe("No resources found\n");
  });
});
