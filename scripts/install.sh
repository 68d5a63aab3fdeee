#!/usr/bin/env bash
# Install everything the assistant needs on a fresh machine, offline except for the package registries.
#   bash scripts/install.sh          runtime dependencies
#   bash scripts/install.sh --test   plus the test dependencies, Debian's chromium and CJK fonts (browser test)
set -euo pipefail
cd "$(dirname "$0")/.."
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore DEBIAN_FRONTEND=noninteractive

install_browser() {
    # The UI test drives Debian's chromium through Playwright; no browser is downloaded by Playwright itself.
    if dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1; then
        return
    fi
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || { echo "install.sh: need root (or sudo) to apt-get install chromium fonts-noto-cjk" >&2; exit 1; }
        sudo="sudo -n"
    fi
    echo "install.sh: apt-get install chromium fonts-noto-cjk"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
}

[ -n "$extra" ] && install_browser
# torch first and pinned: pip then takes the local CPU build instead of the CUDA packages.
python3 -m pip install --quiet "torch==2.13.0"
python3 -m pip install --quiet -e ".${extra}"
echo "install.sh: done"
