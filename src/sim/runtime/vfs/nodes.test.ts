import { describe, expect, it } from "vitest";
import { InodeCounter, makeDeferredFile, thaw, treeBytes } from "./nodes";

describe("deferred files", () => {
  it("builds the content once, on first access, and then keeps it", () => {
    let made = 0;
    const file = makeDeferredFile(new InodeCounter(), { text: () => `token-${++made}` }, 0o644, 0, 0, 0);
    expect(made).toBe(0);
    expect(treeBytes(file)).toBe(7);
    expect(file.data).toBe("token-1");
    expect(file.data).toBe("token-1");
    expect(made).toBe(1);
  });

  it("takes a write before any read without building the content", () => {
    let made = 0;
    const file = makeDeferredFile(new InodeCounter(), { text: () => `token-${++made}` }, 0o644, 0, 0, 0);
    file.data = "written";
    expect(file.data).toBe("written");
    expect(made).toBe(0);
  });

  it("is copied with its content and attributes when a frozen copy is thawed", () => {
    const file = makeDeferredFile(new InodeCounter(), { text: () => "ca" }, 0o640, 1, 2, 3);
    file.frozen = true;
    const copy = thaw(file);
    expect(copy).toEqual({ kind: "file", data: "ca", mode: 0o640, uid: 1, gid: 2, mtime: 3, ino: 2, frozen: false });
  });
});
