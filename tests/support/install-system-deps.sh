#!/usr/bin/env bash
# Install the Debian packages the test suite needs: MariaDB (real loopback database for the probe and
# integration tests) and shellcheck (ansible-test sanity's shellcheck test).
# Idempotent: returns at once when everything is present.
# The MariaDB package's post-install must not start a system-wide service (tests start their own
# throw-away server), so a temporary policy-rc.d that denies service starts is installed.
set -euo pipefail

have_server() {
  [ -x /usr/sbin/mariadbd ] || [ -x /usr/sbin/mysqld ] || command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1
}

missing=()
have_server || missing+=(mariadb-server mariadb-client)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: mariadb server and shellcheck already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: missing Debian packages (${missing[*]}) and this script is not running as root." >&2
  echo "Install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
backup=""
if [ -e "$policy" ]; then
  backup=$(mktemp)
  cp -p "$policy" "$backup"
fi

restore_policy() {
  if [ -n "$backup" ]; then
    mv -f "$backup" "$policy"
  else
    rm -f "$policy"
  fi
}
trap restore_policy EXIT

# Exit code 101 tells invoke-rc.d "action forbidden": the package installs but no service starts.
printf '#!/bin/sh\nexit 101\n' >"$policy"
chmod 755 "$policy"

apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"

have_server || { echo "install-system-deps: mariadb-server installed but no mariadbd/mysqld found" >&2; exit 1; }
command -v shellcheck >/dev/null 2>&1 || { echo "install-system-deps: shellcheck missing after install" >&2; exit 1; }
echo "install-system-deps: installed ${missing[*]}"
