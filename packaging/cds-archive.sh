#!/bin/sh
# Builds the class-data-sharing archive that makes SIP Ladder start faster, for the app image this script
# lies in (lib/app/), and points the launcher at it. scripts/package.sh runs it on the app image it builds;
# the .deb's postinst runs it after installing, because the archive is only valid for the exact path of the
# application jar. Needs no display: the training (StartupTraining) reads and diagnoses the bundled demo and
# loads the classes a real start-up loads, and the JVM archives them as it exits.
# Without the archive the app works the same, only starts more slowly.
set -e
app=$(cd "$(dirname "$0")" && pwd)
launcher="$app/../../bin/SIPLadder"
cfg="$app/SIPLadder.cfg"
archive="$app/app.jsa"

# The launcher must not point at an archive that is missing or out of date: the JVM would then share nothing.
forget_archive() {
    rm -f "$archive"
    sed -i -e '/SharedArchiveFile/d' -e '/-Xlog:cds/d' "$cfg"
}
forget_archive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The JVM's notes on classes it cannot archive (picocli's are compiled for Java 5) are expected: silenced.
if ! JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$archive -Xlog:cds=off -Xlog:cds+dynamic=off" \
        "$launcher" --cds-training >"$log" 2>&1 || [ ! -s "$archive" ]; then
    forget_archive
    cat "$log" >&2
    echo "cds-archive: the start-up training failed; the app will start without its archive" >&2
    exit 1
fi
grep '^start-up training' "$log" || true
# Copied elsewhere, the image still starts, without the archive (run this script again there): the JVM's
# warning about it must not end up in the command line's output.
cat >> "$cfg" <<'CFG'
java-options=-XX:SharedArchiveFile=$APPDIR/app.jsa
java-options=-Xlog:cds=off
java-options=-Xlog:cds+dynamic=off
CFG
# -Xshare:on refuses to start unless the archive is used.
if ! JAVA_TOOL_OPTIONS=-Xshare:on "$launcher" --version >/dev/null 2>&1; then
    forget_archive
    echo "cds-archive: the JVM cannot use the archive; the app will start without it" >&2
    exit 1
fi
echo "cds-archive: $archive ($(du -k "$archive" | cut -f1) KB)"
