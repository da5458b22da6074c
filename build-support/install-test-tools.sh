#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing: a C++ compiler for the GPU kernels' source compiled
# on the host (GpuKernelSourceOnHostTest), and, unless the argument is "--no-browser", Debian's Chromium and
# ChromeDriver for the portal's browser tests (DESIGN.md §4). Needs root (or passwordless sudo) and the Debian archive;
# when it cannot install, it says how and those tests fail with the same advice (they never skip silently).
set -euo pipefail
PACKAGES=()
command -v g++ >/dev/null || PACKAGES+=(g++)
if [ "${1:-}" != "--no-browser" ] && ! { [ -x /usr/lib/chromium/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
  PACKAGES+=(chromium chromium-driver)
fi
[ ${#PACKAGES[@]} -eq 0 ] && exit 0
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    echo "based: the tests need ${PACKAGES[*]}; run as root: apt-get install -y ${PACKAGES[*]}" >&2
    exit 0
  fi
fi
echo "based: installing ${PACKAGES[*]} for the tests (apt-get install)..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get install -y -q "${PACKAGES[@]}" >&2; then
  "${SUDO[@]}" apt-get update -q >&2 && "${SUDO[@]}" apt-get install -y -q "${PACKAGES[@]}" >&2 || \
    echo "based: could not install ${PACKAGES[*]}; the tests that use them will fail until they are installed" >&2
fi
