/**
 * PrioritySort (plugins/queuesort): the active queue pops the highest-priority pod first, and among
 * equals the one that entered the queue first.
 */
import type { PluginDefinition } from "../plugin";

/** The plugin's name in the registry and in messages. */
export const NAME = "PrioritySort";

/** The PrioritySort plugin: its contract and its extension points. */
export const PrioritySort: PluginDefinition = {
  name: NAME,
  reasons: {},
  events: [],
  create: () => ({
    name: NAME,
    less(a, b) {
      return a.priority > b.priority || (a.priority === b.priority && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq)));
    },
  }),
};
