# Shared by scripts/run, scripts/test and the Windows scripts: installs what is missing on a Debian or Ubuntu machine.
# Sourced, not run. Every step checks first, so a second run installs nothing.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# System packages for building: the Tauri app on Linux, and HiGHS (the MILP solver, C++ built with cmake and
# bound with bindgen, which needs libclang).
BUILD_PACKAGES=(build-essential pkg-config cmake libclang-dev libwebkit2gtk-4.1-dev libssl-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev)
# More for the tests: a virtual display, the WebKit WebDriver, Python for the end-to-end client, Node for UI logic,
# LibreOffice Calc (headless) and the locales package for the round trip of an exported sheet in Swedish, faketime
# for the command line at a given time of day.
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver python3 python3-venv poppler-utils qpdf libreoffice-calc-nogui locales faketime
  coinor-cbc)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
# ensure_packages PKG…: installs the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Missing system packages: ${missing[*]}. This script installs them with apt-get (Debian/Ubuntu);" >&2
    echo "on other systems install the equivalents, see README.md." >&2
    exit 1
  fi
  say "Installing ${missing[*]}"
  if [ "$apt_updated" = false ]; then
    as_root apt-get update -q
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# ensure_rust: cargo with rustfmt and clippy.
ensure_rust() {
  if ! command -v cargo >/dev/null; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
      export PATH="$HOME/.cargo/bin:$PATH"
    else
      ensure_packages curl ca-certificates
      say "Installing Rust with rustup"
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
      export PATH="$HOME/.cargo/bin:$PATH"
    fi
  fi
  if command -v rustup >/dev/null; then
    for component in rustfmt clippy; do
      rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
    done
  fi
}

# ensure_node: Node.js 18 or newer for the UI logic tests.
ensure_node() {
  if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 18 ]; then
    ensure_packages nodejs
  fi
}

# ensure_npm_packages: the test tools from npm (axe-core for the accessibility checks), as package-lock.json pins
# them. The app itself uses no npm package.
ensure_npm_packages() {
  command -v npm >/dev/null || ensure_packages npm
  if [ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ]; then
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}

# ensure_tauri_driver: the WebDriver bridge to the app (2.x; the 3.0 alphas do not work with WebKitGTK here).
ensure_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! cargo install --list | grep -q '^tauri-driver v2\.'; then
    say "Installing tauri-driver 2.1.0"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
}

# ensure_e2e_python: a virtual environment with the pinned WebDriver client and pytest.
E2E_VENV="$TARGET_DIR/e2e-venv"
ensure_e2e_python() {
  local requirements="$ROOT/tests/e2e/requirements.txt"
  local stamp="$E2E_VENV/.requirements"
  if [ ! -x "$E2E_VENV/bin/python" ] || ! cmp -s "$requirements" "$stamp"; then
    say "Preparing the Python environment for the end-to-end tests"
    python3 -m venv "$E2E_VENV"
    "$E2E_VENV/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
  fi
}

# ensure_swedish_locale: sv_SE.UTF-8, in which the spreadsheet round trip runs LibreOffice (decimal comma, space as
# thousands separator), as the city's computers do.
ensure_swedish_locale() {
  if ! locale -a 2>/dev/null | grep -qi '^sv_SE\.utf-\?8$'; then
    say "Making the Swedish locale sv_SE.UTF-8"
    as_root localedef -i sv_SE -f UTF-8 sv_SE.UTF-8
  fi
}

# The Windows build (scripts/windows-check, scripts/windows-package): MinGW's POSIX-thread compilers (HiGHS needs C++
# threads), the programs linked statically against MinGW's runtime.
WINDOWS_TARGET=x86_64-pc-windows-gnu
windows_environment() {
  ensure_packages "${BUILD_PACKAGES[@]}" gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 "$@"
  ensure_rust
  rustup target list --installed | grep -qx "$WINDOWS_TARGET" || rustup target add "$WINDOWS_TARGET"
  export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc-posix
  export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++-posix
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C link-arg=-static"
}

# windows_build [cargo arguments…]: the one release build for Windows. Everything in the workspace (the app, the CLI,
# the engine's and the shell's tests, the benches and the examples) in one command, so every dependency is compiled
# once with one feature set: the programs scripts/windows-package ships are the ones whose tests ran under Wine, and
# building them for the package after the tests costs nothing. A build of the programs alone would compile much of
# the tree again (the tests' dev-dependencies give some crates other features). Compiling every target also
# type-checks all of them for Windows.
windows_build() {
  cargo build --release --target "$WINDOWS_TARGET" --workspace --all-targets "$@"
}
