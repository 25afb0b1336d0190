import { describe, expect, it } from "vitest";
import { ApiSetup } from "../../api/setup";
import { Bootstrap } from "../../bootstrap";
import { ServiceAccountController } from "../../controllers/serviceaccount";
import { kubectlKit } from "./testkit";

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels: {app: nginx}
spec:
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - {containerPort: 80}
        - {containerPort: 443}
        - {containerPort: 53, protocol: UDP}
`;

function kit() {
  return kubectlKit({ "deploy.yaml": deployment }, { components: [new ApiSetup(), new ServiceAccountController(), new Bootstrap()] });
}

describe("kubectl expose", () => {
  it("takes the selector and every container port of a deployment, naming ports when there are several", async () => {
    const k = kit();
    await k.run("apply -f deploy.yaml");
    expect(await k.run("expose deployment nginx")).toMatchObject({ exitCode: 0, stdout: "service/nginx exposed\n" });
    const svc = k.cluster.api.get("Service", "default", "nginx");
    expect(svc.metadata.labels).toEqual({ app: "nginx" });
    expect(svc.spec.selector).toEqual({ app: "nginx" });
    expect(svc.spec.ports).toEqual([
      { name: "port-1", port: 80, protocol: "TCP", targetPort: 80 },
      { name: "port-2", port: 443, protocol: "TCP", targetPort: 443 },
      { name: "port-3", port: 53, protocol: "UDP", targetPort: 53 },
    ]);
  });

  it("uses --port, --target-port, --type and --name, and prints the Service with --dry-run=client", async () => {
    const k = kit();
    await k.run("run web --image=nginx");
    const dry = await k.run("expose pod web --port=80 --target-port=8080 --type=NodePort --name=web-np --dry-run=client -o yaml");
    expect(dry.stdout).toBe(
      "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: web\n  name: web-np\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    run: web\n  type: NodePort\nstatus:\n  loadBalancer: {}\n",
    );
    expect(k.cluster.api.tryGet("Service", "default", "web-np")).toBeUndefined();
    expect(await k.run("expose pod web --port=80 --session-affinity=ClientIP")).toMatchObject({ stdout: "service/web exposed\n" });
    expect(k.cluster.api.get("Service", "default", "web").spec.sessionAffinity).toBe("ClientIP");
  });

  it("words its errors as kubectl does", async () => {
    const k = kit();
    await k.run("run bare --image=nginx");
    await k.run("create configmap settings --from-literal=a=b");
    expect(await k.run("expose pod bare")).toMatchObject({ exitCode: 1, stderr: "error: couldn't find port via --port flag or introspection\n" });
    expect(await k.run("expose configmap settings --port=80")).toMatchObject({ exitCode: 1, stderr: "error: cannot expose a ConfigMap\n" });
    expect(await k.run("expose pod missing --port=80")).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "missing" not found\n' });
    expect(await k.run("expose pod bare --port=80 --session-affinity=Sticky")).toMatchObject({ exitCode: 1, stderr: "error: unknown session affinity: Sticky\n" });
  });
});
