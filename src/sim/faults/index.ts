/** Faults and cluster settings: the typed API the app's buttons call, and the `podlab` commands. */
export { Faults, FAULTS, PODLAB_ACTOR, type NodeChanges, type ProbeForce } from "./faults";
export type { KillRequest } from "./containers";
