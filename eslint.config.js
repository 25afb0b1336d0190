import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/** Things the simulation must never reach for: it runs in a Worker, in Node and in tests alike. */
const simForbiddenImports = {
  patterns: [
    { group: ["react", "react-dom", "react/*", "react-dom/*", "@xyflow/*", "zustand", "zustand/*", "monaco-editor", "monaco-editor/*", "monaco-yaml", "elkjs", "elkjs/*"], message: "src/sim is framework-free: no React, UI or editor imports." },
    { group: ["**/ui/**", "**/worker/**", "**/cli/**"], message: "src/sim must not import the app, the worker or the CLI." },
    { group: ["node:*", "fs", "path", "os", "child_process", "worker_threads", "timers", "timers/*", "perf_hooks"], message: "src/sim does no real I/O and reads no wall clock." },
  ],
};

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report", "public"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    files: ["src/ui/**/*.{ts,tsx}", "src/main.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    files: ["src/sim/**/*.ts"],
    ignores: ["src/sim/**/*.test.ts"],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      "no-restricted-imports": ["error", simForbiddenImports],
      "no-restricted-globals": ["error",
        ...["window", "document", "navigator", "self", "globalThis", "localStorage", "indexedDB", "fetch", "XMLHttpRequest", "WebSocket", "Worker", "postMessage", "requestAnimationFrame", "performance", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "queueMicrotask", "process"]
          .map((name) => ({ name, message: `src/sim runs on the virtual clock, without DOM, worker or host APIs: no ${name}.` })),
      ],
      "no-restricted-properties": ["error",
        { object: "Date", property: "now", message: "Use the virtual clock." },
        { object: "Math", property: "random", message: "Use the seeded random source." },
        { object: "performance", property: "now", message: "Use the virtual clock." },
      ],
      "no-restricted-syntax": ["error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "new Date() reads the wall clock: use the virtual clock." },
      ],
    },
  },
);
