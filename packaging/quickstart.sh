#!/usr/bin/env bash
# Sets up what is missing on a Debian 12 machine, builds DNS Timeline, and then either opens the app on
# the bundled demo project (`demo`) or runs the whole test suite (`test`). Safe to run again.
set -euo pipefail

usage() { echo "usage: $0 demo|test" >&2; exit 1; }
[[ $# -eq 1 ]] || usage
mode=$1
[[ $mode == demo || $mode == test ]] || usage

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${DNT_BUILD_DIR:-$root/build}

# Build tools, libraries, fonts for deterministic off-screen rendering, Xvfb for screenshots, the Public
# Suffix List (domain browser), and the tools that build and check the .deb (dpkg-shlibdeps, appstreamcli,
# desktop-file-validate).
packages=(cmake ninja-build g++ pkg-config
          qt6-base-dev qt6-svg-dev libqcustomplot-dev libsqlite3-dev zlib1g-dev libzstd-dev libpcap0.8-dev libssl-dev
          libevtx-dev libbfio-dev
          fonts-dejavu-core gzip zstd sqlite3 tshark xvfb xauth
          publicsuffix dpkg-dev appstream desktop-file-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "Installing missing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    # tshark asks whether non-root users may capture; the default (no) is fine for reading files.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | "${sudo_cmd[@]}" debconf-set-selections
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --parallel "$(nproc)"

if [[ $mode == test ]]; then
    cd "$build"
    exec ctest --output-on-failure --parallel "$(nproc)" --timeout 900
fi

cmake --build "$build" --target demo_project
project="$build/demo/demo.dnstimeline"
if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
    exec "$build/app/dnstimeline" "$project"
fi
# No display: the app says so and renders the demo project's start view (the 2016 story) to a PNG,
# printing its path.
"$build/app/dnstimeline" "$project"
