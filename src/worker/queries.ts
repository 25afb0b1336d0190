/**
 * Read-only queries the page asks the worker for the inspector, the logs view and the timeline:
 * `kubectl describe` and `kubectl get -o yaml` text, a container's log lines, the scheduler's
 * decision record, a pod's history and an event's exact instant.
 *
 * WARNING: a query must never change the simulation. It is not a recorded input, it does not run
 * the clock, and it reads nothing that draws on the random source; otherwise a rewind, which
 * replays only the recorded inputs, would no longer rebuild the same cluster. Only kubectl verbs
 * that read (describe, get) run here, with argv built here, never typed by the user.
 */
import type { Pod } from "kubernetes-types/core/v1";
import { StatusError } from "../sim/api/errors";
import { kindInfo } from "../sim/api/kinds";
import type { Cluster } from "../sim/cluster";
import { logContainerId, runtimeFor } from "../sim/kubelet/server";
import type { SchedulingDecision } from "../sim/scheduler/decision-record";
import type { EventInstants, EventTimes } from "./event-times";
import type { PodHistory, PodHistoryData } from "./pod-history";

/** A reference to the object a query is about. */
export interface QueryTarget {
  kind: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  name: string;
}

/** What each query asks. */
export interface QueryParams {
  describe: QueryTarget;
  yaml: QueryTarget;
  logs: {
    namespace: string;
    name: string;
    container: string;
    previous: boolean;
    /** What the page already holds: lines of this container instance from this index on are new. */
    after?: { containerId: string; lines: number };
  };
  scheduling: { namespace: string; name: string };
  podHistory: { namespace: string; name: string };
  eventTime: { namespace: string; name: string };
}

/** A line of a container's log. */
export interface LogLineLite {
  /** Virtual ms. */
  time: number;
  stream: "stdout" | "stderr";
  text: string;
}

/** What each query answers. */
export interface QueryResults {
  describe: { exitCode: number; stdout: string; stderr: string };
  yaml: { exitCode: number; stdout: string; stderr: string };
  logs: {
    /** The instance read ("containerd" id without the scheme); absent on error. */
    containerId?: string;
    /** Index of the first line returned in the instance's log. */
    from: number;
    lines: LogLineLite[];
    /** Lines in the instance's log. */
    total: number;
    /** The API's error, as kubectl prints it ("Error from server (BadRequest): ..."). */
    error?: string;
  };
  scheduling: {
    /** The latest scheduling attempt, node by node and plugin by plugin. */
    record?: SchedulingDecision;
    /** Which of the scheduler's queues the pod waits in. */
    queue?: string;
  };
  podHistory: { history?: PodHistoryData };
  eventTime: { instants?: EventInstants };
}

export type QueryType = keyof QueryParams;
/** One query: its type and parameters. */
export type Query = { [K in QueryType]: { type: K } & QueryParams[K] }[QueryType];
/** The answer to a query of type K. */
export type QueryAnswer<K extends QueryType = QueryType> = QueryResults[K];

/** What queries read besides the cluster. */
export interface QuerySources {
  history: PodHistory;
  eventTimes: EventTimes;
}

/** The most log lines one answer carries; a longer log is cut at its start. */
export const LOG_LINES_PER_ANSWER = 2000;

interface SchedulerLike {
  recordFor(namespace: string, name: string): SchedulingDecision | undefined;
  queueOf?(namespace: string, name: string): string | undefined;
}

/** Runs a query against the cluster. */
export async function runQuery<K extends QueryType>(cluster: Cluster, sources: QuerySources, query: Query & { type: K }): Promise<QueryAnswer<K>> {
  return (await answer(cluster, sources, query)) as QueryAnswer<K>;
}

async function answer(cluster: Cluster, sources: QuerySources, q: Query): Promise<QueryAnswer> {
  switch (q.type) {
    case "describe":
      return read(cluster, ["describe", resourceArg(q.kind), q.name, ...namespaceArgs(q)]);
    case "yaml":
      return read(cluster, ["get", resourceArg(q.kind), q.name, ...namespaceArgs(q), "-o", "yaml"]);
    case "logs":
      return logs(cluster, q);
    case "scheduling": {
      const s = cluster.component("kube-scheduler") as unknown as SchedulerLike | undefined;
      const out: QueryResults["scheduling"] = {};
      const record = s?.recordFor(q.namespace, q.name);
      if (record) out.record = record;
      const queue = s?.queueOf?.(q.namespace, q.name);
      if (queue) out.queue = queue;
      return out;
    }
    case "podHistory": {
      const history = sources.history.get(q.namespace, q.name);
      return history ? { history } : {};
    }
    case "eventTime": {
      const instants = sources.eventTimes.get(q.namespace, q.name);
      return instants ? { instants } : {};
    }
  }
}

/** The resource argument kubectl takes for a kind: "pods", "deployments.apps". */
function resourceArg(kind: string): string {
  const info = kindInfo(kind);
  if (!info) return kind.toLowerCase();
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

function namespaceArgs(t: QueryTarget): string[] {
  const info = kindInfo(t.kind);
  return info && !info.namespaced ? [] : ["-n", t.namespace || "default"];
}

/** Runs a reading kubectl verb. */
async function read(cluster: Cluster, argv: string[]): Promise<QueryResults["describe"]> {
  const r = await cluster.kubectl(argv, {});
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

function logs(cluster: Cluster, q: QueryParams["logs"]): QueryResults["logs"] {
  const pod = cluster.store.get("Pod", q.namespace, q.name) as Pod | undefined;
  if (!pod) return { from: 0, lines: [], total: 0, error: `Error from server (NotFound): pods "${q.name}" not found` };
  let id: string;
  try {
    id = logContainerId(pod, q.container, q.previous);
  } catch (e) {
    if (e instanceof StatusError) return { from: 0, lines: [], total: 0, error: `Error from server (${e.reason}): ${e.message}` };
    throw e;
  }
  const rt = runtimeFor(cluster, pod);
  const all = rt ? rt.logs(id) : [];
  const total = all.length;
  let from = q.after && q.after.containerId === id && q.after.lines <= total ? q.after.lines : 0;
  from = Math.max(from, total - LOG_LINES_PER_ANSWER);
  const lines: LogLineLite[] = [];
  for (let i = from; i < total; i++) lines.push({ time: all[i].time, stream: all[i].stream, text: all[i].text });
  return { containerId: id, from, lines, total };
}
