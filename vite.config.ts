import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { kubernetesSchema } from "./scripts/vite-kubernetes-schema";

export default defineConfig({
  plugins: [react(), tailwindcss(), kubernetesSchema()],
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 4096 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
