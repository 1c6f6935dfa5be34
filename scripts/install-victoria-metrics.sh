#!/usr/bin/env bash
# Installs VictoriaMetrics (a real OTLP/HTTP metrics backend that answers PromQL) for the end-to-end tests.
# Debian bookworm's Prometheus has no OTLP receiver; Debian trixie's victoria-metrics package is a static binary,
# so it is downloaded with a private apt configuration and unpacked, without touching the system's apt sources.
# The package comes from the Debian mirror this machine's apt already uses, so the script works behind a local
# mirror or proxy. Prints the binary's path on stdout.
set -euo pipefail
DIR="${M365_VM_DIR:-$HOME/.cache/m365-otel-toolchain/victoria-metrics}"
BIN="$DIR/root/usr/bin/victoria-metrics"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
command -v apt-get >/dev/null || { echo "install-victoria-metrics: apt-get is required" >&2; exit 1; }

# The machine's Debian archive mirror: a URI whose path ends in /debian (not /debian-security).
debian_mirror() {
  local uri
  # apt-cache policy lists the sources apt has indexes for, e.g. " 500 http://mirror/debian bookworm/main ...".
  uri=$(apt-cache policy 2>/dev/null | awk '$2 ~ /^https?:\/\/[^ ]+\/debian\/?$/ { print $2; exit }')
  if [ -z "$uri" ]; then
    # No indexes yet (apt-get update never ran): read the sources themselves, deb822 (URIs:) and one-line (deb).
    uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
      awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/[^ ]+\/debian\/?$/) { print $i; exit } }')
  fi
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/[^ ]+\/debian\/?$/) { print $i; exit } }')
  fi
  printf '%s' "${uri%/}"
}
MIRROR=$(debian_mirror)
if [ -z "$MIRROR" ]; then
  echo "install-victoria-metrics: found no Debian mirror (an http(s) URI ending in /debian) in apt-cache policy," \
    "/etc/apt/sources.list or /etc/apt/sources.list.d/; add one to apt's sources, or install victoria-metrics" \
    "yourself and unpack it so that $BIN exists" >&2
  exit 1
fi

mkdir -p "$DIR/lists/partial" "$DIR/archives/partial" "$DIR/root"
printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "$MIRROR" > "$DIR/trixie.list"
o=(-oDir::Etc::SourceList="$DIR/trixie.list" -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists="$DIR/lists" -oDir::Cache::archives="$DIR/archives")
echo "install-victoria-metrics: downloading Debian trixie's victoria-metrics package from $MIRROR into $DIR" >&2
apt-get "${o[@]}" -qq update >&2
(cd "$DIR" && apt-get "${o[@]}" -qq download victoria-metrics >&2)
dpkg -x "$DIR"/victoria-metrics_*.deb "$DIR/root"
[ -x "$BIN" ] || { echo "install-victoria-metrics: $BIN missing after unpacking" >&2; exit 1; }
echo "$BIN"
