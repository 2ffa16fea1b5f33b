#!/usr/bin/env bash
# Packages the mpscope app with jpackage (JDK 17+): a self-contained app image with its own Java runtime, and on
# Debian/Ubuntu a .deb when dpkg-deb and fakeroot are there. Output in target/installer/.
#   installer/package.sh            # app image (target/installer/mpscope/bin/mpscope) and, if possible, a .deb
#   installer/package.sh app-image  # the app image only
# The launcher starts the JVM with the same options as `mvn javafx:run` (see the javafx-maven-plugin in pom.xml:
# the first JIT tier and the serial collector keep the monitor's own CPU low).
set -euo pipefail
cd "$(dirname "$0")/.."
types=${1:-all}

mvn -B -q -DskipTests package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/installer/lib
# the project's version (the first <version> in the pom), without -SNAPSHOT: jpackage wants digits and dots
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
version=${version%-SNAPSHOT}
jar=$(ls target/mpscope-*.jar | grep -v -- '-sources' | head -n 1)
cp "$jar" target/installer/lib/

common=(--name mpscope --app-version "$version" --vendor "mpscope"
        --description "Process-based concurrency for the JVM: a live monitor and launcher"
        --input target/installer/lib --main-jar "$(basename "$jar")" --main-class io.mpscope.app.Main
        --icon src/main/resources/io/mpscope/app/icon-256.png
        --java-options "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
        # keep bin/java in the bundled runtime: the app starts its child processes with it
        --jlink-options "--strip-debug --no-man-pages --no-header-files"
        --dest target/installer)

rm -rf target/installer/mpscope
jpackage --type app-image "${common[@]}"
echo "app image: target/installer/mpscope (run target/installer/mpscope/bin/mpscope)"

if [ "$types" = all ]; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    jpackage --type deb "${common[@]}" --linux-shortcut --linux-menu-group Development
    ls target/installer/*.deb
  else
    echo "no .deb: dpkg-deb and fakeroot are needed (apt-get install fakeroot)" >&2
  fi
fi
