# Shared by tools/run and tools/test: install what is missing, configure and build.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Every Debian 12 package the lane needs to build, test and run (Qt 6.4.2 from Debian).
PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-websockets-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-qpa-plugins libqt6sql6-sqlite libgl-dev
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml
    qml6-module-qtqml-models qml6-module-qtqml-workerscript
    qml6-module-qttest
    libsodium-dev libssl-dev libsqlite3-dev zlib1g-dev sqlite3 fonts-dejavu-core clang-format
    # The fuzz preset: clang 14, its sanitizer and libFuzzer runtimes (only recommended by
    # clang's packages, so named here) and llvm-symbolizer for readable reports.
    clang libclang-rt-14-dev llvm
)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The cloud side (supabase/, tools/cloud-dev): PostgreSQL 15, Node.js/npm for Deno, and python3 for
# tools/check-supabase-config.
CLOUD_PACKAGES=(postgresql-15 postgresql-client-15 python3)

ensure_packages() { install_debs "${PACKAGES[@]}"; }

# The Debian package and its check (tests/package-check): cpack's DEB generator runs
# dpkg-shlibdeps (dpkg-dev) and file; lintian, desktop-file-validate, appstreamcli and
# systemd-analyze judge what it wrote.
PACKAGE_TOOLS=(dpkg-dev file lintian desktop-file-utils appstream systemd sqlite3)

ensure_package_tools() { install_debs "${PACKAGE_TOOLS[@]}"; }

ensure_cloud_packages() {
    local extra=("${CLOUD_PACKAGES[@]}")
    command -v npm >/dev/null 2>&1 || extra+=(nodejs npm)
    install_debs "${extra[@]}"
}

# install_debs PKG...: installs those of the Debian packages that are missing.
install_debs() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "error: packages are missing and this user cannot install them (no root, no sudo)" >&2
            return 1
        fi
    fi
    say "apt-get update"
    "${sudo[@]}" apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null || return 1
    say "Packages installed"
}

# build PRESET: configure (first time) and build with CMake presets.
build() {
    local preset="$1"
    local dir="$ROOT/build"
    [ "$preset" = "default" ] || dir="$ROOT/build/$preset"
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        say "Configuring ($preset preset) into ${dir#"$ROOT"/}"
        (cd "$ROOT" && cmake --preset "$preset" >/dev/null) || return 1
    fi
    say "Building ($preset preset)"
    (cd "$ROOT" && cmake --build --preset "$preset")
}

pg_bindir() { echo /usr/lib/postgresql/15/bin; }

# Installs Deno from the npm registry at the version pinned in supabase/package.json (once) and
# prints the path of its binary.
ensure_deno() {
    local dir="$ROOT/supabase"
    local bin="$dir/node_modules/.bin/deno"
    local want
    want="$(node -p 'require(process.argv[1]).dependencies.deno' "$dir/package.json")" || return 1
    # Tests start several cloud-dev at once: one installs, the others wait for it.
    (
        flock 9
        if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep -q "^deno $want "; then
            say "Installing Deno $want from the npm registry (supabase/package.json)"
            cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2 || exit 1
        fi
        # Each function's own npm imports (its deno.lock pins them), fetched once.
        local f
        for f in sync-pos-message catalog-changes; do
            "$bin" install --quiet --config "$dir/functions/$f/deno.json" \
                --entrypoint "$dir/functions/$f/index.ts" "$dir/functions/$f/index_test.ts" >&2 ||
                exit 1
        done
    ) 9>"$dir/.install.lock" || return 1
    echo "$bin"
}

# Installs Ajv (tests/schemas/package.json, pinned by its package-lock.json) for checking
# messages against protocol/schemas, once; needs Node.js and npm.
ensure_schema_validator() {
    local dir="$ROOT/tests/schemas"
    command -v npm >/dev/null 2>&1 || install_debs nodejs npm || return 1
    (
        flock 9
        # Installed from this very lock file: its digest, kept beside the packages.
        local want
        want="$(sha256sum <"$dir/package-lock.json")"
        if [[ "$(cat "$dir/node_modules/.installed-lock" 2>/dev/null)" != "$want" ]]; then
            say "Installing Ajv from the npm registry (tests/schemas/package.json)"
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) || exit 1
            echo "$want" >"$dir/node_modules/.installed-lock"
        fi
    ) 9>"$dir/.install.lock"
}
