#!/usr/bin/env bash
# Install everything the assistant needs on a fresh machine, offline except for the package registries.
#   bash scripts/install.sh          runtime dependencies
#   bash scripts/install.sh --test   plus the test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
# torch first and pinned: pip then takes the local CPU build instead of the CUDA packages.
python3 -m pip install --quiet "torch==2.13.0"
python3 -m pip install --quiet -e ".${extra}"
echo "install.sh: done"
