#!/usr/bin/env bash
# Runs the real app under a virtual X server and saves a screenshot of its window.
#   scripts/screenshot.sh CAPTURE OUT.png     (CAPTURE "demo" opens the bundled demo)
# Needs xvfb-run and ImageMagick's `import`; builds target/sipladder.jar when it is missing.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 CAPTURE|demo OUT.png" >&2
    exit 2
fi
capture=$1
out=$(realpath -m "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/sipladder.jar"
width=${SCREENSHOT_WIDTH:-1400}
height=${SCREENSHOT_HEIGHT:-900}

for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 2; }
done
if [[ ! -f "$jar" ]]; then
    (cd "$root" && mvn -B -q -o -DskipTests package)
fi

args=()
if [[ "$capture" != demo ]]; then
    args=("$(realpath "$capture")")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ready="$work/ready"

# Inside the X server: start the app, wait until it says the capture is drawn (and 90 more frames, for a
# busy machine to finish painting), grab the screen, stop it.
cat > "$work/inside.sh" <<INSIDE
#!/usr/bin/env bash
java -Dsipladder.prefs=memory -Dsipladder.readyFile="$ready" -Dsipladder.readySettleFrames=90 -jar "$jar" ${args[@]+"${args[@]}"} &
app=\$!
for _ in \$(seq 1 3000); do
    [[ -f "$ready" ]] && break
    kill -0 \$app 2>/dev/null || { echo "the app exited before it was ready" >&2; exit 1; }
    sleep 0.1
done
[[ -f "$ready" ]] || { echo "timed out waiting for the app" >&2; kill \$app; exit 1; }
sleep 2
import -window root "$out"
kill \$app
wait \$app 2>/dev/null || true
INSIDE
chmod +x "$work/inside.sh"
xvfb-run -a -s "-screen 0 ${width}x${height}x24" "$work/inside.sh"
echo "$out: $(sed -n 's/^status=//p' "$ready")"
