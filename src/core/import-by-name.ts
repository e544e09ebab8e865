/**
 * Imports a package by a name that is not a literal, so that a bundler (esbuild, Vite, webpack)
 * does not try to resolve the optional packages an app does not use: an OpenAI-only app bundles
 * with only `openai` installed, and one without Redis without `ioredis`. At run time the package is
 * found in `node_modules` as any import is.
 */
export const importByName = (specifier: string): Promise<unknown> => import(specifier);
