// Vite builds the OpenAI-only app for Node with every dependency inside the bundle (`noExternal`):
// what a bundler must not stumble on is then all in view.
export default {
  // "error": Bottleneck's eval("require") of its optional Redis clients draws a warning that is not ours to fix.
  logLevel: "error",
  build: { ssr: "openai-only-app.mjs", outDir: "vite-out", target: "node20", rollupOptions: { output: { entryFileNames: "app.mjs" } } },
  ssr: { noExternal: true, target: "node" },
};
