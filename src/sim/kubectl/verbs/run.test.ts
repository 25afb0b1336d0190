import { describe, expect, it } from "vitest";
import { kubectlKit } from "./testkit";

describe("kubectl run", () => {
  it("prints the pod kubectl run builds with --dry-run=client -o yaml", async () => {
    const k = kubectlKit();
    expect((await k.run("run nginx --image=nginx --dry-run=client -o yaml")).stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
    expect(k.cluster.api.tryGet("Pod", "default", "nginx")).toBeUndefined();
  });

  it("creates the pod with ports, env, labels, args or a command", async () => {
    const k = kubectlKit();
    expect(await k.run("run web --image=nginx:1.25 --port=80 --env=MODE=prod --env=DEBUG=1 --labels=app=web,tier=front")).toEqual({
      exitCode: 0,
      stdout: "pod/web created\n",
      stderr: "",
    });
    const web = k.cluster.api.get("Pod", "default", "web");
    expect(web.metadata.labels).toEqual({ app: "web", tier: "front" });
    expect(web.spec.containers[0]).toMatchObject({ name: "web", image: "nginx:1.25", ports: [{ containerPort: 80 }], env: [{ name: "MODE", value: "prod" }, { name: "DEBUG", value: "1" }] });
    expect(web.spec.restartPolicy).toBe("Always");
    await k.run("run once --image=busybox --restart=Never -- echo hello");
    expect(k.cluster.api.get("Pod", "default", "once").spec.containers[0].args).toEqual(["echo", "hello"]);
    expect(k.cluster.api.get("Pod", "default", "once").spec.restartPolicy).toBe("Never");
    await k.run("run sleeper --image=busybox --command -- sleep 3600");
    expect(k.cluster.api.get("Pod", "default", "sleeper").spec.containers[0].command).toEqual(["sleep", "3600"]);
    expect((await k.run("run web --image=nginx")).stderr).toBe('Error from server (AlreadyExists): pods "web" already exists\n');
  });

  it("exposes the pod through a ClusterIP service with --expose", async () => {
    const k = kubectlKit();
    expect((await k.run("run web --image=nginx --port=8080 --expose")).stdout).toBe("service/web created\npod/web created\n");
    expect(k.cluster.api.get("Service", "default", "web").spec).toMatchObject({ ports: [{ port: 8080, targetPort: 8080, protocol: "TCP" }], selector: { run: "web" } });
  });

  it("rejects what kubectl run rejects", async () => {
    const k = kubectlKit();
    expect((await k.run("run --image=nginx")).stderr).toBe("error: NAME is required for run\n");
    expect((await k.run("run x")).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await k.run("run x --image=Nginx!")).stderr).toBe('error: Invalid image name "Nginx!": invalid reference format\n');
    expect((await k.run("run x --image=nginx --restart=Sometimes")).stderr).toBe("error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n");
    expect((await k.run("run x --image=nginx --expose")).stderr).toBe("error: --port must be set when exposing a service\n");
    expect((await k.run("run x --image=nginx --env=NOVALUE")).stderr).toBe("error: invalid env: NOVALUE\n");
    expect((await k.run("run x --image=nginx --rm")).stderr).toBe("error: --rm should only be used for attached containers\n");
  });
});
