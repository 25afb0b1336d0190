/**
 * Keeps the graph's React Flow nodes and edges in step with the cluster: whenever boxes appear,
 * vanish or change shape (or the filters change), the scene is brought up to date and turned into
 * flow nodes — never for a mere change of state, which the node components pick up themselves.
 *
 * A change of the cluster costs what it changed: the scene repacks only the nodes whose pods moved
 * (its cache), and while the side boxes (Services, ConfigMaps, claims...) stay the same the last
 * ELK arrangement is kept, with ELK run again once the cluster has been quiet for a moment. While
 * many changes come in (500 pods starting), the picture is updated at most every SPACING_MS, the
 * first change at once; a slow update (a huge cluster) spaces the next one out further. A change
 * of the filters is drawn at once, with a fresh arrangement. While pods leave the Pending area, it
 * keeps its height, so that the nodes under it stay put; it shrinks to fit once things are quiet.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useShallow } from "zustand/shallow";
import { useAppStore } from "../store/store";
import type { DetailSetting } from "../store/ui-slice";
import { useChrome } from "../presenter/chrome";
import { arrange, keepArrangement, type Arrangement } from "./arrange";
import { toFlow, type Flow } from "./flow";
import { leavingPods } from "./ghosts";
import { buildScene, createSceneCache, type Scene } from "./scene";

/** At most one update of the picture per this many ms while the cluster keeps changing. */
const SPACING_MS = 250;
/** After updates that kept the arrangement, ELK arranges the side boxes again once the structure is quiet this long. */
const SETTLE_MS = 1000;

const EMPTY: Flow = { nodes: [], edges: [], rects: new Map() };

export interface FlowState extends Flow {
  scene?: Scene;
  /** Bumped each time a new arrangement is published. */
  generation: number;
}

interface View {
  namespace: string;
  labelFilter: string;
  detail: DetailSetting;
  collapsed: ReadonlySet<string>;
  wide: boolean;
}

const sameView = (a: View | undefined, b: View) => !!a && a.namespace === b.namespace && a.labelFilter === b.labelFilter && a.detail === b.detail && a.collapsed === b.collapsed && a.wide === b.wide;

function sameSide(a: Scene, b: Scene): boolean {
  if (a.side.length !== b.side.length) return false;
  for (let i = 0; i < a.side.length; i++) if (a.side[i].id !== b.side[i].id || a.side[i].h !== b.side[i].h) return false;
  return true;
}

/**
 * How long to wait before updating the picture for a change: not at all for a change of the view
 * or the first change after a quiet spell; else until SPACING_MS after the last update, or longer
 * after a slow one.
 */
export function updateDelay(o: { now: number; lastRun: number; busyUntil: number; viewChanged: boolean }): number {
  if (o.viewChanged) return 0;
  return Math.max(0, o.lastRun + SPACING_MS - o.now, o.busyUntil - o.now);
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What the toolbar and the graph read from the scene besides its boxes. */
const sameSummary = (a: Scene, b: Scene) => a.lod === b.lod && a.visiblePods === b.visiblePods && a.filterError === b.filterError;

export function useFlow(): FlowState {
  const [structure, links] = useAppStore(useShallow((s) => [s.structure, s.links]));
  const [namespace, labelFilter, detail, collapsed] = useAppStore(useShallow((s) => [s.namespace, s.labelFilter, s.detail, s.collapsed] as const));
  const wide = useChrome((s) => s.presenter);
  const [state, setState] = useState<FlowState>({ ...EMPTY, generation: 0 });
  const cache = useRef(createSceneCache());
  /** The last published scene and its arrangement; `settled` when ELK arranged that very scene. */
  const last = useRef<{ scene: Scene; arrangement: Arrangement; settled: boolean } | undefined>(undefined);
  const view = useRef<View | undefined>(undefined);
  const seq = useRef(0);
  const arranging = useRef(false);
  const lastRun = useRef(-Infinity);
  const busyUntil = useRef(0);
  const started = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fresh = useRef(true);

  // An update costs its build plus React Flow's render of it: measured here, after the commit, and
  // used to space out the next one (at least as long again, twice that for big pictures).
  useLayoutEffect(() => {
    if (state.generation === 0) return;
    const took = performance.now() - started.current;
    const boxes = state.nodes.length;
    busyUntil.current = performance.now() + (boxes > 200 ? 2 * took : took > 16 ? took : 0);
  }, [state.generation, state.nodes.length]);

  useEffect(() => {
    const current: View = { namespace, labelFilter, detail, collapsed, wide };
    const viewChanged = !sameView(view.current, current);
    view.current = current;

    const publish = (scene: Scene, arrangement: Arrangement, settled: boolean) => {
      last.current = { scene, arrangement, settled };
      setState((prev) => {
        const next = toFlow(scene, arrangement, prev);
        // Nothing React Flow would see changed (a link's readiness came back as it was): keep the state.
        if (prev.scene && sameItems(next.nodes, prev.nodes) && sameItems(next.edges, prev.edges) && sameSummary(prev.scene, scene)) return prev;
        return { ...next, scene, generation: prev.generation + 1 };
      });
    };

    const elk = (scene: Scene) => {
      const mine = ++seq.current;
      arranging.current = true;
      void arrange(scene).then((arrangement) => {
        if (mine !== seq.current) return;
        arranging.current = false;
        publish(scene, arrangement, true);
      });
    };

    const build = (pendingMinHeight: number) => {
      const v = view.current!;
      return buildScene(useAppStore.getState().mirror, { namespace: v.namespace, labelFilter: v.labelFilter, detail: v.detail, collapsed: v.collapsed, wide: v.wide, pendingMinHeight }, leavingPods(), cache.current);
    };

    const settleLater = () => {
      clearTimeout(settleTimer.current);
      settleTimer.current = setTimeout(settle, SETTLE_MS);
    };

    function settle() {
      settleTimer.current = undefined;
      const l = last.current;
      if (!l || timer.current !== undefined) return;
      // A Pending area held taller than its pods need shrinks now, with a fresh arrangement.
      const held = l.scene.pendingH > l.scene.pendingNeeds;
      if (l.settled && !held) return;
      started.current = performance.now();
      elk(held ? build(0) : l.scene);
    }

    const run = () => {
      timer.current = undefined;
      lastRun.current = started.current = performance.now();
      const full = fresh.current;
      fresh.current = false;
      const l = last.current;
      const scene = build(full || !l ? 0 : l.scene.pendingH);
      const held = scene.pendingH > scene.pendingNeeds;
      if (full || !l || arranging.current || !sameSide(l.scene, scene)) {
        clearTimeout(settleTimer.current);
        settleTimer.current = undefined;
        elk(scene);
        if (held) settleLater();
        return;
      }
      // The same side boxes: keep them where ELK put them, and arrange again when things calm down.
      ++seq.current;
      publish(scene, keepArrangement(l.arrangement, l.scene, scene), false);
      settleLater();
    };

    if (viewChanged) fresh.current = true;
    if (timer.current !== undefined) {
      if (!viewChanged) return;
      clearTimeout(timer.current);
      timer.current = undefined;
    }
    const wait = updateDelay({ now: performance.now(), lastRun: lastRun.current, busyUntil: busyUntil.current, viewChanged });
    if (wait <= 0) run();
    else timer.current = setTimeout(run, wait);
  }, [structure, links, namespace, labelFilter, detail, collapsed, wide]);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearTimeout(settleTimer.current);
    },
    [],
  );
  return state;
}
