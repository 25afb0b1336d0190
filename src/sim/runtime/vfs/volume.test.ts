import { describe, expect, it } from "vitest";
import type { VolumeFiles } from "../cri";
import type { FsContext } from "./container-fs";
import { type FsNode, InodeCounter } from "./nodes";
import { Volume, type VolumeOptions } from "./volume";

/** A filesystem context on a clock the test moves, and a digit source like the runtime's. */
function world() {
  let now = 0;
  let digits = 100_000_000;
  const ctx: FsContext = { now: () => now, identity: () => ({ uid: 0, gid: 0, groups: [] }), ino: new InodeCounter(), epochMs: Date.UTC(2025, 0, 1) };
  return {
    ctx,
    at: (ms: number) => void (now = ms),
    volume: (opts: Omit<VolumeOptions, "randomDigits">) => new Volume(ctx, { ...opts, randomDigits: () => String(digits++) }),
  };
}

/** Everything `ls -laiR` and `cat` could show of a tree, in directory order. */
function dump(node: FsNode, name = "."): unknown {
  const meta = { name, kind: node.kind, ino: node.ino, mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime };
  if (node.kind === "dir") return { ...meta, children: [...node.children].map(([n, c]) => dump(c, n)) };
  if (node.kind === "symlink") return { ...meta, target: node.target };
  return { ...meta, data: node.data };
}

const token = { text: () => "eyJhbGciOiJSUzI1NiJ9.e30.c2ln" };

/**
 * Writes into two volumes alike, one laid out at once (something looked into it first) and one laid
 * out later, when first looked at; `between` runs on both worlds before the look.
 */
function both(type: string, writes: VolumeFiles[], between: (w: ReturnType<typeof world>, v: Volume) => void = () => {}) {
  const eager = world();
  const lazy = world();
  const e = eager.volume({ name: "v", type });
  const l = lazy.volume({ name: "v", type });
  if (e.root.kind === "dir") void e.root.children;
  eager.at(1_000);
  lazy.at(1_000);
  for (const files of writes) {
    e.writeFiles(files);
    l.writeFiles(files);
  }
  for (const [w, v] of [[eager, e], [lazy, l]] as const) {
    w.at(90_000);
    between(w, v);
  }
  return { eager: dump(e.root), lazy: dump(l.root), nextEager: eager.ctx.ino.take(), nextLazy: lazy.ctx.ino.take() };
}

describe("volumes laid out when first looked at", () => {
  it("give a projected token volume the inode numbers, times, names and order it had when written", () => {
    const r = both("projected", [{ token: { content: token, mode: 0o644 }, "ca.crt": { content: "CA", mode: 0o644 }, namespace: { content: "default", mode: 0o644 } }], (w) => {
      // Nodes made after the write, before the look, keep their numbers too.
      w.ctx.ino.take();
      w.ctx.ino.take();
    });
    expect(r.lazy).toEqual(r.eager);
    expect(r.nextLazy).toBe(r.nextEager);
    expect(JSON.stringify(r.lazy)).toContain('"mtime":1000');
  });

  it("give the sandbox's /etc files the same nodes, found through their mounts", () => {
    const files: VolumeFiles = { hosts: { content: "127.0.0.1\tlocalhost\n", mode: 0o644 }, "resolv.conf": { content: "nameserver 10.96.0.10\n", mode: 0o644 }, hostname: { content: "web\n", mode: 0o644 } };
    const eager = world();
    const lazy = world();
    const e = eager.volume({ name: "etc", type: "etc" });
    const l = lazy.volume({ name: "etc", type: "etc" });
    if (e.root.kind === "dir") void e.root.children;
    e.writeFiles(files);
    l.writeFiles(files);
    const em = ["hosts", "hostname"].map((f) => e.fileMount(`/etc/${f}`, f));
    const lm = ["hosts", "hostname"].map((f) => l.fileMount(`/etc/${f}`, f));
    lazy.at(5_000);
    expect(lm.map((m) => dump(m.root))).toEqual(em.map((m) => dump(m.root)));
    expect(dump(l.root)).toEqual(dump(e.root));
    // The volume's own node, not a copy: every container of the pod mounts the same file.
    expect(l.fileMount("/etc/hosts", "hosts").root).toBe(lm[0].root);
    expect(() => l.writeFiles(files)).toThrow();
  });

  it("replace a configMap's files as the atomic writer does when written again before anyone looked", () => {
    const r = both("configMap", [{ one: { content: "1" }, two: { content: "2", mode: 0o600 } }, { one: { content: "11" }, three: { content: "3" } }]);
    expect(r.lazy).toEqual(r.eager);
    expect(r.nextLazy).toBe(r.nextEager);
  });

  it("write nested paths at once, and reach the same tree", () => {
    const r = both("downwardAPI", [{ "a/b/labels": { content: "x=1" }, name: { content: "p" } }]);
    expect(r.lazy).toEqual(r.eager);
    expect(r.nextLazy).toBe(r.nextEager);
  });

  it("give fsGroup, usage and sub-path mounts what they gave before", () => {
    const files: VolumeFiles = { token: { content: token }, namespace: { content: "default" } };
    const r = both("projected", [files], (_w, v) => v.applyFsGroup(2000));
    expect(r.lazy).toEqual(r.eager);
    const s = both("secret", [files], (_w, v) => {
      expect(v.usedBytes()).toBe(token.text().length + "default".length);
      expect(v.readFile("namespace")).toBe("default");
      void v.mountEntry("/ns", "namespace", true);
    });
    expect(s.lazy).toEqual(s.eager);
    expect(s.nextLazy).toBe(s.nextEager);
  });
});
