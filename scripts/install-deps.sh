#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only those missing:
# a prepared machine pays one dpkg-query and nothing else.
set -euo pipefail
packages=(libncurses-dev libssl-dev libqrencode-dev libsqlite3-dev tmux zbar-tools oathtool python3-aiosmtpd python3-pyotp dialog openssh-server openssh-client openssl libcurl4-openssl-dev valgrind sudo chromium poppler-utils fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing missing packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
