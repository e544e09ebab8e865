/**
 * Every source map the installed package ships points at files the package ships too, so a stack
 * trace (`node --enable-source-maps`) and "go to definition" land in real sources. Run by
 * `.ci/compat.sh` in a project where the packed tarball is installed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const root = resolve("node_modules/proxyless");
const missing = [];
let maps = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith(".map")) {
      maps++;
      const { sources = [] } = JSON.parse(readFileSync(path, "utf8"));
      for (const source of sources) if (!existsSync(resolve(dirname(path), source))) missing.push(`${path.slice(root.length + 1)} → ${source}`);
    }
  }
};
walk(join(root, "dist"));
if (maps === 0 || missing.length > 0) {
  console.log(`FAIL  source maps: ${maps} maps, ${missing.length} sources missing, such as ${missing.slice(0, 3).join("; ")}`);
  process.exit(1);
}
console.log(`ok    source maps: all ${maps} resolve to shipped sources`);
