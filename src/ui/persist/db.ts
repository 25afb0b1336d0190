/** The page's one workspace store: IndexedDB, or undefined where the browser offers none. */
import { indexedDbKv, type KeyValueStore } from "./kv";

export const workspaceDb: KeyValueStore | undefined = indexedDbKv();
