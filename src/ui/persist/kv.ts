/**
 * A small key-value store over IndexedDB: one database, one object store, structured-clone values.
 * The workspace autosave keeps its records here (localStorage is synchronous and small; a long
 * history of inputs and console output would not fit it).
 */

/** What the autosave needs of a store; `memoryKv` is the one the tests use. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The database the app keeps its workspace in. */
export const DB_NAME = "podlab";
const STORE = "workspace";

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A store in IndexedDB, or undefined where there is none (private modes of some browsers). */
export function indexedDbKv(idb: IDBFactory | undefined = globalThis.indexedDB, name = DB_NAME): KeyValueStore | undefined {
  if (!idb) return undefined;
  let db: Promise<IDBDatabase> | undefined;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => {
        const d = req.result;
        // Another tab upgrading the database: let it, and open again on the next call.
        d.onversionchange = () => {
          d.close();
          db = undefined;
        };
        resolve(d);
      };
      req.onerror = () => {
        db = undefined;
        reject(req.error);
      };
      req.onblocked = () => reject(new Error("the workspace database is blocked by another tab"));
    });
    return db;
  };
  const tx = async <T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const d = await open();
    const t = d.transaction(STORE, mode, { durability: "strict" });
    const result = done(run(t.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error ?? new Error("transaction aborted"));
    });
    return result;
  };
  return {
    get: <T>(key: string) => tx("readonly", (s) => s.get(key) as IDBRequest<T | undefined>),
    set: async (key, value) => {
      await tx("readwrite", (s) => s.put(value, key));
    },
    delete: async (key) => {
      await tx("readwrite", (s) => s.delete(key));
    },
  };
}

/** A store in memory (tests), values copied as IndexedDB copies them. */
export function memoryKv(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(key: string) => (data.has(key) ? (structuredClone(data.get(key)) as T) : undefined),
    set: async (key, value) => {
      data.set(key, structuredClone(value));
    },
    delete: async (key) => {
      data.delete(key);
    },
  };
}
