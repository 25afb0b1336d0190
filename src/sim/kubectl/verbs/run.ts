/**
 * `kubectl run NAME --image=IMAGE [--port] [--labels] [--env] [--restart] [--command] [-- args...]`:
 * builds a Pod as kubectl's run generator does (label run=NAME, container named NAME, dnsPolicy
 * ClusterFirst, restartPolicy Always unless told) and creates it, or prints it with
 * `--dry-run=client -o yaml`. `--expose` also creates a ClusterIP Service.
 */
import { kindInfo } from "../../api/kinds";
import type { KObject } from "../../api/types";
import { jsonMergePatch, applyJsonPatch } from "../apply/json-patch";
import { schemaForKind } from "../apply/patch-meta";
import { strategicMergePatch } from "../apply/strategic-merge";
import { KubectlError } from "../kubectl";
import { ObjectPrinter, PRINT_FLAGS, printWarnings } from "../output";
import type { Invocation, Verb } from "../verb";
import { DRY_RUN_FLAG, dryRunStrategy, fieldManagerFlag, requestOptions, SAVE_CONFIG_FLAG } from "../write-options";
import { createGenerated, typedMeta } from "./create/common";

/** The characters an image reference may hold (docker/distribution's ReferenceRegexp, simplified). */
const IMAGE_REFERENCE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const parts = pair.split("=");
    if (parts.length !== 2 || parts[0] === "") throw new KubectlError(`invalid label spec: ${pair}`);
    labels[parts[0]] = parts[1];
  }
  return labels;
}

