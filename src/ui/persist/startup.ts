/**
 * How the page's workspace starts: the older localStorage save first (persist.ts), then a share
 * link in the URL or the IndexedDB autosave, then the worker — started on the restored history, so
 * it does not build a cluster only to throw it away — and the autosave from then on.
 */
import { bridge } from "../bridge";
import { persistSession } from "../store/persist";
import { useAppStore } from "../store/store";
import { checkPrevious, openLinksOnHashChange, restoreOnLoad, startAutosave } from "./autosave";
import { workspaceDb } from "./db";

/** A slow or blocked IndexedDB must not keep the simulation from starting: after this, it starts anyway. */
const RESTORE_WAIT_MS = 3000;

let started = false;

/** Removes the fragment (a link already opened) without reloading or adding a history entry. */
function clearFragment(): void {
  const { pathname, search } = globalThis.location;
  globalThis.history.replaceState(globalThis.history.state, "", `${pathname}${search}`);
}

/**
 * Starts the workspace once per page (React may mount the app twice in development). The localStorage
 * save runs for the life of the page, like the autosave.
 */
export function startWorkspace(): void {
  if (started) return;
  started = true;
  const defaults = useAppStore.getState().files;
  persistSession();
  const s = useAppStore.getState();
  const editor = s.files !== defaults ? { files: s.files, activeFile: s.activeFile } : undefined;
  const restored = restoreOnLoad(workspaceDb, globalThis.location, clearFragment, { editor }).catch(() => "none" as const);
  const waited = new Promise<void>((resolve) => setTimeout(resolve, RESTORE_WAIT_MS));
  void Promise.race([restored, waited]).then(() => bridge.start());
  void restored.then(() => {
    if (workspaceDb) startAutosave(workspaceDb);
    void checkPrevious(workspaceDb);
    openLinksOnHashChange(workspaceDb, clearFragment);
  });
}
