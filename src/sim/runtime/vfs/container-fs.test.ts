import { describe, expect, it } from "vitest";
import { ContainerFs, type FsContext, type FsIdentity } from "./container-fs";
import { freezeTree, InodeCounter, makeDir, makeFile, modeString, thaw } from "./nodes";
import { KERNEL_MOUNTS, LazyMount, TerminationLogMount } from "./special";
import { Volume } from "./volume";

function setup(identity: FsIdentity = { uid: 0, gid: 0, groups: [] }) {
  const ino = new InodeCounter();
  const id = { current: identity };
  const ctx: FsContext = { now: () => 5_000, epochMs: Date.UTC(2025, 0, 1), identity: () => id.current, ino };
  const image = makeDir(ino, 0o755, 0, 0, 0);
  const etc = makeDir(ino, 0o755, 0, 0, 0);
  etc.children.set("passwd", makeFile(ino, "root:x:0:0:root:/root:/bin/sh\n", 0o644, 0, 0, 0));
  image.children.set("etc", etc);
  image.children.set("tmp", makeDir(ino, 0o1777, 0, 0, 0));
  freezeTree(image);
  const fs = () => new ContainerFs(thaw(image), ctx);
  return { ino, ctx, image, fs, id };
}

describe("ContainerFs", () => {
  it("copies image files on write: containers of one image never see each other's changes", async () => {
    const { fs, image } = setup();
    const a = fs();
    const b = fs();
    await a.appendFile("/etc/passwd", "app:x:1000:1000::/app:/bin/sh\n");
    await a.writeFile("/tmp/only-a", "x");
    expect(await b.readFile("/etc/passwd")).toBe("root:x:0:0:root:/root:/bin/sh\n");
    expect(await b.exists("/tmp/only-a")).toBe(false);
    expect((image.children.get("etc") as { children: Map<string, unknown> }).children.size).toBe(1);
    expect(await a.readFile("/etc/passwd")).toContain("app:x:1000");
  });

  it("shares a frozen root until the first write under it, then writes to its own copy", async () => {
    const { image, ctx } = setup();
    const a = new ContainerFs(image, ctx);
    const b = new ContainerFs(image, ctx);
    expect(a.rootDir).toBe(image);
    expect(await a.readFile("/etc/passwd")).toBe("root:x:0:0:root:/root:/bin/sh\n");
    await a.writeFile("/top-level", "a");
    await a.chmod("/", 0o700);
    expect(a.rootDir).not.toBe(image);
    expect(image.children.has("top-level")).toBe(false);
    expect(image.mode).toBe(0o755);
    expect(await b.exists("/top-level")).toBe(false);
    expect(b.statEx("/")!.mode & 0o7777).toBe(0o755);
    expect(a.statEx("/")!.mode & 0o7777).toBe(0o700);
    expect(b.rootDir).toBe(image);
    expect(await a.readFile("/top-level")).toBe("a");
  });

  it("checks permissions for a non-root process and honours the sticky and setgid bits", async () => {
    const { fs, id, ino } = setup({ uid: 1000, gid: 1000, groups: [] });
    const c = fs();
    await expect(c.writeFile("/etc/x", "y")).rejects.toThrow("EACCES: permission denied, open '/etc/x'");
    await c.writeFile("/tmp/mine", "1");
    expect(c.statEx("/tmp/mine")).toMatchObject({ uid: 1000, gid: 1000 });
    const shared = makeDir(ino, 0o2777, 0, 2000, 0);
    c.mount({ path: "/data", root: shared, readOnly: false });
    c.ensureMountPoint("/data", false);
    await c.writeFile("/data/f", "hello\n");
    expect(c.statEx("/data/f")).toMatchObject({ uid: 1000, gid: 2000, size: 6 });
    id.current = { uid: 1001, gid: 1001, groups: [] };
    await expect(c.rm("/tmp/mine")).rejects.toThrow("EACCES");
  });

  it("refuses writes under a read-only mount", async () => {
    const { fs, ctx } = setup();
    const c = fs();
    const v = new Volume(ctx, { name: "cfg", type: "configMap" });
    v.writeFiles({ "app.conf": { content: "a=1\n" } });
    c.mount(v.mountEntry("/etc/app", undefined, true));
    c.ensureMountPoint("/etc/app", false);
    expect(await c.readFile("/etc/app/app.conf")).toBe("a=1\n");
    await expect(c.writeFile("/etc/app/new", "x")).rejects.toThrow("EROFS: read-only file system");
    await expect(c.rm("/etc/app/app.conf")).rejects.toThrow("EROFS");
  });

  it("routes the acting process's output paths without touching the tree", async () => {
    const { ino } = setup();
    const out: string[] = [];
    const ctx: FsContext = { now: () => 0, epochMs: 0, identity: () => ({ uid: 0, gid: 0, groups: [] }), ino, writeStream: (fd, t) => out.push(`${fd}:${t}`) };
    const c = new ContainerFs(makeDir(ino, 0o755, 0, 0, 0), ctx);
    await c.appendFile("/proc/self/fd/1", "hi\n");
    await c.appendFile("/proc/self/fd/2", "oops\n");
    expect(out).toEqual(["1:hi\n", "2:oops\n"]);
  });

  it("prints modes as ls does", () => {
    const ino = new InodeCounter();
    expect(modeString(makeDir(ino, 0o2777, 0, 0, 0))).toBe("drwxrwsrwx");
    expect(modeString(makeDir(ino, 0o1777, 0, 0, 0))).toBe("drwxrwxrwt");
    expect(modeString(makeFile(ino, "", 0o4755, 0, 0, 0))).toBe("-rwsr-xr-x");
    expect(modeString(makeFile(ino, "", 0o644, 0, 0, 0))).toBe("-rw-r--r--");
  });
});

