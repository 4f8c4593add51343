#!/bin/sh
# Install Debian's chromium and a CJK font for the browser tests (needs root or sudo).
set -e
packages="chromium fonts-wqy-microhei"
if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq $packages
elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo apt-get install -y -qq $packages
else
    echo "browser tests need chromium: run 'apt-get install $packages' as root" >&2
    exit 1
fi
