#!/usr/bin/env bash
# Installs VictoriaMetrics (a real OTLP/HTTP metrics backend that answers PromQL) for the end-to-end tests.
# Debian bookworm's Prometheus has no OTLP receiver; Debian trixie's victoria-metrics package is a static binary,
# so it is downloaded with a private apt configuration and unpacked, without touching the system's apt sources.
# Prints the binary's path on stdout.
set -euo pipefail
DIR="${M365_VM_DIR:-$HOME/.cache/m365-otel-toolchain/victoria-metrics}"
BIN="$DIR/root/usr/bin/victoria-metrics"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
command -v apt-get >/dev/null || { echo "install-victoria-metrics: apt-get is required" >&2; exit 1; }
mkdir -p "$DIR/lists/partial" "$DIR/archives/partial" "$DIR/root"
printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main\n' > "$DIR/trixie.list"
o=(-oDir::Etc::SourceList="$DIR/trixie.list" -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists="$DIR/lists" -oDir::Cache::archives="$DIR/archives")
echo "install-victoria-metrics: downloading Debian trixie's victoria-metrics package into $DIR" >&2
apt-get "${o[@]}" -qq update >&2
(cd "$DIR" && apt-get "${o[@]}" -qq download victoria-metrics >&2)
dpkg -x "$DIR"/victoria-metrics_*.deb "$DIR/root"
[ -x "$BIN" ] || { echo "install-victoria-metrics: $BIN missing after unpacking" >&2; exit 1; }
echo "$BIN"
