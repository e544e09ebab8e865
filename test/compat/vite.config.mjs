// Vite builds the OpenAI-only app for Node with every dependency inside the bundle (`noExternal`):
// what a bundler must not stumble on is then all in view.
export default {
  logLevel: "warn",
  build: { ssr: "openai-only-app.mjs", outDir: "vite-out", target: "node20", rollupOptions: { output: { entryFileNames: "app.mjs" } } },
  ssr: { noExternal: true, target: "node" },
};
