/**
 * Requests travelling along Service links: each request kube-proxy routes is a dot that runs from
 * the Service to the endpoint pod along the same curve as the link (green when answered, red when
 * refused). The dots are plain DOM elements in an overlay in the flow's coordinates, animated by the
 * compositor (transform and opacity): no React render, nothing in the graph's data.
 */
import { getBezierPath, Position, ViewportPortal } from "@xyflow/react";
import type { Pod } from "kubernetes-types/core/v1";
import { useEffect, useRef } from "react";
import type { KObject } from "../../sim/api/types";
import { useAppStore } from "../store/store";
import { motionOn } from "../store/ui-slice";
import { onRequest } from "./activity-bus";
import type { Rect } from "./flow";
import { nodeBoxId, PENDING_ID, podBoxId, serviceBoxId } from "./scene";

const MAX_DOTS = 60;
const DOT_MS = 900;
const SAMPLES = 16;

/** Points along a cubic Bézier path "M x,y C x,y x,y x,y" as React Flow draws it. */
export function samplePath(path: string, n = SAMPLES): { x: number; y: number }[] {
  const v = (path.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
  if (v.length < 8) return [];
  const [x0, y0, x1, y1, x2, y2, x3, y3] = v;
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push({
      x: u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
      y: u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
    });
  }
  return out;
}

export function RequestDots({ rects }: { rects: Map<string, Rect> }) {
  const layer = useRef<HTMLDivElement>(null);
  const rectsRef = useRef(rects);
  rectsRef.current = rects;

  useEffect(
    () =>
      onRequest((requests) => {
        const state = useAppStore.getState();
        const el = layer.current;
        if (!el || !motionOn(state)) return;
        for (const r of requests) {
          if (el.childElementCount >= MAX_DOTS) break;
          const from = rectsRef.current.get(serviceBoxId(r.service));
          const pod = state.mirror.get<Pod & KObject>("Pod", r.pod);
          const holder = rectsRef.current.get(podBoxId(r.pod)) ?? (pod?.spec?.nodeName ? rectsRef.current.get(nodeBoxId(pod.spec.nodeName)) : rectsRef.current.get(PENDING_ID));
          if (!from || !holder) continue;
          const [path] = getBezierPath({
            sourceX: from.x + from.w,
            sourceY: from.y + from.h / 2,
            sourcePosition: Position.Right,
            targetX: holder.x,
            targetY: holder.y + holder.h / 2,
            targetPosition: Position.Left,
          });
          const points = samplePath(path);
          if (points.length === 0) continue;
          const dot = document.createElement("div");
          dot.className = `request-dot ${r.ok ? "ok" : "refused"}`;
          dot.setAttribute("aria-hidden", "true");
          el.appendChild(dot);
          const anim = dot.animate(
            points.map((p, i) => ({ transform: `translate(${p.x - 5}px, ${p.y - 5}px)`, opacity: i === points.length - 1 ? 0.3 : 1 })),
            { duration: DOT_MS, easing: "ease-in-out" },
          );
          anim.onfinish = () => dot.remove();
          anim.oncancel = () => dot.remove();
        }
      }),
    [],
  );

  return (
    <ViewportPortal>
      <div ref={layer} className="request-dots pointer-events-none absolute top-0 left-0" style={{ zIndex: 10 }} />
    </ViewportPortal>
  );
}
