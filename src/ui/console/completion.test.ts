import { describe, expect, it } from "vitest";
import { complete, type CompletionContext } from "./completion";

const objects: Record<string, { ns?: string; name: string }[]> = {
  Pod: [
    { ns: "default", name: "nginx" },
    { ns: "default", name: "nginx-canary" },
    { ns: "default", name: "web-0" },
    { ns: "kube-system", name: "coredns-abcde" },
  ],
  Deployment: [{ ns: "default", name: "web" }],
  Node: [{ name: "node-1" }, { name: "node-2" }, { name: "control-plane" }],
  Namespace: [{ name: "default" }, { name: "kube-system" }],
};
const ctx: CompletionContext = {
  names: (kind, ns) => (objects[kind] ?? []).filter((o) => ns === undefined || o.ns === ns).map((o) => o.name),
};
const tab = (line: string) => complete(line, ctx);

describe("console completion", () => {
  it("completes the first word and kubectl's verbs", () => {
    expect(tab("kub").line).toBe("kubectl ");
    expect(tab("kubectl desc").line).toBe("kubectl describe ");
    const r = tab("kubectl ro");
    expect(r.line).toBe("kubectl rollout ");
  });

  it("completes multi-word verbs word by word", () => {
    expect(tab("kubectl rollout st").line).toBe("kubectl rollout status ");
    expect(tab("kubectl rollout re").candidates).toEqual(["restart", "resume"]);
    expect(tab("kubectl create dep").line).toBe("kubectl create deployment ");
    expect(tab("kubectl config v").line).toBe("kubectl config view ");
    expect(tab("kubectl create secret g").line).toBe("kubectl create secret generic ");
  });

  it("completes kinds by plural, singular and short name", () => {
    expect(tab("kubectl get po").candidates).toEqual(["poddisruptionbudgets", "pods", "podtemplates", "po", "pod", "poddisruptionbudget", "podtemplate"]);
    expect(tab("kubectl get deploym")).toMatchObject({ line: "kubectl get deployment", candidates: ["deployments", "deployment"] });
    expect(tab("kubectl get deployments").line).toBe("kubectl get deployments ");
    expect(tab("kubectl describe sv").line).toBe("kubectl describe svc ");
  });

  it("completes names of the typed kind in the namespace given", () => {
    expect(tab("kubectl get pods ngi")).toMatchObject({ line: "kubectl get pods nginx", candidates: ["nginx", "nginx-canary"] });
    expect(tab("kubectl describe deploy w").line).toBe("kubectl describe deploy web ");
    expect(tab("kubectl -n kube-system get pod co").line).toBe("kubectl -n kube-system get pod coredns-abcde ");
    expect(tab("kubectl get pod/we").line).toBe("kubectl get pod/web-0 ");
    expect(tab("kubectl logs we").line).toBe("kubectl logs web-0 ");
    expect(tab("kubectl cordon node-").candidates).toEqual(["node-1", "node-2"]);
    expect(tab("kubectl rollout status deployment/w").line).toBe("kubectl rollout status deployment/web ");
  });

  it("completes the chosen verb's flags and some flag values", () => {
    expect(tab("kubectl get pods --wat").candidates).toEqual(["--watch", "--watch-only"]);
    expect(tab("kubectl logs nginx --fol").line).toBe("kubectl logs nginx --follow ");
    expect(tab("kubectl get pods --show-l").line).toBe("kubectl get pods --show-labels ");
    expect(tab("kubectl get pods --outp")).toMatchObject({ line: "kubectl get pods --output", candidates: ["--output-watch-events", "--output="] });
    expect(tab("kubectl get pods --output-w").line).toBe("kubectl get pods --output-watch-events ");
    expect(tab("kubectl get pods -o ya").line).toBe("kubectl get pods -o yaml ");
    expect(tab("kubectl get pods -n kube").line).toBe("kubectl get pods -n kube-system ");
    expect(tab("kubectl scale deploy web --rep").line).toBe("kubectl scale deploy web --replicas=");
  });

  it("leaves the line alone when nothing fits", () => {
    expect(tab("kubectl frob")).toEqual({ line: "kubectl frob", cursor: 12, candidates: [] });
    expect(tab("sleep 5")).toEqual({ line: "sleep 5", cursor: 7, candidates: [] });
  });
});