function parseEnv(values: readonly string[]): { name: string; value: string }[] {
  return values.map((env) => {
    const i = env.indexOf("=");
    const name = i >= 0 ? env.slice(0, i) : "";
    if (i < 0 || name === "" || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw new KubectlError(`invalid env: ${env}`);
    return { name, value: env.slice(i + 1) };
  });
}

function parseAnnotations(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of values) {
    const i = a.indexOf("=");
    if (i <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
    out[a.slice(0, i)] = a.slice(i + 1);
  }
  return out;
}

/** The Pod kubectl run's generator builds, field for field in the typed struct's order. */
export function buildRunPod(inv: Invocation, name: string, restartPolicy: string): KObject {
  const labelsText = inv.flag<string | undefined>("labels") ?? "";
  const labels = labelsText === "" ? { run: name } : parseLabels(labelsText);
  const stdin = inv.flag<boolean | undefined>("stdin") ?? false;
  const tty = inv.flag<boolean | undefined>("tty") ?? false;
  const args = inv.args.slice(1);
  const env = parseEnv(inv.flag<string[] | undefined>("env") ?? []);
  const port = inv.flag<string | undefined>("port") ?? "";
  const pullPolicy = inv.flag<string | undefined>("image-pull-policy") ?? "";
  const container: Record<string, unknown> = { name, image: inv.flag<string>("image") };
  const words = [...args, ...(inv.afterDash ?? [])];
  if (words.length > 0) {
    if (inv.flag<boolean | undefined>("command")) container.command = words;
    else container.args = words;
  }
  if (port !== "") {
    if (!/^\d+$/.test(port)) throw new KubectlError(`strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: Number(port) }];
  }
  if (env.length > 0) container.env = env;
  container.resources = {};
  if (pullPolicy) container.imagePullPolicy = pullPolicy;
  if (inv.flag<boolean | undefined>("privileged")) container.securityContext = { privileged: true };
  if (stdin) {
    container.stdin = true;
    if (!inv.flag<boolean | undefined>("leave-stdin-open")) container.stdinOnce = true;
  }
  if (tty) container.tty = true;
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: typedMeta(name, { namespace: inv.isSet("namespace") ? inv.namespace : undefined, labels, annotations: parseAnnotations(inv.flag<string[] | undefined>("annotations") ?? []) }),
    spec: { containers: [container], restartPolicy, dnsPolicy: "ClusterFirst" },
    status: {},
  };
}

/** --overrides: a JSON patch of the generated object (merge by default). */
function applyOverrides(inv: Invocation, obj: KObject): KObject {
  const text = inv.flag<string | undefined>("overrides");
  if (!text) return obj;
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (e) {
    throw new KubectlError(`error: unable to parse overrides: ${(e as Error).message}`);
  }
  const type = inv.flag<string>("override-type") ?? "merge";
  if (type === "json") return applyJsonPatch(obj, patch) as KObject;
  if (type === "strategic") return strategicMergePatch(obj, patch as Record<string, unknown>, schemaForKind(obj.kind)) as KObject;
  if (type === "merge") return jsonMergePatch(obj, patch) as KObject;
  throw new KubectlError(`--override-type must be one of [json merge strategic], not "${type}"`);
}

export const run: Verb = {
  name: "run",
  summary: "Run a particular image on the cluster",
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    SAVE_CONFIG_FLAG,
    fieldManagerFlag("kubectl-run"),
    { name: "image", type: "string", help: "The image for the container to run." },
    { name: "image-pull-policy", type: "string", help: "The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server." },
    { name: "port", type: "string", help: "The port that this container exposes." },
    { name: "labels", short: "l", type: "string", help: "Comma separated labels to apply to the pod. Will override previous values." },
    { name: "env", type: "stringArray", help: "Environment variables to set in the container." },
    { name: "annotations", type: "stringArray", help: "Annotations to apply to the pod." },
    { name: "restart", type: "string", help: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
    { name: "command", type: "bool", help: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
    { name: "expose", type: "bool", help: "If true, create a ClusterIP service associated with the pod.  Requires `--port`." },
    { name: "privileged", type: "bool", help: "If true, run the container in privileged mode." },
    { name: "overrides", type: "string", help: "An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field." },
    { name: "override-type", type: "string", default: "merge", help: "The method used to override the generated object: json, merge, or strategic." },
    { name: "stdin", short: "i", type: "bool", help: "Keep stdin open on the container in the pod, even if nothing is attached." },
    { name: "tty", short: "t", type: "bool", help: "Allocate a TTY for the container in the pod." },
    { name: "attach", type: "bool", help: "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called." },
    { name: "leave-stdin-open", type: "bool", help: "If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes." },
    { name: "rm", type: "bool", help: "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'." },
    { name: "quiet", short: "q", type: "bool", help: "If true, suppress prompt messages." },
    { name: "pod-running-timeout", type: "duration", default: "1m0s", help: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running" },
  ],
  run(inv) {
    if (inv.args.length === 0) throw new KubectlError("NAME is required for run");
    const image = inv.flag<string | undefined>("image") ?? "";
    if (!inv.isSet("image")) throw new KubectlError(`required flag(s) "image" not set`);
    if (image === "") throw new KubectlError("--image is required");
    if (!IMAGE_REFERENCE.test(image)) throw new KubectlError(`Invalid image name "${image}": invalid reference format`);
    const stdin = inv.flag<boolean | undefined>("stdin") ?? false;
    if (inv.flag<boolean | undefined>("tty") && !stdin) throw new KubectlError("-i/--stdin is required for containers with -t/--tty=true");
    const port = inv.flag<string | undefined>("port") ?? "";
    const expose = inv.flag<boolean | undefined>("expose") ?? false;
    if (expose && port === "") throw new KubectlError("--port must be set when exposing a service");
    const restart = inv.flag<string | undefined>("restart") ?? "";
    let restartPolicy = restart === "" ? (stdin ? "OnFailure" : "Always") : restart;
    if (!["Always", "OnFailure", "Never"].includes(restartPolicy)) {
      throw new KubectlError(`invalid restart policy: ${restart}`, 1, "See 'kubectl run -h' for help and examples");
    }
    // The generator itself takes --restart as given (Always when empty).
    restartPolicy = restart === "" ? "Always" : restart;
    // As kubectl: --attach defaults to -i/--stdin.
    const attach = inv.isSet("attach") ? (inv.flag<boolean | undefined>("attach") ?? false) : !!stdin;
    if (!attach && inv.flag<boolean | undefined>("rm")) throw new KubectlError("--rm should only be used for attached containers");
    const dryRun = dryRunStrategy(inv);
    if (attach && dryRun !== "none") throw new KubectlError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    if (attach || stdin) {
      throw new KubectlError("attaching to a container (-i, -t, --attach, --rm) is not available in the simulated cluster; create the pod without them and use kubectl logs");
    }
    const pullPolicy = inv.flag<string | undefined>("image-pull-policy") ?? "";
    if (pullPolicy && !["Always", "IfNotPresent", "Never"].includes(pullPolicy)) {
      throw new KubectlError(`invalid image pull policy: ${pullPolicy}`, 1, "See 'kubectl run -h' for help and examples");
    }
    const name = inv.args[0];
    const pod = applyOverrides(inv, buildRunPod(inv, name, restartPolicy));
    if (expose) createExposedService(inv, name, pod, Number(port), dryRun);
    return createGenerated(inv, pod);
  },
};

/** --expose: the ClusterIP Service kubectl run creates beside the pod (printed first). */
function createExposedService(inv: Invocation, name: string, pod: KObject, port: number, dryRun: ReturnType<typeof dryRunStrategy>): void {
  const service: KObject = {
    kind: "Service",
    apiVersion: "v1",
    metadata: typedMeta(name, { namespace: inv.isSet("namespace") ? inv.namespace : undefined }),
    spec: { ports: [{ protocol: "TCP", port, targetPort: port }], selector: pod.metadata.labels },
    status: { loadBalancer: {} },
  };
  const printer = new ObjectPrinter(inv, inv.flag<string | undefined>("output"), dryRun);
  if (dryRun === "client") {
    printer.print(service, "created", { typed: true, info: kindInfo("Service") });
    return;
  }
  const request = requestOptions(inv, "kubectl-run", { dryRun: dryRun === "server" });
  const created = inv.cluster.api.create({ ...service, metadata: { ...service.metadata, namespace: inv.namespace } }, request);
  printWarnings(inv, request.warnings);
  printer.print(created, "created", { info: kindInfo("Service") });
}
