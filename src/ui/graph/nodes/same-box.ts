/**
 * The memo comparison of the graph's box components: a box draws its data at its size, wherever
 * React Flow places it, so a box that only moved (its pods reflowed, the grid grew) is not drawn
 * again — React Flow moves its wrapper.
 */
export function sameBox(a: { data: unknown; width?: number; height?: number }, b: { data: unknown; width?: number; height?: number }): boolean {
  return a.data === b.data && a.width === b.width && a.height === b.height;
}
