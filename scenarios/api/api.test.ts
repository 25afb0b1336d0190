import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/sim";
import type { Cluster } from "../../src/sim/cluster";
import { runSession } from "../../src/sim/session/session";
import { readFileSync } from "node:fs";
import { folderFiles, replay } from "../helpers";

const dir = (name: string) => join(__dirname, name);

/** Every object in the store, as "Kind ns/name" lines. */
function inventory(cluster: Cluster): string[] {
  return cluster.store.kindNames().flatMap((k) => cluster.store.list(k).map((o) => `${k} ${o.metadata.namespace ?? ""}/${o.metadata.name}`)).sort();
}

describe("api scenarios", () => {
  it("invalid names and labels are refused with the RFC 1123 and label rules", async () => {
    const r = await replay(dir("invalid-names"));
    const pod = r.find("apply -f pod.yaml").stderr;
    expect(pod).toBe(
      [
        'The Pod "My_Web" is invalid: ',
        "* metadata.name: Invalid value: \"My_Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        "* spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        "",
      ].join("\n"),
    );
    expect(r.find("apply -f service.yaml").stderr).toBe(
      "The Service \"1-web\" is invalid: metadata.name: Invalid value: \"1-web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n",
    );
    expect(r.find("apply -f labels.yaml").stderr).toContain('metadata.labels: Invalid value: "my web": a valid label must be an empty string');
    expect(r.find("create namespace").stderr).toContain('The Namespace "Team_A" is invalid: metadata.name: Invalid value: "Team_A": a lowercase RFC 1123 label');
    expect(r.find("create configmap").exitCode).toBe(1);
    expect(r.cluster.api.list("Pod")).toEqual([]);
  });

  it("a missing image and a selector that misses its template are refused", async () => {
    const r = await replay(dir("missing-image"));
    expect(r.find("apply -f pod.yaml").stderr).toBe('The Pod "no-image" is invalid: spec.containers[0].image: Required value\n');
    expect(r.find("apply -f deployment.yaml").stderr).toBe(
      [
        'The Deployment "web" is invalid: ',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"frontend"}: `selector` does not match template `labels`',
        "* spec.template.spec.containers[0].image: Required value",
        "",
      ].join("\n"),
    );
    expect(r.find("get pods,deployments").stdout + r.find("get pods,deployments").stderr).toContain("No resources found in default namespace.");
  });

  it("unknown fields fail strict validation, warn with --validate=warn, vanish with --validate=ignore; wrong types always fail", async () => {
    const r = await replay(dir("unknown-field"));
    const strict = r.find("apply -f pod.yaml");
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toBe(
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee", unknown field "spec.containers[0].port"\n',
    );
    const warn = r.find("--validate=warn");
    expect(warn.stdout).toBe("pod/typo created\n");
    expect(warn.stderr).toBe('Warning: unknown field "spec.containers[0].imagee"\nWarning: unknown field "spec.containers[0].port"\n');
    expect(r.find("--validate=ignore").stdout).toBe("pod/typo created\n");
    expect(r.find("--validate=ignore").stderr).toBe("");
    const stored = JSON.parse(r.find("get pod typo").stdout);
    expect(stored.imagee).toBeUndefined();
    expect(stored.port).toBeUndefined();
    expect(stored.image).toBe("nginx:1.27");
    const wrong = 'Error from server (BadRequest): error when creating "wrong-type.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string\n';
    expect(r.all("apply -f wrong-type.yaml").map((x) => x.stderr)).toEqual([wrong, wrong]);
  });

  it("quantities are stored as Kubernetes stores them", async () => {
    const r = await replay(dir("quantities"));
    expect(r.find("apply -f pod.yaml").stdout).toBe("pod/quantities created\n");
    expect(r.find("{range .spec.containers[*]}").stdout).toBe(
      [
        'decimal-exponent: {"requests":{"cpu":"500m","memory":"129e6"}}',
        'number: {"requests":{"cpu":"1","memory":"129M"}}',
        'suffixes: {"limits":{"cpu":"500m","memory":"129M"},"requests":{"cpu":"250m","memory":"123Mi"}}',
        'fractions: {"requests":{"cpu":"1m","memory":"1536Mi"}}',
        "",
      ].join("\n"),
    );
    expect(r.find("qosClass").stdout).toBe("Burstable\n");
    expect(r.find("apply -f bad.yaml").stderr).toBe(
      "Error from server (BadRequest): error when creating \"bad.yaml\": Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
  });

  it("LimitRange defaults fill containers, and its min and max are enforced", async () => {
    const r = await replay(dir("limitrange-defaults"));
    expect(r.find("defaultRequest").stdout).toBe('{"cpu":"100m","memory":"256Mi"}\n');
    const apply = r.find("apply -f pods.yaml");
    expect(apply.stdout).toBe("pod/defaulted created\n");
    expect(apply.stderr).toBe(
      [
        'Error from server (Forbidden): error when creating "pods.yaml": pods "too-big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi.',
        'Error from server (Forbidden): error when creating "pods.yaml": pods "too-small" is forbidden: minimum memory usage per Container is 128Mi, but request is 64Mi.',
        "",
      ].join("\n"),
    );
    expect(r.find("limit-ranger").stdout).toBe(
      [
        '{"limits":{"cpu":"500m","memory":"512Mi"},"requests":{"cpu":"100m","memory":"256Mi"}}',
        "LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app",
        "Burstable",
        "",
      ].join("\n"),
    );
  });

  it("ResourceQuota refuses pods without limits and pods over the quota, and gives usage back", async () => {
    const r = await replay(dir("resourcequota"));
    const used = r.all("status.used").map((x) => x.stdout.trim());
    expect(used).toEqual([
      '{"limits.cpu":"0","limits.memory":"0","pods":"0","requests.memory":"0"}',
      '{"limits.cpu":"500m","limits.memory":"768Mi","pods":"1","requests.memory":"768Mi"}',
      '{"limits.cpu":"0","limits.memory":"0","pods":"0","requests.memory":"0"}',
    ]);
    const apply = r.find("apply -f pods.yaml");
    expect(apply.stdout).toBe("pod/first created\n");
    expect(apply.stderr).toBe(
      [
        'Error from server (Forbidden): error when creating "pods.yaml": pods "no-limits" is forbidden: failed quota: compute: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.memory for: nginx',
        'Error from server (Forbidden): error when creating "pods.yaml": pods "second" is forbidden: exceeded quota: compute, requested: requests.memory=512Mi, used: requests.memory=768Mi, limited: requests.memory=1Gi',
        "",
      ].join("\n"),
    );
  });

  it("YAML syntax errors name the line and create nothing", async () => {
    const r = await replay(dir("yaml-errors"));
    expect(r.find("indent.yaml").stderr).toBe("error: error parsing indent.yaml: error converting YAML to JSON: yaml: line 7: did not find expected key\n");
    expect(r.find("duplicate.yaml").stderr).toBe("error: error parsing duplicate.yaml: error converting YAML to JSON: yaml: line 9: mapping key already defined\n");
    expect(r.find("tabs.yaml").stderr).toBe("error: error parsing tabs.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n");
    expect(r.cluster.api.list("Pod")).toEqual([]);
    expect(r.cluster.api.list("ConfigMap", "default").map((c) => c.metadata.name)).toEqual(["kube-root-ca.crt"]);
  });

  it("bad input — unknown kinds, wrong types, a 10 MB file, deep nesting, empty documents — leaves the cluster unchanged", async () => {
    const base = dir("bad-input");
    const disk = folderFiles(base);
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: "${"x".repeat(10 * 1024 * 1024)}"\n`;
    const files = { readFile: (p: string) => (p === "huge.yaml" ? huge : disk.readFile(p)), listDir: (p: string) => disk.listDir(p) };
    const cluster = createCluster();
    const before = inventory(cluster);
    const records = await runSession(cluster, readFileSync(join(base, "session.txt"), "utf8"), files);
    const out = (fragment: string) => records.find((x) => x.command.includes(fragment))!;
    expect(out("widget.yaml").stderr).toBe('error: resource mapping not found for name: "gadget" namespace: "" from "widget.yaml": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n');
    expect(out("wrong-version.yaml").stderr).toContain('no matches for kind "Deployment" in version "apps/v1beta1"');
    expect(out("wrong-types.yaml").stderr).toBe(
      'Error from server (BadRequest): error when creating "wrong-types.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container\n',
    );
    expect(out("empty.yaml").stderr).toBe("error: no objects passed to apply\n");
    expect(out("deep.yaml").stderr).toMatch(/^error: error parsing deep\.yaml: .*exceeded max depth of 100\n$/);
    expect(out("huge.yaml").stderr).toMatch(/^error: error reading huge\.yaml: file is \d+ bytes; the limit is 10485760 bytes\n$/);
    for (const f of ["widget", "wrong-version", "no-kind", "wrong-types", "list", "empty", "deep", "huge"]) expect(out(`${f}.yaml`).exitCode, f).toBe(1);
    expect(inventory(cluster)).toEqual(before);
  });

  it("a pod's spec is fixed except its image; the error shows the diff", async () => {
    const r = await replay(dir("pod-update"));
    expect(r.find("apply -f new-image.yaml").stdout).toBe("pod/web configured\n");
    expect(r.find("jsonpath").stdout).toBe("nginx:1.28\n");
    const lines = r.find("apply -f new-port.yaml").stderr.split("\n");
    expect(lines[0]).toBe(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(lines.slice(1, 4)).toEqual(["  core.PodSpec{", expect.stringMatching(/^ {2}\tVolumes: {8}\{\{Name: "kube-api-access-[a-z0-9]{5}", VolumeSource: \{Projected: &\{Sources: /), "  \tInitContainers: nil,"]);
    expect(lines).toContain("- \t\t\t\t\tContainerPort: 80,");
    expect(lines).toContain("+ \t\t\t\t\tContainerPort: 8080,");
    expect(r.find("apply -f sidecar.yaml").stderr).toBe('The Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n');
    expect(r.find("label pod").stdout).toBe("pod/web labeled\n");
  });

  it("a deleted namespace is Terminating, refuses new content, is emptied and then goes", async () => {
    const r = await replay(dir("namespace-deletion"));
    expect(r.find("get serviceaccounts,configmaps").stdout).toContain("serviceaccount/default   0         0s");
    expect(r.find("get namespace shop -o jsonpath").stdout).toBe('{"kubernetes.io/metadata.name":"shop"}\n{"finalizers":["kubernetes"]}\n{"phase":"Active"}\n');
    const gets = r.records.filter((x) => x.command === "kubectl get namespace shop");
    expect(gets[0].stdout).toBe("NAME   STATUS        AGE\nshop   Terminating   0s\n");
    expect(r.find("create configmap late").stderr).toBe(
      'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated\n',
    );
    expect(r.find("get configmaps -n shop").stderr).toBe("No resources found in shop namespace.\n");
    expect(gets[1].stderr).toBe('Error from server (NotFound): namespaces "shop" not found\n');
    expect(r.find("delete namespace default").stderr).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n');
  });
});
