/**
 * The scheduling framework (framework/runtime/framework.go): the profile's plugins sorted by extension
 * point, and the Run* functions that call them in order — PreFilter (Skip marks a plugin's Filter
 * off for the cycle), Filter (the first rejection wins), PostFilter, PreScore, Score with
 * normalization and weights, Reserve and Unreserve, PreBind (which may make the binding wait), Bind.
 */
import type { CycleState } from "./cycle-state";
import type { NodeInfo } from "./node-info";
import type { Nominator } from "./nominator";
import type { PodInfo, PodObject } from "./pod-info";
import type { EventInterest, Handle, Plugin, PostFilterOutcome } from "./plugin";
import type { QueuedPodInfo } from "./queued-pod";
import type { EnabledPlugin } from "./registry";
import { Status } from "./status";

/** A score plugin with its weight. */
export interface WeightedScorePlugin {
  plugin: Plugin;
  weight: number;
}

/** What running PreFilter gave. */
export interface PreFilterRun {
  status: Status | null;
  /** The only nodes worth filtering, when a plugin narrowed them, and the plugins that did. */
  nodeNames?: Set<string>;
  narrowedBy?: string[];
  /** Each plugin's verdict, in order: "Success", "Skip", or the rejecting status. */
  outcomes: { plugin: string; status: Status | null; skipped: boolean }[];
}

/**
 * Raw and normalized scores per plugin (rows follow `plugins`, columns the nodes scored).
 * WARNING: the arrays are the framework's scratch space, overwritten by the next cycle: copy what
 * must outlive it.
 */
export interface ScoreRun {
  plugins: WeightedScorePlugin[];
  raw: Float64Array[];
  normalized: Float64Array[];
  totals: Float64Array;
}

/** One profile's plugins, by extension point, and the functions that run them. */
export class Framework {
  readonly plugins: Plugin[];
  private readonly preEnqueuePlugins: Plugin[];
  private readonly queueSort: Plugin;
  private readonly preFilterPlugins: Plugin[];
  readonly filterPlugins: Plugin[];
  /** The Filter plugins' names, in order (shared by every decision record). */
  readonly filterPluginNames: readonly string[];
  private readonly postFilterPlugins: Plugin[];
  private readonly preScorePlugins: Plugin[];
  readonly scorePlugins: WeightedScorePlugin[];
  private readonly reservePlugins: Plugin[];
  private readonly unreservePlugins: Plugin[];
  private readonly preBindPlugins: Plugin[];
  private readonly bindPlugins: Plugin[];
  readonly interests = new Map<string, readonly EventInterest[]>();

  constructor(
    profile: readonly EnabledPlugin[],
    handle: Handle,
    private readonly nominator: Nominator,
  ) {
    this.plugins = profile.map((e) => e.definition.create(handle));
    for (const e of profile) this.interests.set(e.definition.name, e.definition.events);
    const having = (hook: keyof Plugin) => this.plugins.filter((p) => typeof p[hook] === "function");
    this.preEnqueuePlugins = having("preEnqueue");
    const sort = having("less");
    if (sort.length !== 1) throw new Error("a profile needs exactly one QueueSort plugin");
    this.queueSort = sort[0];
    this.preFilterPlugins = having("preFilter");
    this.filterPlugins = having("filter");
    this.filterPluginNames = this.filterPlugins.map((p) => p.name);
    this.postFilterPlugins = having("postFilter");
    this.preScorePlugins = having("preScore");
    this.scorePlugins = profile
      .map((e, i) => ({ plugin: this.plugins[i], weight: e.weight ?? 1 }))
      .filter((w) => typeof w.plugin.score === "function");
    this.reservePlugins = having("reserve");
    this.unreservePlugins = having("unreserve");
    this.preBindPlugins = having("preBind");
    this.bindPlugins = having("bind");
  }

  less = (a: QueuedPodInfo, b: QueuedPodInfo): boolean => this.queueSort.less!(a, b);

  runPreEnqueue(pod: PodObject): { plugin: string; status: Status } | undefined {
    for (const p of this.preEnqueuePlugins) {
      const s = p.preEnqueue!(pod);
      if (s && s.code !== "Success") return { plugin: p.name, status: s.withPlugin(p.name) };
    }
    return undefined;
  }

