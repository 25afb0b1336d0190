/**
 * `kubectl logs POD [-c CONTAINER]`: a container's log as the kubelet serves it — the default
 * container (the kubectl.kubernetes.io/default-container annotation, else the first, with the
 * `Defaulted container "x" out of: ...` notice), `--previous`, `--tail`, `--since`, `--since-time`,
 * `--timestamps`, `--prefix`, `--all-containers`, `-l`, and `-f`, which streams while the virtual
 * clock advances until the container stops (or, headless, until nothing is logged for a while).
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import { StatusError } from "../../api/errors";
import { fromMap, matches, parseSelector } from "../../api/labels";
import type { KObject } from "../../api/types";
import { parseDuration } from "../../clock";
import { formatLogLines, logContainerId, runtimeFor, type LogOptions } from "../../kubelet/server";
import type { LogLine } from "../../runtime/cri";
import { KubectlError } from "../kubectl";
import type { Invocation, Verb } from "../verb";
import { advanceUntil } from "./wait";

/** The annotation naming the container kubectl logs and exec default to. */
export const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

/** podcmd.AllContainerNames: "a, b, init (init), dbg (ephem)". */
export function allContainerNames(pod: Pod): string {
  const names = [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ];
  return names.join(", ");
}

/** The container a command without -c means, printing kubectl's notice when it had to choose. */
export function defaultContainer(inv: Invocation, pod: Pod, quiet = false): string {
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    if (findSpec(pod, annotated)) return annotated;
    inv.err(`Default container name "${annotated}" not found in pod ${pod.metadata?.name}\n`);
  }
  const first = pod.spec?.containers?.[0]?.name ?? "";
  const total = (pod.spec?.containers?.length ?? 0) + (pod.spec?.initContainers?.length ?? 0) + (pod.spec?.ephemeralContainers?.length ?? 0);
  if (total > 1 && !quiet) inv.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}

export function findSpec(pod: Pod, name: string): Container | undefined {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])].find((c) => c.name === name);
}

const WORKLOAD_KINDS: Record<string, string> = {
  deployment: "Deployment", deployments: "Deployment", deploy: "Deployment",
  replicaset: "ReplicaSet", replicasets: "ReplicaSet", rs: "ReplicaSet",
  statefulset: "StatefulSet", statefulsets: "StatefulSet", sts: "StatefulSet",
  daemonset: "DaemonSet", daemonsets: "DaemonSet", ds: "DaemonSet",
  job: "Job", jobs: "Job",
  replicationcontroller: "ReplicationController", rc: "ReplicationController",
  service: "Service", services: "Service", svc: "Service",
};

/** Resolves `NAME`, `pod/NAME` or `TYPE/NAME` (a workload: its first pod) to a pod. */
export function resolvePod(inv: Invocation, arg: string): Pod {
  const api = inv.cluster.api;
  const slash = arg.indexOf("/");
  if (slash < 0 || /^(pods?|po)$/.test(arg.slice(0, slash))) {
    const name = slash < 0 ? arg : arg.slice(slash + 1);
    return api.get("Pod", inv.namespace, name) as Pod;
  }
  const type = arg.slice(0, slash).toLowerCase().split(".")[0];
  const kind = WORKLOAD_KINDS[type];
  if (!kind) throw new KubectlError(`cannot attach to ${arg.slice(0, slash)}: selector for ${arg.slice(0, slash)} not implemented`);
  const obj = api.get(kind, inv.namespace, arg.slice(slash + 1)) as KObject;
  const sel = kind === "Service" ? fromMap(obj.spec?.selector) : kind === "ReplicationController" ? fromMap(obj.spec?.selector) : obj.spec?.selector?.matchLabels ? fromMap(obj.spec.selector.matchLabels) : fromMap({});
  const pods = (api.list("Pod", inv.namespace) as Pod[]).filter((p) => matches(sel, p.metadata?.labels));
  if (pods.length === 0) throw new KubectlError(`timed out waiting for the condition`);
  pods.sort((a, b) => rank(b) - rank(a) || (a.metadata?.creationTimestamp ?? "").localeCompare(b.metadata?.creationTimestamp ?? ""));
  return pods[0];
}

