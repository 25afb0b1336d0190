/**
 * The cluster graph: React Flow showing the node cards with their pods, the Pending area, Services
 * and the objects pods use, with links between them; pan, zoom, fit, a minimap, and an overlay for
 * travelling requests. Zoomed out past reading, node cards are painted on one canvas (FarNodes).
 * It fits the view to the cluster until the user moves it.
 */
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type FitViewOptions, type Node as FlowNode } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./graph.css";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { ui, useAppStore } from "../store/store";
import { motionOn } from "../store/ui-slice";
import { useChrome } from "../presenter/chrome";
import { useTheme } from "../theme/theme";
import type { Node } from "kubernetes-types/core/v1";
import type { KObject } from "../../sim/api/types";
import { CARDS_PER_FRAME, eachFrame, linksBetween, podCardId, useAdmitted } from "./admit";
import { drawnFromAfar, farBox, farBoxAt, farLook, type FarBox } from "./far-nodes";
import { FarNodes } from "./FarNodes";
import { GraphToolbar } from "./GraphToolbar";
import { LinkEdge } from "./LinkEdge";
import { NodeCard } from "./nodes/NodeCard";
import { ObjectCard } from "./nodes/ObjectCard";
import { PendingArea } from "./nodes/PendingArea";
import { PodCard } from "./nodes/PodCard";
import { ServiceCard } from "./nodes/ServiceCard";
import { RequestDots } from "./RequestDots";
import { useFlow } from "./use-flow";
import { zoomBand, ZoomBandContext } from "./zoom-band";

/**
 * Above this many boxes only those in view are rendered. Below it everything stays mounted, so
 * panning only moves pixels instead of mounting and unmounting cards at the edges.
 */
const VISIBLE_ONLY_ABOVE = 600;

/** Above this many pod cards, or boxes of any kind, boxes jump to their new places instead of gliding. */
const CALM_ABOVE = 150;

/**
 * Above this many boxes there is no minimap: it draws every box again, on every frame of a pan.
 * Zoomed out until the nodes are drawn from afar, the graph is its own minimap.
 */
const MINIMAP_MAX_BOXES = 1000;

/** Fitting counts the nodes drawn from afar, which React Flow holds as hidden. */
const FIT_OPTIONS: FitViewOptions = { padding: 0.06, includeHiddenNodes: true };

/** Each far node's hidden copy, kept while its flow node is the same object, so React Flow skips it. */
const hiddenCopies = new WeakMap<FlowNode, FlowNode>();

function hiddenCopy(n: FlowNode): FlowNode {
  let copy = hiddenCopies.get(n);
  if (!copy) hiddenCopies.set(n, (copy = { ...n, hidden: true }));
  return copy;
}

const nodeTypes = { k8sNode: NodeCard, pending: PendingArea, pod: PodCard, service: ServiceCard, object: ObjectCard };
const edgeTypes = { link: LinkEdge };

function selectionKey(node: FlowNode): string | undefined {
  const d = node.data as { key?: string; name?: string; kind?: string; unused?: number };
  if (node.type === "pod") return `Pod/${d.key}`;
  if (node.type === "k8sNode") return `Node//${d.name}`;
  if (node.type === "service") return `Service/${d.key}`;
  // The box counting unused objects stands for no one object.
  if (node.type === "object" && d.unused) return undefined;
  if (node.type === "object") return `${d.kind}/${d.key?.includes("/") ? d.key : `/${d.key}`}`;
  return undefined;
}

function minimapColor(node: FlowNode): string {
  switch (node.type) {
    case "pod":
      return "#38bdf8";
    case "service":
      return "#34d399";
    case "pending":
      return "#fcd34d33";
    case "object":
      return "#a5b4fc";
    default:
      return "#475569";
  }
}

/** The flow node id of a selection key ("Pod/ns/name" → "pod:ns/name"). */
function selectedNodeId(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const [kind, ns, name] = [key.slice(0, key.indexOf("/")), ...key.slice(key.indexOf("/") + 1).split("/")];
  const nsName = ns ? `${ns}/${name}` : name;
  if (kind === "Pod") return `pod:${nsName}`;
  if (kind === "Node") return `node:${name}`;
  if (kind === "Service") return `svc:${nsName}`;
  return `${kind}:${nsName}`;
}