  runPreFilter(state: CycleState, pod: PodInfo): PreFilterRun {
    const outcomes: PreFilterRun["outcomes"] = [];
    let nodeNames: Set<string> | undefined;
    const narrowing: string[] = [];
    let unschedulable: Status | null = null;
    for (const p of this.preFilterPlugins) {
      const r = p.preFilter!(state, pod);
      const s = r.status;
      if (s && s.code === "Skip") {
        state.skipFilter.add(p.name);
        state.activeFilters = undefined;
        outcomes.push({ plugin: p.name, status: null, skipped: true });
        continue;
      }
      outcomes.push({ plugin: p.name, status: s, skipped: false });
      if (s && s.code !== "Success") {
        s.withPlugin(p.name);
        // Unresolvable ends PreFilter; Unschedulable lets the rest run, for preemption's sake.
        if (s.code === "UnschedulableAndUnresolvable") return { status: s, outcomes };
        if (s.code === "Unschedulable") {
          unschedulable = s;
          continue;
        }
        return { status: new Status("Error", [`running PreFilter plugin "${p.name}": ${s.message}`], p.name), outcomes };
      }
      if (r.nodeNames) {
        narrowing.push(p.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames);
        if (nodeNames.size === 0) {
          const msg = narrowing.length === 1 ? `node(s) didn't satisfy plugin ${narrowing[0]}` : `node(s) didn't satisfy plugin(s) [${narrowing.join(" ")}] simultaneously`;
          return { status: Status.unresolvable(msg).withPlugin(narrowing.join(",")), nodeNames, outcomes };
        }
      }
    }
    return { status: unschedulable, nodeNames, narrowedBy: narrowing, outcomes };
  }