function rank(p: Pod): number {
  const running = p.status?.phase === "Running" ? 2 : p.status?.phase === "Pending" ? 0 : 1;
  const ready = p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? 1 : 0;
  return running * 2 + ready;
}

function logOptions(inv: Invocation): LogOptions {
  const opts: LogOptions = { timestamps: inv.flag<boolean>("timestamps") };
  const tail = inv.flag<number>("tail");
  if (tail !== undefined && tail >= 0) opts.tail = tail;
  const since = inv.flag<string | undefined>("since");
  const sinceTime = inv.flag<string | undefined>("since-time");
  if (since && sinceTime) throw new KubectlError("at most one of `sinceTime` or `sinceSeconds` may be specified");
  if (since) {
    const ms = parseDuration(since);
    if (ms === undefined) throw new KubectlError(`invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"`);
    opts.sinceMs = inv.cluster.clock.now - Math.ceil(ms / 1000) * 1000;
  }
  if (sinceTime) {
    const t = inv.cluster.clock.parseTimestamp(sinceTime);
    if (Number.isNaN(t)) throw new KubectlError(`--since-time must be a valid RFC3339 timestamp`);
    opts.sinceMs = t;
  }
  const limit = inv.flag<number>("limit-bytes");
  if (limit !== undefined && limit > 0) opts.limitBytes = limit;
  return opts;
}

interface Target {
  pod: Pod;
  container: string;
}

