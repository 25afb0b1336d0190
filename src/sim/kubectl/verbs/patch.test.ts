import { describe, expect, it } from "vitest";
import { kubectlKit, podYaml } from "./testkit";

describe("kubectl patch", () => {
  it("applies strategic merge patches by merge key and says when nothing changed", async () => {
    const k = kubectlKit({ "pod.yaml": podYaml("web", "nginx:1.25", "    env:\n    - name: A\n      value: \"1\"\n") });
    await k.run("apply -f pod.yaml");
    const p = `{"spec":{"containers":[{"name":"web","image":"nginx:1.26","env":[{"name":"B","value":"2"}]}]}}`;
    expect(await k.run(`patch pod web -p '${p}'`)).toEqual({ exitCode: 0, stdout: "pod/web patched\n", stderr: "" });
    const c = k.cluster.api.get("Pod", "default", "web").spec.containers[0];
    expect(c.image).toBe("nginx:1.26");
    expect(c.env).toEqual([{ name: "B", value: "2" }, { name: "A", value: "1" }]);
    expect((await k.run(`patch pod web -p '${p}'`)).stdout).toBe("pod/web patched (no change)\n");
  });

  it("accepts YAML, merge and JSON patches", async () => {
    const k = kubectlKit();
    await k.run("create cm c --from-literal=a=1");
    expect((await k.run("patch cm c -p 'data: {b: \"2\"}'")).stdout).toBe("configmap/c patched\n");
    expect((await k.run(`patch cm c --type merge -p '{"data":{"a":null}}'`)).stdout).toBe("configmap/c patched\n");
    expect(k.cluster.api.get("ConfigMap", "default", "c").data).toEqual({ b: "2" });
    expect((await k.run(`patch cm/c --type=json -p '[{"op":"replace","path":"/data/b","value":"3"},{"op":"add","path":"/metadata/labels","value":{"x":"y"}}]'`)).stdout).toBe(
      "configmap/c patched\n",
    );
    const cm = k.cluster.api.get("ConfigMap", "default", "c");
    expect(cm.data).toEqual({ b: "3" });
    expect(cm.metadata.labels).toEqual({ x: "y" });
  });

  it("dry runs and reports errors in kubectl's words", async () => {
    const k = kubectlKit();
    await k.run("create cm c --from-literal=a=1");
    expect((await k.run(`patch cm c -p '{"data":{"a":"2"}}' --dry-run=client`)).stdout).toBe("configmap/c patched (dry run)\n");
    expect((await k.run(`patch cm c -p '{"data":{"a":"2"}}' --dry-run=server -o jsonpath={.data.a}`)).stdout).toBe("2");
    expect(k.cluster.api.get("ConfigMap", "default", "c").data).toEqual({ a: "1" });
    expect((await k.run(`patch cm nope -p '{"data":{}}'`)).stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect((await k.run(`patch cm c --type json -p '[{"op":"remove","path":"/data/zzz"}]'`)).stderr).toBe(
      "The request is invalid: the server rejected our request due to an error in our request\n",
    );
    expect((await k.run("patch cm c")).stderr).toBe("error: must specify --patch or --patch-file containing the contents of the patch\n");
    expect((await k.run(`patch cm c --type=yaml -p '{}'`)).stderr).toBe('error: --type must be one of [json merge strategic], not "yaml"\n');
    expect((await k.run(`patch cm c -p '{"metadata":{"name":"d"}}'`)).stderr).toBe("Error from server (BadRequest): the name of the object (d) does not match the name on the URL (c)\n");
  });
});
