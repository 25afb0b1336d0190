import { describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster";
import { make, workloadCluster } from "../../controllers/workload/testing";
import { memoryFiles } from "../../session/memory-files";
import { splitWords } from "../shell";

function run(c: Cluster, line: string) {
  return c.kubectl(splitWords(line).slice(1), { files: memoryFiles({}) });
}

describe("kubectl set image", () => {
  it("updates the container image of a Deployment's template and prints image updated", async () => {
    const c = workloadCluster();
    c.create(make.deployment("nginx-deployment", 3), "kubectl");
    expect(await run(c, "kubectl set image deployment/nginx-deployment app=nginx:1.16.1")).toEqual({ exitCode: 0, stdout: "deployment.apps/nginx-deployment image updated\n", stderr: "" });
    const d = c.api.get("Deployment", "default", "nginx-deployment");
    expect(d.spec.template.spec.containers[0].image).toBe("nginx:1.16.1");
    expect(d.metadata.generation).toBe(2);
    expect(d.metadata.managedFields?.at(-1)?.manager).toBe("kubectl-set");
  });

  it("prints nothing when the image is already set", async () => {
    const c = workloadCluster();
    c.create(make.deployment("web", 1), "kubectl");
    expect(await run(c, "kubectl set image deploy/web app=nginx:1.14.2")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(c.api.get("Deployment", "default", "web").metadata.generation).toBe(1);
  });

  it("sets every container with * and works on pods", async () => {
    const c = workloadCluster();
    c.create(make.pod("solo", { app: "x" }), "kubectl");
    expect((await run(c, "kubectl set image pod/solo *=busybox:1.36")).stdout).toBe("pod/solo image updated\n");
    expect(c.api.get("Pod", "default", "solo").spec.containers[0].image).toBe("busybox:1.36");
  });

  it("reports kubectl's errors", async () => {
    const c = workloadCluster();
    c.create(make.deployment("web", 1), "kubectl");
    c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" } }, "kubectl");
    expect(await run(c, "kubectl set image deployment/web nginx=nginx:1.25")).toEqual({ exitCode: 1, stdout: "", stderr: 'error: unable to find container named "nginx"\n' });
    expect((await run(c, "kubectl set image deployment/web")).stderr).toBe("error: at least one image update is required\n");
    expect((await run(c, "kubectl set image app=nginx")).stderr).toBe("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    expect((await run(c, "kubectl set image configmap/cfg app=nginx")).stderr).toBe("error: configmaps/cfg the object is not a pod or does not have a pod template: *v1.ConfigMap\n\n");
    expect((await run(c, "kubectl set image deployment/none app=nginx")).stderr).toBe('Error from server (NotFound): deployments.apps "none" not found\n');
    expect((await run(c, "kubectl set")).stdout).toContain("image           Update the image of a pod template");
  });
});

describe("kubectl set resources", () => {
  it("sets limits and requests on the selected containers and prints resource requirements updated", async () => {
    const c = workloadCluster();
    c.create(make.deployment("nginx-deployment", 1), "kubectl");
    expect(await run(c, "kubectl set resources deployment/nginx-deployment -c=app --limits=cpu=200m,memory=512Mi")).toEqual({ exitCode: 0, stdout: "deployment.apps/nginx-deployment resource requirements updated\n", stderr: "" });
    expect(c.api.get("Deployment", "default", "nginx-deployment").spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: "200m", memory: "512Mi" } });
    expect((await run(c, "kubectl set resources deployment/nginx-deployment --requests=cpu=100m")).stdout).toBe("deployment.apps/nginx-deployment resource requirements updated\n");
    expect((await run(c, "kubectl set resources deployment/nginx-deployment -c=nope --limits=cpu=1")).stderr).toBe("error: unable to find container named nope\n");
    expect((await run(c, "kubectl set resources deployment/nginx-deployment")).stderr).toBe("error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
    expect((await run(c, "kubectl set resources deployment/nginx-deployment --limits=cpu")).stderr).toBe("error: Invalid argument syntax cpu, expected <resource>=<value>\n");
  });
});
