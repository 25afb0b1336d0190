/**
 * Keeps the graph's React Flow nodes and edges in step with the cluster: whenever boxes appear,
 * vanish or change shape (or the filters change), the scene is rebuilt, arranged by ELK, and turned
 * into flow nodes — never for a mere change of state, which the node components pick up themselves.
 * A slow rebuild (a huge cluster) spaces the next one out, so the page stays responsive.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useShallow } from "zustand/shallow";
import { useAppStore } from "../store/store";
import { useChrome } from "../presenter/chrome";
import { arrange } from "./arrange";
import { toFlow, type Flow } from "./flow";
import { leavingPods } from "./ghosts";
import { buildScene, type Scene } from "./scene";

const EMPTY: Flow = { nodes: [], edges: [], rects: new Map() };

export interface FlowState extends Flow {
  scene?: Scene;
  /** Bumped each time a new arrangement is published. */
  generation: number;
}

export function useFlow(): FlowState {
  const trigger = useAppStore(useShallow((s) => [s.structure, s.links, s.namespace, s.labelFilter, s.detail, s.collapsed]));
  const wide = useChrome((s) => s.presenter);
  const [state, setState] = useState<FlowState>({ ...EMPTY, generation: 0 });
  const seq = useRef(0);
  const busyUntil = useRef(0);
  const started = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // A layout costs its build plus React Flow's render of it: measured here, after the commit, and
  // used to space out the next one (at least as long again, twice that for big pictures).
  useLayoutEffect(() => {
    if (state.generation === 0) return;
    const took = performance.now() - started.current;
    const boxes = state.nodes.length;
    busyUntil.current = performance.now() + (boxes > 200 ? 2 * took : took > 16 ? took : 0);
  }, [state.generation, state.nodes.length]);

  useEffect(() => {
    const run = () => {
      timer.current = undefined;
      const mine = ++seq.current;
      started.current = performance.now();
      const s = useAppStore.getState();
      const scene = buildScene(s.mirror, { namespace: s.namespace, labelFilter: s.labelFilter, detail: s.detail, collapsed: s.collapsed, wide }, leavingPods());
      void arrange(scene).then((arrangement) => {
        if (mine !== seq.current) return;
        setState((prev) => ({ ...toFlow(scene, arrangement, prev), scene, generation: prev.generation + 1 }));
      });
    };
    const wait = busyUntil.current - performance.now();
    if (timer.current !== undefined) return;
    if (wait > 0) timer.current = setTimeout(run, wait);
    else run();
  }, [trigger, wide]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return state;
}
