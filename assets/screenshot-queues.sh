#!/bin/bash
# Takes assets/screenshots/queues.png: runs the QueuesDemo session (a bounded work queue that fills while its
# producers wait, an unbounded results queue emptied in bursts, a JoinableQueue with task_done and join, a pipe
# ping-ponging) and the app under Xvfb, opens the Primitives tab with the items of one queue listed, and writes the
# window with Scene.snapshot (WindowShot). Needs: xvfb xauth libgtk-3-0 (apt). Run from the repository root:
#   bash assets/screenshot-queues.sh [out.png] [seconds-to-wait] [queue-to-list]
set -euo pipefail
out=${1:-assets/screenshots/queues.png}
wait_s=${2:-20}
queue=${3:-tasks}

mvn -B -q -o -DskipTests package dependency:build-classpath -Dmdep.outputFile=cp.txt
mvn -B -q -o test-compile
cp="target/classes:target/test-classes:$(cat cp.txt)"
# A runtime folder of its own, so the picture shows only the demo session, whatever else runs on the machine.
dir=$(mktemp -d /tmp/mpscope-shot.XXXXXX)
java -Dmpscope.runtime.dir="$dir" -cp "$cp" io.mpscope.app.demo.QueuesDemo $((wait_s + 40)) > /tmp/mpscope-queues-demo.log 2>&1 &
demo=$!
trap 'wait $demo 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 240); do grep -q 'demo running' /tmp/mpscope-queues-demo.log && break; sleep 0.25; done
# the window opens, reads for wait_s seconds (the charts fill), then lists the queue's items
xvfb-run -a -s "-screen 0 1440x900x24" java -Dmpscope.runtime.dir="$dir" -Dshot.queue="$queue" -cp "$cp" \
  io.mpscope.app.demo.WindowShot "$out" "$wait_s" queues > /tmp/mpscope-app.log 2>&1
echo "wrote $out (the demo ends in about 40 s)"
