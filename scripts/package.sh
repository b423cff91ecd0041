#!/usr/bin/env bash
# Builds the SIP Ladder app image with jpackage (target/dist/SIPLadder) and, on Linux where dpkg-deb
# and fakeroot exist, the .deb (target/dist/sipladder_VERSION-1_amd64.deb).
# Usage: scripts/package.sh [--app-image-only]     (after `mvn -B package`, or via `mvn -B -Ppackage package`)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/sipladder.jar ]]; then
  echo "target/sipladder.jar is missing: run 'mvn -B -DskipTests package' first." >&2
  exit 2
fi
JPACKAGE="${JAVA_HOME:+$JAVA_HOME/bin/}jpackage"
if ! command -v "$JPACKAGE" >/dev/null 2>&1; then
  echo "jpackage not found (it ships with JDK 14+): set JAVA_HOME to a full JDK." >&2
  exit 2
fi

# jpackage copies its whole --input folder into the image: give it the shaded jar alone.
rm -rf target/jpackage target/dist
mkdir -p target/jpackage/input
cp target/sipladder.jar target/jpackage/input/
# Builds the start-up archive where the app is installed (lib/app/); run below and by the .deb's postinst.
cp packaging/cds-archive.sh target/jpackage/input/
# JavaFX's native libraries beside the jar: JavaFX loads them from there directly, instead of hashing the
# copies inside the jar against its cache in ~/.openjfx at every start (about 0.1 s of CPU at start-up).
if [[ "$(uname -s)" == Linux ]] && command -v unzip >/dev/null 2>&1; then
  unzip -q -o target/sipladder.jar 'lib*.so' -d target/jpackage/input/
fi

echo "== app image"
"$JPACKAGE" @jpackage.cfg
if [[ "$(uname -s)" == Linux ]]; then
  sh target/dist/SIPLadder/lib/app/cds-archive.sh || echo "   (continuing without the start-up archive)"
fi
echo "   target/dist/SIPLadder ($(du -sh target/dist/SIPLadder | cut -f1))"

if [[ "${1:-}" == "--app-image-only" ]]; then
  exit 0
fi
case "$(uname -s)" in
  Linux)
    if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then
      echo "== .deb"
      "$JPACKAGE" @jpackage.cfg @packaging/linux-deb.cfg
      ls -l target/dist/*.deb
    else
      echo "dpkg-deb or fakeroot not found: no .deb built (apt-get install dpkg-dev fakeroot)."
    fi
    ;;
  Darwin)
    echo "== .dmg"
    "$JPACKAGE" @jpackage.cfg @packaging/macos.cfg
    ls -l target/dist/*.dmg
    ;;
  *)
    echo "No installer type for $(uname -s) in this script; see README, Install." ;;
esac
