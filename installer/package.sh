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
# the splash the launcher shows while Java and the window load (and its 2× image for HiDPI screens)
cp installer/splash/splash.png installer/splash/splash@2x.png "$out/input/"
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

# the runtime keeps its bin/java: the image's launcher on Linux is installer/src/main/linux/LayerLab
image=(--input "$out/input" --main-jar layerlab-app.jar --main-class org.layerlab.app.Launcher
  --add-modules "$modules" --icon "$root/app/src/main/resources/org/layerlab/app/layerlab.png"
  --java-options -Xmx4g --java-options -Dlayerlab.packaged=true
  --jlink-options "--strip-debug --no-man-pages --no-header-files")
common=(--name LayerLab --app-version "$version" --vendor LayerLab
  --description "LayerLab: draw neural networks and watch them learn")

jpackage --type app-image "${common[@]}" "${image[@]}" --dest "$out"
# jpackage's native launcher asks rpm and dpkg which package owns it on every start (0.3 s here):
# a script reads the same LayerLab.cfg and starts the runtime's java itself
bash "$root/installer/check-launcher.sh"
cp "$root/installer/src/main/linux/LayerLab" "$out/LayerLab/bin/LayerLab"
chmod 755 "$out/LayerLab/bin/LayerLab"
# JavaFX loads its natives from beside its jar when they are there; otherwise every start unpacks them
# from the jar into the data folder's cache and compares checksums first (≈ 50 ms here; 0.8 MB kept twice)
unzip -q -o "$out"/LayerLab/lib/app/javafx-graphics-*-linux.jar 'lib*.so' -d "$out/LayerLab/lib/app"
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
# the packages carry the image with its launcher, without its archive: JDK 17 ties an archive to the
# folder it was made in, so the .deb's postinst makes one at the installed location from the class list
# (the cfg keeps naming it; a start without the file runs without an archive, as the .rpm does)
staged="$out/staged/LayerLab"
mkdir -p "$out/staged"
cp -a "$out/LayerLab" "$staged"
rm -f "$staged/lib/app/layerlab.jsa"
if [ -f "$staged/lib/app/layerlab.classlist" ] && ! grep -q SharedArchiveFile "$staged/lib/app/LayerLab.cfg"; then
  printf 'java-options=-XX:SharedArchiveFile=$APPDIR/layerlab.jsa\n' >> "$staged/lib/app/LayerLab.cfg"
fi
jpackage --type deb "${common[@]}" "${linux[@]}" --resource-dir "$root/installer/src/main/deb" --app-image "$staged" --dest "$out"
if command -v rpmbuild >/dev/null 2>&1; then
  rm -f "$staged/lib/app/layerlab.classlist"
  jpackage --type rpm "${common[@]}" "${linux[@]}" --app-image "$staged" --dest "$out"
else
  echo "rpmbuild not installed: no .rpm (apt-get install rpm to build one)"
fi
ls -la "$out"/*.deb "$out"/*.rpm 2>/dev/null || true
