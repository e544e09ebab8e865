/**
 * Imports a package by a name that is not a literal, marked to be left alone, so that a bundler
 * (esbuild, Vite, webpack) does not try to resolve the optional packages an app does not use: an OpenAI-only app bundles
 * with only `openai` installed, and one without Redis without `ioredis`. At run time the package is
 * found in `node_modules` as any import is.
 */
// The comments tell webpack and Vite, which would otherwise try (webpack makes an empty context of
// it and the import fails at run time), to leave the import as it is; tsc keeps them.
export const importByName = (specifier: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);

/** Whether an import failed because the package is not installed (Node's code for it, in ES modules and in require). */
export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}
