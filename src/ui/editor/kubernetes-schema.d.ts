/** The editor's Kubernetes JSON Schema, generated at build time by scripts/vite-kubernetes-schema.ts. */
declare module "virtual:kubernetes-schema" {
  const schema: Record<string, unknown>;
  export default schema;
}
