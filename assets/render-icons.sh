#!/bin/sh
# Renders mpscope-icon.svg into the runtime icons the app loads (io/mpscope/app/icon-<size>.png).
# Needs rsvg-convert (Debian: librsvg2-bin). Run from anywhere: sh assets/render-icons.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../src/main/resources/io/mpscope/app"
mkdir -p "$out"
for size in 16 32 64 256; do
  rsvg-convert -w "$size" -h "$size" "$here/mpscope-icon.svg" -o "$out/icon-$size.png"
done
