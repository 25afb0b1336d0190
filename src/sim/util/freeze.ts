/**
 * Freezes an object and everything it holds: for constant parts many stored objects share (every
 * pod's token volume source), so that a change in place fails loudly instead of reaching them all.
 */
export function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === "object") deepFreeze(v as object);
  return Object.freeze(o);
}
