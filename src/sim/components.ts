/**
 * The default set of components a cluster runs, in start order. Each part of the control plane and
 * each node agent adds itself here.
 */
import { Bootstrap } from "./bootstrap";
import type { Component } from "./cluster";

/** Builds a fresh instance of every default component. */
export function defaultComponents(): Component[] {
  return [new Bootstrap()];
}
