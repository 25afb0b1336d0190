import { describe, expect, it } from "vitest";
import { quoteWord, ShellSyntaxError, splitWords } from "./shell";

describe("splitWords", () => {
  it("splits with POSIX quoting and no expansion", () => {
    expect(splitWords(`get pods -o jsonpath='{.items[*].metadata.name}'`)).toEqual(["get", "pods", "-o", "jsonpath={.items[*].metadata.name}"]);
    expect(splitWords(`exec p -- sh -c "echo \\"hi\\" $HOME"`)).toEqual(["exec", "p", "--", "sh", "-c", 'echo "hi" $HOME']);
    expect(splitWords(`a\\ b  c ''`)).toEqual(["a b", "c", ""]);
    expect(() => splitWords(`echo 'oops`)).toThrow(ShellSyntaxError);
  });

  it("quotes words so that they split back", () => {
    for (const w of ["plain", "with space", "it's", "{.a}", ""]) expect(splitWords(quoteWord(w))).toEqual([w]);
  });
});
