#!/usr/bin/env bash
# Builds LayerLab's self-contained app image and Linux installers with jpackage (JDK 17).
#   installer/package.sh              app image + .deb (+ .rpm when rpmbuild is installed)
#   installer/package.sh app-image    app image only (what CI smoke-tests)
# Output: installer/target/LayerLab/ (app image), installer/target/*.deb, *.rpm
# Set LAYERLAB_SKIP_BUILD=1 to package the jars already in app/target.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
out="$root/installer/target"
version=0.1.0
cd "$root"
if [ "${LAYERLAB_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B install -DskipTests
fi
rm -rf "$out"
mkdir -p "$out/input"
cp app/target/layerlab-app.jar app/target/lib/*.jar "$out/input/"
# JNA (used by ND4J's hardware probe) ships its native stub for a dozen systems; keep Linux x86-64's
for jar in "$out"/input/jna-*.jar; do
  [ -f "$jar" ] || continue
  others=$(unzip -Z1 "$jar" | grep -E '^com/sun/jna/[^/]+/[^/]*(jnidispatch)' | grep -v '^com/sun/jna/linux-x86-64/' || true)
  if [ -n "$others" ]; then zip -q -d "$jar" $others; fi
done

# the runtime: only the JDK modules the jars use (jdeps), plus what reflection and natives need
modules=$(jdeps -q -R --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$out/input/*" "$out/input/layerlab-app.jar")
modules="$modules,java.desktop,java.logging,java.management,jdk.crypto.ec"
echo "runtime modules: $modules"

common=(--name LayerLab --app-version "$version" --vendor LayerLab
  --description "LayerLab: draw neural networks and watch them learn"
  --input "$out/input" --main-jar layerlab-app.jar --main-class org.layerlab.app.Launcher
  --add-modules "$modules" --icon "$root/app/src/main/resources/org/layerlab/app/layerlab.png"
  --java-options -Xmx4g --java-options -Dlayerlab.packaged=true
  --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands")

jpackage --type app-image "${common[@]}" --dest "$out"
bash "$root/installer/check-image.sh" "$out/LayerLab"
bash "$root/installer/make-cds.sh" "$out/LayerLab"
echo "app image: $out/LayerLab ($(du -sh "$out/LayerLab" | cut -f1))"
[ "$what" = app-image ] && exit 0

assoc="$out/layerlab-file.properties"
printf 'extension=layerlab\nmime-type=application/x-layerlab\ndescription=LayerLab project\nicon=%s\n' \
  "$root/app/src/main/resources/org/layerlab/app/layerlab.png" > "$assoc"
linux=(--linux-shortcut --linux-menu-group Education --linux-app-category education
  --linux-package-deps libgtk-3-0 --file-associations "$assoc" --linux-package-name layerlab
  --license-file "$root/installer/src/main/LICENSE-NOTICE.txt")
# the .deb archives its classes at the installed location (postinst) from the image's class list
deb=()
if [ -f "$out/LayerLab/lib/app/layerlab.classlist" ]; then
  cp "$out/LayerLab/lib/app/layerlab.classlist" "$out/input/"
  deb=(--resource-dir "$root/installer/src/main/deb" --java-options '-XX:SharedArchiveFile=$APPDIR/layerlab.jsa')
fi
jpackage --type deb "${common[@]}" "${linux[@]}" "${deb[@]}" --dest "$out"
rm -f "$out/input/layerlab.classlist"
if command -v rpmbuild >/dev/null 2>&1; then
  jpackage --type rpm "${common[@]}" "${linux[@]}" --dest "$out"
else
  echo "rpmbuild not installed: no .rpm (apt-get install rpm to build one)"
fi
ls -la "$out"/*.deb "$out"/*.rpm 2>/dev/null || true
