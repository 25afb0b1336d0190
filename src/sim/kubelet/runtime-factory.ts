/**
 * The container runtime the kubelets of a default cluster drive: the simulated containerd of
 * src/sim/runtime. Tests may pass another factory (testing/fake-runtime.ts) to the KubeletComponent.
 */
import { podlabRuntimeFactory } from "../runtime";
import type { RuntimeFactory } from "./context";

/** The default runtime factory. */
export const defaultRuntimeFactory: RuntimeFactory = podlabRuntimeFactory;
