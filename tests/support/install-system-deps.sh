#!/usr/bin/env bash
# Install the system packages the loopback tests need (MariaDB server + client).
# Idempotent: returns in well under a second when the server binary is already present.
# The package's post-install must not start a system-wide service (tests start their own
# throw-away server), so a temporary policy-rc.d that denies service starts is installed.
set -euo pipefail

have_server() {
  [ -x /usr/sbin/mariadbd ] || [ -x /usr/sbin/mysqld ] || command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1
}

if have_server; then
  echo "install-system-deps: mariadb server already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: mariadb-server is missing and this script is not running as root." >&2
  echo "Install it with: sudo apt-get install -y --no-install-recommends mariadb-server mariadb-client" >&2
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
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server mariadb-client

have_server || { echo "install-system-deps: mariadb-server installed but no mariadbd/mysqld found" >&2; exit 1; }
echo "install-system-deps: mariadb server installed"
