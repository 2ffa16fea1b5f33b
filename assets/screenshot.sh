#!/bin/bash
# Takes assets/screenshot-main.png: runs the SleepersDemo session and the app under Xvfb, then grabs the screen.
# Needs: xvfb xauth x11-utils imagemagick libgtk-3-0 (apt). Run from the repository root: bash assets/screenshot.sh [out.png]
set -euo pipefail
out=${1:-assets/screenshot-main.png}
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=cp.txt
mvn -B -q test-compile
cp="target/classes:target/test-classes:$(cat cp.txt)"
# A runtime folder of its own, so the picture shows only the demo session, whatever else runs on the machine.
dir=$(mktemp -d /tmp/mpscope-shot.XXXXXX)
java -Dmpscope.runtime.dir="$dir" -cp "$cp" io.mpscope.app.demo.SleepersDemo 20 > /tmp/mpscope-demo.log 2>&1 &
demo=$!
trap 'wait $demo 2>/dev/null || true; rm -rf "$dir"' EXIT  # the demo ends its processes after 20 s
# the demo prints its line once its processes are started and the terminated one has ended
for _ in $(seq 1 80); do grep -q 'demo running' /tmp/mpscope-demo.log && break; sleep 0.25; done
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  java -Dmpscope.runtime.dir="'"$dir"'" -cp "'"$cp"'" io.mpscope.app.Main > /tmp/mpscope-app.log 2>&1 & app=$!
  for _ in $(seq 1 80); do xwininfo -name mpscope >/dev/null 2>&1 && break; sleep 0.25; done
  sleep 2   # first frames and two sampler ticks
  import -window root "'"$out"'"
  kill $app; wait $app || true'
echo "wrote $out"