describe("Volume", () => {
  it("writes configMap volumes as the kubelet's atomic writer does, and replaces them whole", () => {
    const { ctx } = setup();
    const v = new Volume(ctx, { name: "cfg", type: "configMap", randomDigits: () => "123456789" });
    v.writeFiles({ "game.properties": { content: "lives=3\n" }, "ui.properties": { content: "color=blue\n", mode: 0o400 } });
    const root = v.root as ReturnType<typeof makeDir>;
    expect([...root.children.keys()].sort()).toEqual(["..2025_01_01_00_00_05.123456789", "..data", "game.properties", "ui.properties"]);
    expect(v.readFile("game.properties")).toBe("lives=3\n");
    v.writeFiles({ "game.properties": { content: "lives=5\n" } });
    expect(v.readFile("game.properties")).toBe("lives=5\n");
    expect(v.readFile("ui.properties")).toBeUndefined();
    expect([...root.children.keys()].filter((k) => !k.startsWith(".."))).toEqual(["game.properties"]);
  });

  it("counts bytes for sizeLimit and charges memory-backed bytes to the container that wrote them", async () => {
    const { ctx, ino, id } = setup();
    const mem = new Volume(ctx, { name: "cache", type: "emptyDir", medium: "Memory" });
    const c = new ContainerFs(makeDir(ino, 0o755, 0, 0, 0), ctx);
    c.mount(mem.mountEntry("/cache", undefined, false));
    id.current = { uid: 0, gid: 0, groups: [], containerId: "c1" };
    await c.writeFile("/cache/a", "x".repeat(1000));
    id.current = { uid: 0, gid: 0, groups: [], containerId: "c2" };
    await c.writeFile("/cache/b", "y".repeat(500));
    expect(mem.usedBytes()).toBe(1500);
    expect(mem.memoryChargedTo("c1")).toBe(1000);
    expect(mem.memoryChargedTo("c2")).toBe(500);
    const disk = new Volume(ctx, { name: "scratch", type: "emptyDir" });
    expect(disk.memoryChargedTo("c1")).toBe(0);
  });

  it("gives emptyDir to the pod's fsGroup (drwxrwsrwx root:2000)", () => {
    const { ctx } = setup();
    const v = new Volume(ctx, { name: "data", type: "emptyDir" });
    v.applyFsGroup(2000);
    expect(modeString(v.root)).toBe("drwxrwsrwx");
    expect(v.root.gid).toBe(2000);
  });

  it("keeps its mounts in mounting order; a mount over a mount point takes that mount's place", async () => {
    const { fs, ctx } = setup();
    const c = fs();
    const a = new Volume(ctx, { name: "a", type: "emptyDir" });
    const b = new Volume(ctx, { name: "b", type: "emptyDir" });
    c.mount({ path: "/data/", root: a.root, readOnly: false });
    c.mount({ path: "/etc/passwd", root: makeFile(ctx.ino, "x\n", 0o644, 0, 0, 0), readOnly: true });
    c.mount({ path: "/data", root: b.root, readOnly: true });
    expect(c.mountList().map((m) => [m.path, m.readOnly])).toEqual([["/data", true], ["/etc/passwd", true]]);
    expect(c.lookup("/data")).toBe(b.root);
    expect(await c.readFile("/etc/passwd")).toBe("x\n");
    expect(c.listDir("/")).toEqual(["data", "etc", "tmp"]);
  });

  it("makes the termination-log when first used, with the inode number and time it had at creation", () => {
    const { fs, ctx } = setup();
    const c = fs();
    const ino = ctx.ino.take();
    const eager = makeFile(new InodeCounter(ino), "", 0o666, 0, 0, 1_234);
    const lazy = new TerminationLogMount("/tmp/termination-log", ino, 1_234);
    c.mount(lazy);
    expect(c.mountList().map((m) => [m.path, m.source, m.fsType, m.readOnly])).toEqual([["/tmp/termination-log", "/dev/sda1", "ext4", false]]);
    expect(c.lookup("/tmp/termination-log")).toEqual(eager);
    expect(c.lookup("/tmp/termination-log")).toBe(lazy.root);
  });

  it("shows the kernel filesystems' mount points and types without building them", () => {
    let built = 0;
    const mounts = KERNEL_MOUNTS.map((_, i) => new LazyMount(i, { buildKernelFs: () => (built++, makeDir(new InodeCounter(), 0o755, 0, 0, 0)) }));
    expect(mounts.map((m) => [m.path, m.source, m.fsType, m.readOnly])).toEqual([
      ["/proc", "proc", "proc", false],
      ["/dev", "tmpfs", "tmpfs", false],
      ["/dev/shm", "shm", "tmpfs", false],
    ]);
    expect(built).toBe(0);
    expect(mounts[1].root).toBe(mounts[1].root);
    expect(built).toBe(1);
  });
});