  /** Runs the Filter plugins on one node; the first rejection, with its plugin, or null. */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    // The plugins PreFilter did not skip, worked out once per cycle: this runs for every node.
    const active = (state.activeFilters as Plugin[] | undefined) ?? this.activeFilters(state);
    for (let i = 0; i < active.length; i++) {
      const p = active[i];
      const s = p.filter!(state, pod, node);
      if (s && s.code !== "Success") {
        if (!s.rejected) return new Status("Error", [`running "${p.name}" filter plugin: ${s.message}`], p.name);
        return s.withPlugin(p.name);
      }
    }
    return null;
  }

  /**
   * RunFilterPluginsWithNominatedPods: when equal- or higher-priority pods are nominated to the node,
   * the pod must fit both with them counted as running and without them.
   */
  runFilterWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (this.nominator.empty) return this.runFilter(state, pod, node);
    const nominated = this.nominator.podsFor(node.name).filter((p) => p.priority >= pod.priority && p.key !== pod.key);
    if (nominated.length === 0) return this.runFilter(state, pod, node);
    const withState = state.clone();
    const withNode = node.clone();
    for (const p of nominated) {
      withNode.addPod(p);
      this.runPreFilterAddPod(withState, pod, p, withNode);
    }
    const first = this.runFilter(withState, pod, withNode);
    if (first) return first;
    return this.runFilter(state, pod, node);
  }

  /**
   * The Filter plugins PreFilter did not skip, kept on the state. Apart from runFilter: a closure
   * there would make every call allocate its context, and runFilter runs for every node.
   */
  private activeFilters(state: CycleState): Plugin[] {
    const active = this.filterPlugins.filter((p) => !state.skipFilter.has(p.name));
    state.activeFilters = active;
    return active;
  }

  /** True when some pod is nominated to a node (filters must then count nominated pods). */
  hasNominatedPods(): boolean {
    return !this.nominator.empty;
  }

  runPreFilterAddPod(state: CycleState, pod: PodInfo, add: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilterPlugins) if (p.addPod && !state.skipFilter.has(p.name)) p.addPod(state, pod, add, node);
  }

  runPreFilterRemovePod(state: CycleState, pod: PodInfo, remove: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilterPlugins) if (p.removePod && !state.skipFilter.has(p.name)) p.removePod(state, pod, remove, node);
  }

  /** Runs PostFilter plugins until one makes the pod schedulable (or rejects it for good). */
  runPostFilter(state: CycleState, pod: PodInfo, statuses: ReadonlyMap<string, Status>): PostFilterOutcome & { plugin?: string } {
    const messages: string[] = [];
    let last: PostFilterOutcome & { plugin?: string } = { status: Status.unschedulable() };
    for (const p of this.postFilterPlugins) {
      const r = p.postFilter!(state, pod, statuses);
      const s = r.status;
      if (!s || s.code === "Success") return { ...r, plugin: p.name };
      if (s.code === "UnschedulableAndUnresolvable") return { ...r, plugin: p.name };
      if (s.message) messages.push(s.message);
      last = { ...r, plugin: p.name };
    }
    if (messages.length > 0 && last.status) last = { ...last, status: new Status(last.status.code, [messages.join(", ")], last.plugin) };
    return last;
  }

  /** Runs PreScore; plugins that return Skip do not score this cycle. */
  runPreScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    for (const p of this.preScorePlugins) {
      const s = p.preScore!(state, pod, nodes);
      if (s && s.code === "Skip") {
        state.skipScore.add(p.name);
        continue;
      }
      if (s && s.code !== "Success") return s.withPlugin(p.name);
    }
    return null;
  }

  /** Scores every node with every (not skipped) score plugin, normalizes, weighs and sums. */
  runScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): ScoreRun {
    const plugins = this.scorePlugins.filter((w) => !state.skipScore.has(w.plugin.name));
    const n = nodes.length;
    const raw: Float64Array[] = [];
    const normalized: Float64Array[] = [];
    const totals = this.scratch(0, n);
    totals.fill(0);
    const p = plugins.length;
    for (let k = 0; k < p; k++) raw.push(this.scratch(2 * k + 1, n));
    // Node by node, every plugin, as runScorePlugins does: each node's data is read while it is at hand.
    for (let i = 0; i < n; i++) {
      const node = nodes[i];
      for (let k = 0; k < p; k++) raw[k][i] = plugins[k].plugin.score!(state, pod, node);
    }
    plugins.forEach((w, k) => {
      const norm = this.scratch(2 * k + 2, n);
      norm.set(raw[k]);
      w.plugin.normalizeScore?.(state, pod, nodes, norm);
      normalized.push(norm);
      for (let i = 0; i < n; i++) totals[i] += norm[i] * w.weight;
    });
    return { plugins, raw, normalized, totals };
  }

  private scratchBuffers: Float64Array[] = [];

  /** A reusable buffer of length n (grown as clusters grow). */
  private scratch(slot: number, n: number): Float64Array {
    let b = this.scratchBuffers[slot];
    if (!b || b.length < n) this.scratchBuffers[slot] = b = new Float64Array(Math.max(n, 64));
    return b.length === n ? b : b.subarray(0, n);
  }

  /** RunReservePluginsReserve: the first failure, as an error naming the plugin. */
  runReserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    for (const p of this.reservePlugins) {
      const s = p.reserve!(state, pod, nodeName);
      if (!s || s.code === "Success") continue;
      if (s.rejected) return s.withPlugin(p.name);
      return new Status("Error", [`running Reserve plugin "${p.name}": ${s.message}`], p.name);
    }
    return null;
  }

  /** RunReservePluginsUnreserve: every plugin, in reverse order. */
  runUnreserve(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.unreservePlugins.length - 1; i >= 0; i--) this.unreservePlugins[i].unreserve!(state, pod, nodeName);
  }

  /**
   * RunPreBindPlugins: in order, each waiting for the one before; `done` gets the first failure (as
   * `running PreBind plugin "X": ...`) or null. It may be called at once or later, on the clock.
   */
  runPreBind(state: CycleState, pod: PodInfo, nodeName: string, done: (status: Status | null) => void): void {
    const fail = (p: Plugin, s: Status): void => done(s.rejected ? s.withPlugin(p.name) : new Status("Error", [`running PreBind plugin "${p.name}": ${s.message}`], p.name));
    const step = (from: number): void => {
      for (let i = from; i < this.preBindPlugins.length; i++) {
        const p = this.preBindPlugins[i];
        const r = p.preBind!(state, pod, nodeName);
        if (r && "wait" in r) {
          r.wait((s) => (s && s.code !== "Success" ? fail(p, s) : step(i + 1)));
          return;
        }
        if (r && r.code !== "Success") {
          fail(p, r);
          return;
        }
      }
      done(null);
    };
    step(0);
  }

  runBind(pod: PodInfo, nodeName: string): Status | null {
    for (const p of this.bindPlugins) {
      const s = p.bind!(pod, nodeName);
      if (s?.code === "Skip") continue;
      return s ? s.withPlugin(p.name) : null;
    }
    return Status.error("no bind plugin bound the pod");
  }
}