/** Above this many pods drawn, fitting the view jumps rather than zooming there in steps. */
const ANIMATED_FIT_MAX_PODS = 200;

/** Pod cards that appear together are drawn a few per frame (admit.ts). */
const cardsEachFrame = eachFrame(CARDS_PER_FRAME);

function Graph() {
  const flow = useFlow();
  const selected = useAppStore((s) => selectedNodeId(s.selected));
  const band = useStore(zoomBand);
  // Zoomed out past reading, node cards with chips or counts are drawn on one canvas (FarNodes).
  const far = band === 2;
  const nodes = useMemo(() => {
    if (!far && !selected) return flow.nodes;
    return flow.nodes.map((n) => (far && drawnFromAfar(n) ? hiddenCopy(n) : n.id === selected ? { ...n, selected: true } : n));
  }, [flow.nodes, selected, far]);
  const shown = useAdmitted(nodes, podCardId, cardsEachFrame);
  const edges = useMemo(() => linksBetween(flow.edges, shown, nodes), [flow.edges, shown, nodes]);
  const farBoxes = useMemo<FarBox[]>(() => (far ? flow.nodes.filter(drawnFromAfar).map(farBox) : []), [flow.nodes, far]);
  const motion = useAppStore(motionOn);
  const rf = useReactFlow();
  const userMoved = useRef(false);
  const container = useRef<HTMLDivElement>(null);

  const podsDrawn = useRef(0);
  podsDrawn.current = flow.scene?.visiblePods ?? 0;
  const fit = useCallback(
    (animate = true) => {
      // An animated fit draws the whole graph again at every step of the zoom: with many boxes or
      // pods (hundreds of pods arriving move the fitted view several times) it would stutter.
      const many = rf.getNodes().length > 60 || podsDrawn.current > ANIMATED_FIT_MAX_PODS;
      // Presenter mode lets the cards grow past their natural size: the room reads the screen from afar.
      const maxZoom = useChrome.getState().presenter ? 1.6 : 1;
      void rf.fitView({ ...FIT_OPTIONS, duration: animate && !many && motionOn(useAppStore.getState()) ? 350 : 0, maxZoom });
    },
    [rf],
  );

  // A fit asked for from outside the graph (the "f" shortcut, presenter mode turning on or off).
  const fitRequest = useChrome((s) => s.fitRequest);
  useEffect(() => {
    if (fitRequest === 0) return;
    userMoved.current = false;
    fit();
  }, [fitRequest, fit]);
  const theme = useTheme((s) => s.theme);

  // Follow the cluster while the user has not moved the view: fit again when the picture grows past
  // what was fitted, or shrinks by a fifth (not on every pod, which would keep the view moving).
  const fitted = useRef({ x0: 0, y0: 0, x1: 0, y1: 0 });
  useEffect(() => {
    if (flow.generation === 0 || userMoved.current) return;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const r of flow.rects.values()) {
      x0 = Math.min(x0, r.x);
      y0 = Math.min(y0, r.y);
      x1 = Math.max(x1, r.x + r.w);
      y1 = Math.max(y1, r.y + r.h);
    }
    const prev = fitted.current;
    const grew = x0 < prev.x0 || y0 < prev.y0 || x1 > prev.x1 || y1 > prev.y1;
    const area = (x1 - x0) * (y1 - y0);
    const prevArea = (prev.x1 - prev.x0) * (prev.y1 - prev.y0);
    if (!grew && area > prevArea * 0.8) return;
    const first = prevArea === 0;
    fitted.current = { x0, y0, x1, y1 };
    // Let React Flow measure the new boxes first.
    const id = requestAnimationFrame(() => fit(!first));
    return () => cancelAnimationFrame(id);
  }, [flow.generation, flow.rects, fit]);

  // When the graph's box changes size (the inspector or the dock opens or closes), fit again,
  // unless the user has moved the view.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let frame = 0;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const now = { w: el.clientWidth, h: el.clientHeight };
      if (now.w === last.w && now.h === last.h) return;
      last = now;
      if (userMoved.current || fitted.current.x1 <= fitted.current.x0) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fit(false));
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [fit]);

  // Stable handlers: React Flow hands onNodeClick to every node's wrapper, and a new function would
  // render each of them again whenever the graph renders.
  const onMoveStart = useCallback(() => {
    // While the view moves, the graph is one composited layer that only needs moving; when it
    // stops, it is drawn again at the new scale, sharp.
    if (container.current) container.current.dataset.moving = "";
  }, []);
  const onMove = useCallback((e: MouseEvent | TouchEvent | null) => {
    // Only a gesture that really moved the view counts: a click on a box starts a gesture too.
    if (e) userMoved.current = true;
  }, []);
  const onMoveEnd = useCallback(() => {
    if (container.current) delete container.current.dataset.moving;
  }, []);
  const onNodeClick = useCallback((_: unknown, node: FlowNode) => ui.select(selectionKey(node)), []);
  // The nodes drawn from afar are not React Flow's: a click or a pointer on the pane may be on one.
  const farAt = useCallback((e: { clientX: number; clientY: number }) => {
    if (farBoxes.length === 0) return undefined;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    return farBoxAt(farBoxes, p.x, p.y);
  }, [farBoxes, rf]);
  const onPaneClick = useCallback((e: { clientX: number; clientY: number }) => {
    const hit = farAt(e);
    ui.select(hit ? `Node//${hit.name}` : undefined);
  }, [farAt]);
  // The far node's words as a tooltip, as its card would give them.
  const onPaneMouseMove = useCallback((e: { clientX: number; clientY: number }) => {
    const el = container.current;
    const box = farAt(e);
    const mirror = useAppStore.getState().mirror;
    const node = box && mirror.get<Node & KObject>("Node", box.name);
    if (!el) return;
    if (box && node) el.title = farLook(node, box.podCount, mirror.statusCounts(box.name)).title;
    else el.removeAttribute("title");
  }, [farAt]);
  const onPaneMouseLeave = useCallback(() => container.current?.removeAttribute("title"), []);
  useEffect(() => {
    if (!far) container.current?.removeAttribute("title");
  }, [far]);
  // The minimap helps in big clusters, where nodes are few boxes each; pods as cards would swamp it.
  const big = (flow.scene?.inner.filter((b) => b.type === "k8sNode").length ?? 0) > 12;
  // Hundreds of cards (or node cards) moving at once cost more than they show: above this, they jump.
  const calm = (flow.scene?.lod === "cards" ? flow.scene.visiblePods : 0) > CALM_ABOVE || flow.nodes.length > CALM_ABOVE;
  return (
    <div className="flex h-full w-full flex-col">
      <GraphToolbar
        scene={flow.scene}
        onFit={() => {
          userMoved.current = false;
          fit();
        }}
      />
    <div ref={container} className={`cluster-graph contain-strict min-h-0 w-full flex-1 ${motion && !calm ? "motion-on" : "motion-off"}`}>
      <ZoomBandContext.Provider value={band}>
        <ReactFlow
          aria-label="Cluster graph"
          nodes={shown}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE && band < 2}
          nodesDraggable={false}
          nodesConnectable={false}
          elevateNodesOnSelect={false}
          minZoom={0.02}
          maxZoom={2}
          colorMode={theme}
          onMoveStart={onMoveStart}
          onMove={onMove}
          onMoveEnd={onMoveEnd}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          onPaneMouseMove={far ? onPaneMouseMove : undefined}
          onPaneMouseLeave={onPaneMouseLeave}
        >
          <Background gap={24} size={1} color={theme === "light" ? "#cbd5e1" : "#1e293b"} />
          {far && farBoxes.length > 0 && <FarNodes boxes={farBoxes} edges={flow.edges} rects={flow.rects} selected={selected?.startsWith("node:") ? selected.slice(5) : undefined} />}
          <Controls showInteractive={false} position="bottom-left" fitViewOptions={FIT_OPTIONS} />
          {big && !far && nodes.length <= MINIMAP_MAX_BOXES && <MiniMap pannable zoomable nodeColor={minimapColor} maskColor="rgba(2,6,23,0.6)" className="!bg-slate-900" ariaLabel="Minimap" style={{ width: 160, height: 110 }} />}
          <RequestDots rects={flow.rects} />
        </ReactFlow>
      </ZoomBandContext.Provider>
    </div>
    </div>
  );
}

export function ClusterGraph() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}
