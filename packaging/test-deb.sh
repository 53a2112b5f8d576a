#!/usr/bin/env bash
# Builds the Debian package from a build directory, installs it on this machine with apt (which checks that
# its dependencies resolve), and runs the installed program from /usr/bin: --version, and a headless import
# and render of the installed demo log. The package is removed again afterwards unless it was installed
# before. Needs root (or sudo); exits 77 (ctest: skipped) without either.
set -euo pipefail
build=$(cd "${1:?usage: test-deb.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's/^project(DNSTimeline VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")

as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if sudo -n true 2>/dev/null; then as_root=(sudo -n); else echo "SKIP: needs root or sudo to install a .deb"; exit 77; fi
fi
for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (packaging/quickstart.sh installs it)"; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB >cpack.log 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/dnstimeline_"$version"_*.deb)
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for need in libqt6widgets6 libqt6svg6 libqcustomplot2.1 libsqlite3-0 libzstd1 libpcap0.8 zlib1g fonts-dejavu-core publicsuffix; do
    [[ $depends == *"$need"* ]] || { echo "FAIL: Depends lacks $need"; exit 1; }
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/dnstimeline ./usr/share/applications/org.dnstimeline.DNSTimeline.desktop \
         ./usr/share/metainfo/org.dnstimeline.DNSTimeline.metainfo.xml ./usr/share/mime/packages/dnstimeline.xml \
         ./usr/share/icons/hicolor/scalable/apps/dnstimeline.svg ./usr/share/icons/hicolor/48x48/apps/dnstimeline.png \
         ./usr/share/dnstimeline/demo/dns.log.gz; do
    grep -q " $f\$" <<<"$contents" || { echo "FAIL: package lacks $f"; exit 1; }
done

was_installed=0
dpkg-query -W -f='${Status}' dnstimeline 2>/dev/null | grep -q "install ok installed" && was_installed=1
cleanup() {
    if [[ $was_installed == 0 ]]; then "${as_root[@]}" dpkg -r dnstimeline >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
cp "$deb" "$work/pkg.deb" && chmod a+r "$work/pkg.deb" "$work"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$work/pkg.deb" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; echo "FAIL: apt-get could not install the package"; exit 1; }

desktop-file-validate /usr/share/applications/org.dnstimeline.DNSTimeline.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.dnstimeline.DNSTimeline.metainfo.xml >/dev/null

# From here on only the installed files are used: a clean environment, outside the source and build trees.
run() { (cd "$work" && env -i HOME="$work" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 "$@"); }
got=$(run /usr/bin/dnstimeline --version)
[[ $got == *"$version"* ]] || { echo "FAIL: --version printed '$got'"; exit 1; }
echo "installed: $got"
run /usr/bin/dnstimeline import demo.dnstimeline /usr/share/dnstimeline/demo/dns.log.gz >/dev/null
run /usr/bin/dnstimeline events demo.dnstimeline import /usr/share/dnstimeline/demo/events.csv >/dev/null
run /usr/bin/dnstimeline render demo.dnstimeline -o chart.png --name mail1.trump-email.com --bucket week --size 800x400
magic=$(head -c 8 "$work/chart.png" | od -An -tx1 | tr -d ' \n')
[[ $magic == 89504e470d0a1a0a ]] || { echo "FAIL: render did not write a PNG"; exit 1; }
# PNG IHDR: width and height are the big-endian words at bytes 16 and 20.
size=$(od -An -tu1 -j16 -N8 "$work/chart.png" | awk '{printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
[[ $size == 800x400 ]] || { echo "FAIL: rendered PNG is $size, expected 800x400"; exit 1; }
total=$(run /usr/bin/dnstimeline stats demo.dnstimeline --name mail1.trump-email.com --bucket month | awk -F'\t' 'NR>1{s+=$3} END{print s}')
echo "installed render: chart.png $size; stats: $total lookups of mail1.trump-email.com"
[[ $total -gt 0 ]] || { echo "FAIL: installed stats found no lookups"; exit 1; }
echo "PASS: package installs, runs and renders from /usr"
