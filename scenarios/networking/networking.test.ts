import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../src/sim/api/types";
import type { Cluster } from "../../src/sim/cluster";
import { replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

function podIP(cluster: Cluster, name: string, namespace = "default"): string {
  return cluster.api.get("Pod", namespace, name).status.podIP;
}

function clusterIP(cluster: Cluster, name: string, namespace = "default"): string {
  return cluster.api.get("Service", namespace, name).spec.clusterIP;
}

/** "ip:port,..." in kubectl's order (sorted by IP string, as RepackSubsets leaves them). */
function endpointList(ips: string[], port: number): string {
  return [...ips].sort().map((ip) => `${ip}:${port}`).join(",");
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join("").trimEnd()).join("\n") + "\n";
}

describe("networking scenarios", () => {
  it("hostnames: a Deployment behind a ClusterIP Service, reached by name and balanced across pods", async () => {
    const r = await replay(dir("hostnames"));
    const c = r.cluster;
    const pods = c.api.list("Pod", "default").filter((p: KObject) => p.metadata.labels?.app === "hostnames");
    expect(pods).toHaveLength(3);
    const ip = clusterIP(c, "hostnames");
    expect(r.find("kubectl expose deployment hostnames").stdout).toBe("service/hostnames exposed\n");
    expect(r.find("kubectl get svc hostnames").stdout).toBe(table([["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], ["hostnames", "ClusterIP", ip, "<none>", "80/TCP", "30s"]]));
    const eps = endpointList(pods.map((p) => p.status.podIP), 9376);
    expect(r.find("kubectl get endpoints hostnames").stdout).toBe(table([["NAME", "ENDPOINTS", "AGE"], ["hostnames", eps, "30s"]]));
    expect(r.find("kubectl exec busybox -- nslookup hostnames").stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\thostnames.default.svc.cluster.local\nAddress: ${ip}\n\n`);
    const answers = r.all("kubectl exec busybox -- wget -qO- hostnames").map((x) => x.stdout.trim());
    const names = pods.map((p) => p.metadata.name!);
    expect(answers).toHaveLength(6);
    for (const a of answers) expect(names).toContain(a);
    expect(new Set(answers).size).toBeGreaterThan(1);
    expect(names).toContain(r.find("http://hostnames.default.svc.cluster.local").stdout.trim());
    const otherShort = r.find("kubectl exec -n other client -- wget -qO- hostnames");
    expect(otherShort.stderr).toBe("wget: bad address 'hostnames'\ncommand terminated with exit code 1\n");
    expect(names).toContain(r.find("kubectl exec -n other client -- wget -qO- hostnames.default").stdout.trim());
    const nx = r.find("nslookup nosuchservice");
    expect(nx.exitCode).toBe(1);
    expect(nx.stdout).toContain("** server can't find nosuchservice.default.svc.cluster.local: NXDOMAIN\n");
    expect(r.find("kubectl describe svc hostnames").stdout).toContain(`Endpoints:                ${eps}\n`);
  });

  it("readiness: a pod whose readiness probe fails leaves the endpoints and gets no traffic", async () => {
    const r = await replay(dir("readiness"));
    const c = r.cluster;
    const [ip1, ip2] = [podIP(c, "web-1"), podIP(c, "web-2")];
    const gets = r.all("kubectl get endpoints web");
    expect([0, 1, 3].map((i) => gets[i].stdout.split("\n")[1].split(/\s{3,}/)[1])).toEqual([endpointList([ip1, ip2], 8080), `${ip2}:8080`, `${ip1}:8080`]);
    expect(gets[2].stdout).toBe("NAME   ENDPOINTS   AGE\nweb                50s\n");
    expect(r.find("kubectl get pods web-1 web-2").stdout).toMatch(/^web-1 +0\/1 +Running +0 +40s\nweb-2 +1\/1 +Running/m);
    const describe = r.find("kubectl describe endpoints web").stdout;
    expect(describe).toContain(`  Addresses:          ${ip2}\n  NotReadyAddresses:  ${ip1}\n`);
    expect(describe).toMatch(/Annotations: {2}endpoints\.kubernetes\.io\/last-change-trigger-time: 2025-01-01T00:00:3\dZ\n/);
    expect(r.find("kubectl get endpointslices").stdout.split("\n").filter(Boolean).sort()).toEqual(["web-1 ready=false serving=false", "web-2 ready=true serving=true"]);
    const answers = r.all("kubectl exec busybox -- wget -qO- http://web/hostname");
    expect(answers.slice(0, 3).map((a) => a.stdout)).toEqual(["web-2", "web-2", "web-2"]);
    expect(answers[3].stderr).toBe(`wget: can't connect to remote host (${clusterIP(c, "web")}): Connection refused\ncommand terminated with exit code 1\n`);
    expect(answers[4].stdout).toBe("web-1");
  });

  it("external-access: NodePort and LoadBalancer Services answer podlab curl from outside; ClusterIPs do not", async () => {
    const r = await replay(dir("external-access"));
    expect(r.find("kubectl get svc echo-lb").stdout).toMatch(/^echo-lb +LoadBalancer +10\.\S+ +<pending> +8080:3\d{4}\/TCP +0s$/m);
    const svcs = r.all("kubectl get svc")[1].stdout;
    expect(svcs).toMatch(/^echo-lb +LoadBalancer +\S+ +172\.18\.255\.200 +8080:\d+\/TCP +20s$/m);
    expect(svcs).toMatch(/^echo-nodeport +NodePort +\S+ +<none> +80:30080\/TCP +20s$/m);
    expect(r.find("podlab curl http://172.18.0.3:30080").stdout).toBe("hello from echo\n");
    expect(r.find("podlab curl http://172.18.0.5:30080/").stdout).toBe("hello from echo\n");
    expect(r.find("podlab curl -i http://172.18.255.200:8080").stdout).toBe("HTTP/1.1 200 OK\r\nX-App-Name: http-echo\r\nX-App-Version: 1.0.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello from echo\n");
    expect(r.find("podlab curl -m 3 http://172.18.255.200:80")).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to 172.18.255.200 port 80 after 0 ms: Couldn't connect to server\n" });
    const describe = r.find("kubectl describe svc echo-lb").stdout;
    expect(describe).toContain("LoadBalancer Ingress:     172.18.255.200 (VIP)\n");
    expect(describe).toMatch(/Normal {2}IPAllocated {3}\d+s {3}metallb-controller {2}Assigned IP \["172\.18\.255\.200"\]\n/);
    expect(describe).toMatch(/Normal {2}nodeAssigned {2}\d+s {3}metallb-speaker {5}announcing from node "node-\d" with protocol "layer2"\n/);
    expect(r.find("jsonpath='{.status.loadBalancer.ingress[0].ip}'").stdout).toBe("172.18.255.200");
    expect(r.find("podlab curl -m 2 -k https://10.96.0.1")).toMatchObject({ exitCode: 28, stderr: "curl: (28) Connection timed out after 2000 milliseconds\n" });
    expect(r.find("kubectl get endpoints echo-nodeport").stdout).toBe("NAME            ENDPOINTS   AGE\necho-nodeport   <none>      67s\n");
    const after = r.all("podlab curl http://172.18.0.3:30080")[1];
    expect(after).toMatchObject({ exitCode: 7, stdout: "", stderr: "curl: (7) Failed to connect to 172.18.0.3 port 30080 after 0 ms: Couldn't connect to server\n" });
  });

  it("headless: DNS answers with the pods' addresses and their hostname.subdomain names", async () => {
    const r = await replay(dir("headless"));
    const c = r.cluster;
    const [ip1, ip2] = [podIP(c, "busybox1"), podIP(c, "busybox2")];
    expect(r.find("kubectl get svc busybox-subdomain").stdout).toBe(table([["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], ["busybox-subdomain", "ClusterIP", "None", "<none>", "1234/TCP", "20s"]]));
    expect(r.find("kubectl get endpointslices").stdout.split("\n").filter(Boolean).sort()).toEqual([`busybox-1 ${ip1}`, `busybox-2 ${ip2}`]);
    const all = r.find("nslookup busybox-subdomain").stdout;
    const head = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n";
    expect(all.startsWith(head)).toBe(true);
    expect(all.match(/Address: \S+/g)!.sort()).toEqual([`Address: ${ip1}`, `Address: ${ip2}`].sort());
    expect(r.find("nslookup busybox-2.busybox-subdomain").stdout).toBe(`${head}Name:\tbusybox-2.busybox-subdomain.default.svc.cluster.local\nAddress: ${ip2}\n\n`);
    expect(r.find("kubectl exec busybox1 -- hostname").stdout).toBe("busybox-1\n");
    expect(r.find("cat /etc/hosts").stdout).toContain(`${ip1}\tbusybox-1.busybox-subdomain.default.svc.cluster.local\tbusybox-1\n`);
    expect(r.find("nslookup 10-244-1-2.default.pod.cluster.local").stdout).toBe(`${head}Name:\t10-244-1-2.default.pod.cluster.local\nAddress: 10.244.1.2\n\n`);
  });

  it("externalname: the Service is a CNAME; a target nobody can resolve leaves the name unresolvable", async () => {
    const r = await replay(dir("externalname"));
    expect(r.find("kubectl get svc -n prod").stdout).toBe(
      table([
        ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
        ["my-database", "ExternalName", "<none>", "my.database.example.com", "<none>", "15s"],
        ["my-service", "ExternalName", "<none>", "example.com", "<none>", "15s"],
      ]),
    );
    expect(r.find("nslookup my-service.prod").stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nmy-service.prod.svc.cluster.local\tcanonical name = example.com\nName:\texample.com\nAddress: 93.184.215.14\n\n");
    expect(r.find("wget -qO- http://my-service.prod").stdout).toContain("<title>Example Domain</title>");
    expect(r.find("wget -qO- http://my-database.prod").stderr).toBe("wget: bad address 'my-database.prod'\ncommand terminated with exit code 1\n");
    expect(r.find("kubectl get endpoints -n prod").stderr).toBe("No resources found in prod namespace.\n");
  });

  it("ingress: ingress-nginx routes by path and host from localhost; extensions/v1beta1 is refused", async () => {
    const r = await replay(dir("ingress"));
    expect(r.find("kubectl get ingressclass").stdout).toBe("NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       0s\n");
    const [before, after] = r.records.filter((x) => x.command === "kubectl get ingress");
    expect(before.stdout).toBe("NAME              CLASS    HOSTS   ADDRESS   PORTS   AGE\nexample-ingress   <none>   *                 80      10s\n");
    expect(after.stdout).toBe("NAME              CLASS    HOSTS   ADDRESS     PORTS   AGE\nexample-ingress   <none>   *       localhost   80      70s\n");
    expect(r.find("podlab curl localhost/foo/hostname").stdout).toBe("foo-app");
    expect(r.find("podlab curl localhost/bar/hostname").stdout).toBe("bar-app");
    expect(r.find("podlab curl localhost/baz").stdout).toBe("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    expect(r.find("fanout-v1beta1.yaml")).toMatchObject({
      exitCode: 1,
      stderr: 'error: resource mapping not found for name: "simple-fanout-example" namespace: "" from "fanout-v1beta1.yaml": no matches for kind "Ingress" in version "extensions/v1beta1"\nensure CRDs are installed first\n',
    });
    expect(r.find("kubectl get ingress simple-fanout-example").stdout).toBe("NAME                    CLASS   HOSTS         ADDRESS     PORTS   AGE\nsimple-fanout-example   nginx   foo.bar.com   localhost   80      60s\n");
    const c = r.cluster;
    const describe = r.find("kubectl describe ingress simple-fanout-example").stdout;
    expect(describe).toContain(`               /foo   service1:4200 (${podIP(c, "service1-pod")}:4200)\n`);
    expect(describe).toMatch(/Normal {2}Sync {4}\d+s \(x2 over \d+s\) {2}nginx-ingress-controller {2}Scheduled for sync\n/);
    expect(r.find("podlab curl http://foo.bar.com/foo").stdout).toBe("service1\n");
    expect(r.find("podlab curl http://foo.bar.com/bar/baz").stdout).toBe("service2\n");
    expect(r.find('podlab curl -H "Host: foo.bar.com" http://localhost/bar').stdout).toBe("service2\n");
    expect(r.find("podlab curl -i http://foo.bar.com/other").stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(r.find("podlab curl -i http://foo.bar.com/bar", r.records.findIndex((x) => x.command.includes("delete pod service2-pod"))).stdout).toContain("<title>503 Service Temporarily Unavailable</title>");
  });

  it("network-policy: default deny, allow by label, and DNS under a deny-all egress policy", async () => {
    const r = await replay(dir("network-policy"));
    const nginxIP = clusterIP(r.cluster, "nginx");
    const spider = r.all("-- wget --spider --timeout=1 nginx");
    const ok = { exitCode: 0, stderr: `Connecting to nginx (${nginxIP}:80)\nremote file exists\n` };
    const denied = { exitCode: 1, stderr: `Connecting to nginx (${nginxIP}:80)\nwget: download timed out\ncommand terminated with exit code 1\n` };
    expect(spider.map((s) => ({ exitCode: s.exitCode, stderr: s.stderr }))).toEqual([ok, denied, denied, denied, ok, { exitCode: 1, stderr: "wget: bad address 'nginx'\ncommand terminated with exit code 1\n" }, ok]);
    const lookups = r.all("kubectl exec trusted -- nslookup nginx");
    expect(lookups[0]).toMatchObject({ exitCode: 1, stdout: ";; connection timed out; no servers could be reached\n\n" });
    expect(lookups[1]).toMatchObject({ exitCode: 0, stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tnginx.default.svc.cluster.local\nAddress: ${nginxIP}\n\n` });
    expect(r.find("wget --spider --timeout=1 example.com").stderr).toBe("Connecting to example.com (93.184.215.14:80)\nwget: download timed out\ncommand terminated with exit code 1\n");
    expect(r.find("kubectl get networkpolicy").stdout).toBe("NAME                   POD-SELECTOR   AGE\naccess-nginx           app=nginx      0s\ndefault-deny-ingress   <none>         2s\n");
  });

  it("named-port-affinity: a named targetPort resolves per pod; ClientIP affinity sticks to one pod", async () => {
    const r = await replay(dir("named-port-affinity"));
    const c = r.cluster;
    const [v1, v2] = [podIP(c, "app-v1"), podIP(c, "app-v2")];
    const slices = r.find("kubectl get endpointslices").stdout.split("\n").slice(1).filter(Boolean).map((l) => l.split(/\s+/).slice(2, 4).join(" "));
    expect(slices.sort()).toEqual([`8080 ${v1}`, `9090 ${v2}`]);
    expect(r.find("kubectl describe svc app-sticky").stdout).toContain("TargetPort:               http-web/TCP\n");
    expect(r.find("kubectl describe svc app-sticky").stdout).toContain("Session Affinity:         ClientIP\n");
    const spread = new Set(r.all("http://app/hostname").map((x) => x.stdout));
    expect([...spread].sort()).toEqual(["app-v1", "app-v2"]);
    const sticky = new Set(r.all("http://app-sticky/hostname").map((x) => x.stdout));
    expect(sticky.size).toBe(1);
  });

  it("without-selector: manual Endpoints are mirrored to a slice and, like a manual slice, carry traffic", async () => {
    const r = await replay(dir("without-selector"));
    const get = r.find("kubectl get endpoints my-service web-external");
    expect(get.stdout).toBe("NAME         ENDPOINTS          AGE\nmy-service   93.184.215.14:80   20s\n");
    expect(get.stderr).toBe('Error from server (NotFound): endpoints "web-external" not found\n');
    expect(r.find("kubectl get endpointslices").stdout).toMatch(/^my-service-[a-z0-9]{5} +IPv4 +80 +93\.184\.215\.14 +20s$/m);
    expect(r.find("kubectl get endpointslices").stdout).toMatch(/^web-external-1 +IPv4 +80 +93\.184\.215\.14 +20s$/m);
    expect(r.find("kubectl describe svc my-service").stdout).toContain("Selector:                 <none>\n");
    expect(r.find("wget -qO- http://my-service").stdout).toContain("<title>Example Domain</title>");
    expect(r.find("wget -qO- http://web-external").stdout).toContain("<title>Example Domain</title>");
  });
});
