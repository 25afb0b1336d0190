/**
 * How far the view is zoomed out, in the bands the cards draw differently in: 0 near enough to read
 * them, 1 too far for a pod card's rows (they draw as blocks), 2 too far for a node card's words
 * (chips and counts draw as one block). Given by context, so a pan or zoom costs one selector, not
 * one per card: with thousands of cards, running theirs on every frame of a pan took longer than
 * drawing the frame.
 */
import { createContext, useContext } from "react";
import type { ReactFlowState } from "@xyflow/react";

/** Below this zoom a pod card's small text cannot be read: the card draws its rows as plain blocks. */
export const DETAIL_ZOOM = 0.45;
/** Below this zoom a node card's words and chips cannot be read. */
export const NODE_DETAIL_ZOOM = 0.3;

export type ZoomBand = 0 | 1 | 2;

export function zoomBand(s: ReactFlowState): ZoomBand {
  const zoom = s.transform[2];
  return zoom < NODE_DETAIL_ZOOM ? 2 : zoom < DETAIL_ZOOM ? 1 : 0;
}

export const ZoomBandContext = createContext<ZoomBand>(0);

export function useZoomBand(): ZoomBand {
  return useContext(ZoomBandContext);
}
