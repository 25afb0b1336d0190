/**
 * Test fixtures for the API server's behaviour: a bare API server with every strategy and admission
 * plugin installed (no controllers, no nodes), object builders, and a helper that captures the
 * StatusError a request fails with.
 */
import { VirtualClock } from "../clock";
import { Random } from "../random";
import { ObjectStore } from "../store/store";
import { StatusError } from "./errors";
import { ApiServer } from "./server";
import { ADMISSION_PLUGINS } from "./admission";
import { STRATEGIES } from "./strategies";
import { podGracefulDeletion } from "./strategies/pod";
import type { KObject } from "./types";

/** An API server with the real strategies and admission chain, the default namespace and its ServiceAccount. */
export function testApi(seed = 1): ApiServer {
  const api = new ApiServer(new ObjectStore(), new VirtualClock(), new Random(seed));
  for (const [kind, strategy] of Object.entries(STRATEGIES)) api.registerStrategy(kind, strategy);
  for (const plugin of ADMISSION_PLUGINS) api.registerAdmission(plugin);
  api.registerGracefulDeletion("Pod", podGracefulDeletion);
  namespace(api, "default");
  return api;
}

/** Creates a namespace with its default ServiceAccount, as the controllers would. */
export function namespace(api: ApiServer, name: string): void {
  api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } }, { actor: "test" });
  api.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: name } }, { actor: "test" });
}

/** The StatusError a call throws (fails the test when it does not throw one). */
export function statusError(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error("expected a StatusError");
}

type Patch = Record<string, any>;

/** Object builders with sensible minimal content. */
export const make = {
  pod(name = "web", spec: Patch = {}, metadata: Patch = {}): KObject {
    return { apiVersion: "v1", kind: "Pod", metadata: { name, ...metadata }, spec: { containers: [{ name: "app", image: "nginx:1.27" }], ...spec } };
  },
  deployment(name = "web", spec: Patch = {}): KObject {
    return {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name },
      spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } }, ...spec },
    };
  },
  container(name: string, patch: Patch = {}): Patch {
    return { name, image: "nginx:1.27", ...patch };
  },
};
