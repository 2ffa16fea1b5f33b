#!/bin/bash
# Takes assets/screenshots/main-window.png: runs the SleepersDemo session (sleepers, CPU burners, an exit code, a
# terminated process) and the app under Xvfb, lets the sparklines and core meters fill, then grabs the screen and
# crops it to the window.
# Needs: xvfb xauth x11-utils imagemagick libgtk-3-0 (apt). Run from the repository root:
#   bash assets/screenshot.sh [out.png] [seconds-to-wait]
set -euo pipefail
out=${1:-assets/screenshots/main-window.png}
wait_s=${2:-20}

mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=cp.txt
mvn -B -q test-compile
cp="target/classes:target/test-classes:$(cat cp.txt)"
# A runtime folder of its own, so the picture shows only the demo session, whatever else runs on the machine.
dir=$(mktemp -d /tmp/mpscope-shot.XXXXXX)
java -Dmpscope.runtime.dir="$dir" -cp "$cp" io.mpscope.app.demo.SleepersDemo $((wait_s + 30)) > /tmp/mpscope-demo.log 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null || true; wait $demo 2>/dev/null || true; rm -rf "$dir"' EXIT
# the demo prints its line once its processes are started and the terminated one has ended
for _ in $(seq 1 120); do grep -q 'demo running' /tmp/mpscope-demo.log && break; sleep 0.25; done
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
  java -Dmpscope.runtime.dir="'"$dir"'" -cp "'"$cp"'" io.mpscope.app.Main > /tmp/mpscope-app.log 2>&1 & app=$!
  for _ in $(seq 1 80); do xwininfo -name mpscope >/dev/null 2>&1 && break; sleep 0.25; done
  sleep '"$wait_s"'   # sparklines (30 samples at 2 Hz) and meters fill
  import -window root /tmp/mpscope-root.png
  geo=$(xwininfo -name mpscope | awk "/Absolute upper-left X/{x=\$4} /Absolute upper-left Y/{y=\$4} /Width/{w=\$2} /Height/{h=\$2} END{print w\"x\"h\"+\"x\"+\"y}")
  convert /tmp/mpscope-root.png -crop "$geo" +repage "'"$out"'"
  kill $app; wait $app || true'
echo "wrote $out"
