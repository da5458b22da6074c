#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the portal's browser tests when they are missing (DESIGN.md §4).
# Needs root (or passwordless sudo) and the Debian archive; when it cannot install, it says how and the browser tests
# fail with the same advice (they never skip silently).
set -euo pipefail
if [ -x /usr/lib/chromium/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    echo "based: the browser tests need chromium and chromium-driver; run as root: apt-get install -y chromium chromium-driver" >&2
    exit 0
  fi
fi
echo "based: installing Chromium and ChromeDriver for the portal's browser tests (apt-get install chromium chromium-driver)..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get install -y -q chromium chromium-driver >&2; then
  "${SUDO[@]}" apt-get update -q >&2 && "${SUDO[@]}" apt-get install -y -q chromium chromium-driver >&2 || \
    echo "based: could not install chromium and chromium-driver; the browser tests will fail until they are installed" >&2
fi
