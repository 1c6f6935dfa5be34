#!/usr/bin/env bash
# Writes the collector's production bundle to OUT: apps/collector's dist and package.json, and a node_modules of its
# production dependencies only: the workspace packages it imports (each as it would be published, its package.json
# "files") and the third-party packages at the lockfile's versions. OUT is self-contained: `node OUT/dist/cli.js`
# runs with no repository around it, and nothing in it is written at run time.
#
# The Dockerfile's build stage runs this script (OUT=/bundle, copied to /app in the runtime image), and
# test/e2e/deploy-image.test.ts runs it as well, then starts the bundle outside the repository, so the image's
# content is tested where no Docker engine runs. Needs the workspace installed (`pnpm install --frozen-lockfile`;
# the dependencies come from pnpm's store, offline) and built.
set -euo pipefail
if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: deploy/image/bundle.sh OUT   (OUT: a directory that does not exist yet, or is empty)" >&2
  exit 2
fi
OUT="$1"
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then
  echo "bundle: $OUT is not empty" >&2
  exit 2
fi
cd "$(dirname "$0")/../.."
. scripts/toolchain.sh

# Built by the caller (the Dockerfile runs turbo first; the tests run after `pnpm run build`): building here would
# rewrite every dist file, even from turbo's cache, under the feet of tests running the CLI beside this one.
missing=$(pnpm --filter-prod='@m365-otel/collector...' exec sh -c '[ -d dist ] || pwd')
if [ -n "$missing" ]; then
  echo "bundle: not built (no dist/): $missing; run pnpm run build first" >&2
  exit 1
fi
# --legacy: pnpm 10's default deploy requires inject-workspace-packages, a workspace-wide setting that would change
# how every package links its workspace dependencies (and the lockfile) for the sake of one bundle. The legacy
# deploy copies each workspace dependency's published files and takes third-party versions from the lockfile.
pnpm --filter=@m365-otel/collector deploy --prod --legacy --offline --reporter=append-only "$OUT" >&2
# The legacy deploy also hoists a link to the deployed package itself (.pnpm/node_modules/@m365-otel/collector),
# pointing back into the workspace: nothing resolves through it (the bundle is that package), and in the image it
# would dangle. The test checks that no other link leaves the bundle.
if [ -L "$OUT/node_modules/.pnpm/node_modules/@m365-otel/collector" ]; then
  rm "$OUT/node_modules/.pnpm/node_modules/@m365-otel/collector"
fi
# The command shims pnpm writes (node_modules/.bin) name the directory they were installed in, /bundle rather than
# /app; the image runs node on the collector's CLI and needs none of them.
find "$OUT" -type d -name .bin -path '*/node_modules/.bin' -prune -exec rm -rf {} +
# Type declarations and source maps are for editors and debuggers, not for a process in a container.
find "$OUT" -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \
  -o -name '*.tsbuildinfo' \) -delete
# The image's HEALTHCHECK command (the slim base image has node, but neither curl nor wget).
cp deploy/image/healthcheck.mjs "$OUT/healthcheck.mjs"
# Readable by any user (the runtime user is 10001, the files belong to root), writable by none but the owner.
chmod -R a+rX,go-w "$OUT"