function targets(inv: Invocation): Target[] {
  const selector = inv.flag<string | undefined>("selector");
  const all = inv.flag<boolean>("all-containers");
  let container = inv.flag<string | undefined>("container");
  let pods: Pod[];
  if (selector) {
    if (inv.args.length > 0) throw new KubectlError("only a selector (-l) or a POD name is allowed");
    const sel = parseSelector(selector);
    pods = (inv.cluster.api.list("Pod", inv.namespace) as Pod[]).filter((p) => matches(sel, p.metadata?.labels));
    if (pods.length === 0) {
      inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      return [];
    }
    const max = inv.flag<number>("max-log-requests") ?? 5;
    if (!inv.flag<boolean>("follow") ? false : pods.length > max) throw new KubectlError(`you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  } else {
    if (inv.args.length === 0) throw new KubectlError("expected POD or TYPE/NAME is a required argument for the logs command", 1, "See 'kubectl logs -h' for help and examples");
    if (inv.args.length > 2) throw new KubectlError("expected POD or TYPE/NAME is a required argument for the logs command", 1, "See 'kubectl logs -h' for help and examples");
    if (inv.args.length === 2) {
      if (container) throw new KubectlError("only one of -c or an inline [CONTAINER] arg is allowed");
      container = inv.args[1];
    }
    pods = [resolvePod(inv, inv.args[0])];
  }
  const out: Target[] = [];
  for (const pod of pods) {
    if (all) {
      for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])]) out.push({ pod, container: c.name });
      continue;
    }
    const name = container ?? defaultContainer(inv, pod, !!selector);
    if (!findSpec(pod, name)) throw new KubectlError(`container ${name} is not valid for pod ${pod.metadata?.name}`);
    out.push({ pod, container: name });
  }
  return out;
}

export const logs: Verb = {
  name: "logs",
  summary: "Print the logs for a container in a pod",
  usage: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
  flags: [
    { name: "container", short: "c", type: "string", help: "Print the logs of this container" },
    { name: "follow", short: "f", type: "bool", help: "Specify if the logs should be streamed." },
    { name: "previous", short: "p", type: "bool", help: "If true, print the logs for the previous instance of the container in a pod if it exists." },
    { name: "tail", type: "int", default: -1, help: "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided." },
    { name: "timestamps", type: "bool", help: "Include timestamps on each line in the log output" },
    { name: "since", type: "string", help: "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used." },
    { name: "since-time", type: "string", help: "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used." },
    { name: "all-containers", type: "bool", help: "Get all containers' logs in the pod(s)." },
    { name: "prefix", type: "bool", help: "Prefix each log line with the log source (pod name and container name)" },
    { name: "selector", short: "l", type: "string", help: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: "limit-bytes", type: "int", default: 0, help: "Maximum bytes of logs to return. Defaults to no limit." },
    { name: "max-log-requests", type: "int", default: 5, help: "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5." },
    { name: "pod-running-timeout", type: "string", default: "20s", help: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running" },
    { name: "ignore-errors", type: "bool", help: "If watching / following pod logs, allow for any errors that occur to be non-fatal" },
    { name: "insecure-skip-tls-verify-backend", type: "bool", help: "Skip verifying the identity of the kubelet that logs are requested from." },
  ],
  async run(inv) {
    const opts = logOptions(inv);
    if (inv.flag<string | undefined>("selector") && !inv.isSet("tail")) opts.tail = 10;
    const previous = inv.flag<boolean>("previous");
    const follow = inv.flag<boolean>("follow");
    if (previous && follow) throw new KubectlError("only one of follow (-f) or previous (-p) is allowed");
    const prefixed = inv.flag<boolean>("prefix");
    const list = targets(inv);
    const streams: { id: string; prefix: string; target: Target }[] = [];
    for (const t of list) {
      if (!t.pod.spec?.nodeName) continue;
      let id: string;
      try {
        id = logContainerId(t.pod, t.container, previous);
      } catch (e) {
        if (e instanceof StatusError && list.length > 1 && inv.flag<boolean>("all-containers")) {
          inv.err(`Error from server (${e.reason}): ${e.message}\n`);
          continue;
        }
        throw e;
      }
      const prefix = prefixed ? `[pod/${t.pod.metadata?.name}/${t.container}] ` : "";
      const rt = runtimeFor(inv.cluster, t.pod);
      if (!rt) continue;
      inv.out(formatLogLines(inv.cluster, rt.logs(id), opts, prefix));
      streams.push({ id, prefix, target: t });
    }
    if (!follow || streams.length === 0) return 0;
    return follow_(inv, streams, opts);
  },
};

/** Streams new lines while virtual time advances, until every followed container has stopped. */
async function follow_(inv: Invocation, streams: { id: string; prefix: string; target: Target }[], opts: LogOptions): Promise<number> {
  const cluster = inv.cluster;
  let lastLine = cluster.clock.now;
  const unsubs: (() => void)[] = [];
  for (const s of streams) {
    const rt = runtimeFor(cluster, s.target.pod)!;
    unsubs.push(
      rt.onLog(s.id, (l: LogLine) => {
        lastLine = cluster.clock.now;
        inv.out(formatLogLines(cluster, [l], { timestamps: opts.timestamps }, s.prefix));
      }),
    );
  }
  const running = () =>
    streams.some((s) => {
      const st = runtimeFor(cluster, s.target.pod)?.containerStatus(s.id);
      return st !== undefined && (st.state === "running" || st.state === "created");
    });
  const idle = numberTiming(cluster.timings.kubectlWatchIdle, 60_000);
  const max = numberTiming(cluster.timings.kubectlWatchMax, 600_000);
  const start = cluster.clock.now;
  try {
    while (running()) {
      const deadline = inv.signal?.untilStopped ? Infinity : Math.min(lastLine + idle, start + max);
      if (cluster.clock.now >= deadline) break;
      const outcome = await advanceUntil(inv, () => !running(), deadline - cluster.clock.now);
      if (outcome !== "timeout") break;
    }
  } finally {
    for (const u of unsubs) u();
  }
  return 0;
}

function numberTiming(v: unknown, fallback: number): number {
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && typeof (v as { ms?: number }).ms === "number") return (v as { ms: number }).ms;
  return fallback;
}
