import { describe, expect, it } from "vitest";
import { configMapYaml, kubectlKit } from "./testkit";

describe("kubectl replace", () => {
  it("replaces the whole object, dropping fields the manifest lacks", async () => {
    const k = kubectlKit({ "v1.yaml": configMapYaml("c", { a: "1", b: "2" }), "v2.yaml": configMapYaml("c", { a: "9" }) });
    await k.run("create -f v1.yaml");
    expect(await k.run("replace -f v2.yaml")).toEqual({ exitCode: 0, stdout: "configmap/c replaced\n", stderr: "" });
    expect(k.cluster.api.get("ConfigMap", "default", "c").data).toEqual({ a: "9" });
  });

  it("fails for missing objects and needs -f", async () => {
    const k = kubectlKit({ "v1.yaml": configMapYaml("c", { a: "1" }) });
    expect((await k.run("replace -f v1.yaml")).stderr).toBe('Error from server (NotFound): error when replacing "v1.yaml": configmaps "c" not found\n');
    expect((await k.run("replace")).stderr).toBe("error: Must specify --filename to replace\nSee 'kubectl replace -h' for help and examples\n");
  });

  it("deletes and re-creates with --force", async () => {
    const k = kubectlKit({ "v1.yaml": configMapYaml("c", { a: "1" }), "v2.yaml": configMapYaml("c", { a: "2" }) });
    await k.run("create -f v1.yaml");
    const uid = k.cluster.api.get("ConfigMap", "default", "c").metadata.uid;
    expect((await k.run("replace -f v2.yaml --force")).stdout).toBe('configmap "c" deleted\nconfigmap/c replaced\n');
    const cm = k.cluster.api.get("ConfigMap", "default", "c");
    expect(cm.data).toEqual({ a: "2" });
    expect(cm.metadata.uid).not.toBe(uid);
  });
});
