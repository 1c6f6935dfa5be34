# Sourced by the project's scripts: puts Node >= 22.12 and pnpm on PATH.
# Where the machine's Node is older, Node 24 and pnpm 10 come from the npm registry into a prefix of our own;
# the system's node is never touched.
M365_TOOLCHAIN_DIR="${M365_TOOLCHAIN_DIR:-$HOME/.cache/m365-otel-toolchain}"

m365_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! m365_node_ok || ! command -v pnpm >/dev/null 2>&1; then
  if [ ! -x "$M365_TOOLCHAIN_DIR/node_modules/.bin/node" ] || [ ! -x "$M365_TOOLCHAIN_DIR/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing Node 24 and pnpm 10 into $M365_TOOLCHAIN_DIR (from the npm registry)" >&2
    mkdir -p "$M365_TOOLCHAIN_DIR"
    npm install --silent --no-audit --no-fund --prefix "$M365_TOOLCHAIN_DIR" node@24 pnpm@10.34.9 >&2
  fi
  export PATH="$M365_TOOLCHAIN_DIR/node_modules/.bin:$PATH"
  m365_node_ok || { echo "toolchain: Node >= 22.12 is still not on PATH" >&2; return 1 2>/dev/null || exit 1; }
fi
