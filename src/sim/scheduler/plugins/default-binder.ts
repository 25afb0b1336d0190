/**
 * DefaultBinder (plugins/defaultbinder): binds the pod through the pods/binding subresource, which
 * sets spec.nodeName and the PodScheduled=True condition.
 */
import { StatusError } from "../../api/errors";
import type { PluginDefinition } from "../plugin";
import { Status } from "../status";

/** The plugin's name in the registry and in messages. */
export const NAME = "DefaultBinder";

/** The DefaultBinder plugin: its contract and its extension points. */
export const DefaultBinder: PluginDefinition = {
  name: NAME,
  reasons: {},
  events: [],
  create: (handle) => ({
    name: NAME,
    bind(pod, nodeName) {
      try {
        handle.cluster.api.bind(pod.namespace, pod.name, nodeName, { actor: "kube-scheduler" });
        return null;
      } catch (e) {
        return Status.error(e instanceof StatusError ? e.message : String(e));
      }
    },
  }),
};
