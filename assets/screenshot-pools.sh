#!/bin/bash
# Takes assets/screenshots/pools.png and managers.png: runs the PoolsDemo session (two pools mid-map, with failed
# tasks and a worker killed on purpose; a manager with a dict, list and Namespace changing, a Lock and a Queue) and
# the app under Xvfb, opens the Pools and then the Managers tab, and writes the window with Scene.snapshot
# (WindowShot). Needs: xvfb xauth libgtk-3-0 (apt). Run from the repository root:
#   bash assets/screenshot-pools.sh [out-dir] [seconds-to-wait]
set -euo pipefail
out=${1:-assets/screenshots}
wait_s=${2:-20}

mvn -B -q -o -DskipTests package dependency:build-classpath -Dmdep.outputFile=cp.txt
mvn -B -q -o test-compile
cp="target/classes:target/test-classes:$(cat cp.txt)"
# A runtime folder of its own, so the pictures show only the demo session, whatever else runs on the machine.
dir=$(mktemp -d /tmp/mpscope-shot.XXXXXX)
java -Dmpscope.runtime.dir="$dir" -cp "$cp" io.mpscope.app.demo.PoolsDemo $((2 * wait_s + 120)) \
  > /tmp/mpscope-pools-demo.log 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; wait $demo 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 240); do grep -q 'demo running' /tmp/mpscope-pools-demo.log && break; sleep 0.25; done
for tab in pools managers; do
  xvfb-run -a -s "-screen 0 1440x900x24" java -Dmpscope.runtime.dir="$dir" -cp "$cp" \
    io.mpscope.app.demo.WindowShot "$out/$tab.png" "$wait_s" "$tab" > /tmp/mpscope-app.log 2>&1
  echo "wrote $out/$tab.png"
done
