import { describe, expect, it } from "vitest";
import { statusError, testApi } from "../fixtures";

describe("NamespaceLifecycle admission", () => {
  it("refuses to delete the immortal namespaces", () => {
    expect(statusError(() => testApi().delete("Namespace", undefined, "default", { actor: "kubectl" })).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});
