#!/bin/bash
# Takes assets/screenshots/primitives.png: runs the PrimitivesDemo session (dining philosophers in a deadlock, a held
# printer lock with waiting clerks, a bounded semaphore, an event, a barrier 2 of 3 full, a condition, a value and an
# array) and the app under Xvfb, opens the Primitives tab, and writes the window with Scene.snapshot (WindowShot).
# Needs: xvfb xauth libgtk-3-0 (apt). Run from the repository root:
#   bash assets/screenshot-primitives.sh [out.png] [seconds-to-wait]
set -euo pipefail
out=${1:-assets/screenshots/primitives.png}
wait_s=${2:-10}

mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=cp.txt
mvn -B -q test-compile
cp="target/classes:target/test-classes:$(cat cp.txt)"
# A runtime folder of its own, so the picture shows only the demo session, whatever else runs on the machine.
dir=$(mktemp -d /tmp/mpscope-shot.XXXXXX)
# The demo ends by itself (and stops its children) after this long: a deadlocked child never ends on its own.
java -Dmpscope.runtime.dir="$dir" -cp "$cp" io.mpscope.app.demo.PrimitivesDemo $((wait_s + 60)) > /tmp/mpscope-demo.log 2>&1 &
demo=$!
trap 'wait $demo 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 240); do grep -q 'demo running' /tmp/mpscope-demo.log && break; sleep 0.25; done
xvfb-run -a -s "-screen 0 1440x900x24" java -Dmpscope.runtime.dir="$dir" -cp "$cp" \
  io.mpscope.app.demo.WindowShot "$out" "$wait_s" primitives > /tmp/mpscope-app.log 2>&1
echo "wrote $out (the demo ends in about a minute)"
