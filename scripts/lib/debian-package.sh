# Sourced by the install scripts: downloads one Debian trixie package with a private apt configuration and unpacks
# it, without touching the system's apt sources. The package comes from the Debian mirror this machine's apt
# already uses, so the scripts work behind a local mirror or proxy.

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

# install_trixie_package PACKAGE DIR BIN: unpacks PACKAGE under DIR/root unless BIN (a path under it) already
# exists; progress and errors go to stderr, prefixed with the calling script's name.
install_trixie_package() {
  local package="$1" dir="$2" bin="$3" me mirror
  me="$(basename "$0" .sh)"
  [ -x "$bin" ] && return 0
  command -v apt-get >/dev/null || { echo "$me: apt-get is required" >&2; return 1; }
  mirror=$(debian_mirror)
  if [ -z "$mirror" ]; then
    echo "$me: found no Debian mirror (an http(s) URI ending in /debian) in apt-cache policy," \
      "/etc/apt/sources.list or /etc/apt/sources.list.d/; add one to apt's sources, or install $package" \
      "yourself and unpack it so that $bin exists" >&2
    return 1
  fi
  mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/root"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "$mirror" > "$dir/trixie.list"
  local o=(-oDir::Etc::SourceList="$dir/trixie.list" -oDir::Etc::SourceParts=/dev/null
    -oDir::State::Lists="$dir/lists" -oDir::Cache::archives="$dir/archives")
  echo "$me: downloading Debian trixie's $package package from $mirror into $dir" >&2
  apt-get "${o[@]}" -qq update >&2
  (cd "$dir" && apt-get "${o[@]}" -qq download "$package" >&2)
  dpkg -x "$dir/${package}"_*.deb "$dir/root"
  [ -x "$bin" ] || { echo "$me: $bin missing after unpacking" >&2; return 1; }
}
