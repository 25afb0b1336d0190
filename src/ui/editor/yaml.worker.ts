/**
 * The YAML language worker (monaco-yaml), imported through a file of our own so Vite bundles it as
 * a module worker (monaco-yaml's documented workaround for Vite).
 */
import "monaco-yaml/yaml.worker.js";
