#!/usr/bin/env bash
# Checks the Linux launcher script (installer/src/main/linux/LayerLab) in a stand-in image whose path
# holds spaces and whose "java" prints the arguments it got, one per line: the cfg's options with
# $APPDIR filled in, the class path in the cfg's order, the main class, then the user's arguments
# unsplit; started through a symbolic link, as a menu entry or /usr/bin link may; a missing cfg is
# refused with a message. Run by package.sh on every image.
set -euo pipefail
launcher="$(cd "$(dirname "$0")" && pwd)/src/main/linux/LayerLab"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
image="$work/My Apps/LayerLab"
mkdir -p "$image/bin" "$image/lib/app" "$image/lib/runtime/bin"
cp "$launcher" "$image/bin/LayerLab"
printf '#!/bin/sh\nfor a in "$@"; do printf "%%s\\n" "$a"; done\n' > "$image/lib/runtime/bin/java"
chmod +x "$image/bin/LayerLab" "$image/lib/runtime/bin/java"
cat > "$image/lib/app/LayerLab.cfg" <<'CFG'
[Application]
app.mainclass=org.layerlab.app.Launcher
app.classpath=$APPDIR/layerlab-app.jar
app.classpath=$APPDIR/other.jar

[JavaOptions]
java-options=-Xmx4g
java-options=-XX:SharedArchiveFile=$APPDIR/layerlab.jsa
CFG
ln -s "$image/bin/LayerLab" "$work/layerlab-link"
got=$("$work/layerlab-link" "a file.layerlab" --smoke)
app="$image/lib/app"
want="-Xmx4g
-XX:SharedArchiveFile=$app/layerlab.jsa
-Djpackage.app-path=$image/bin/LayerLab
-cp
$app/layerlab-app.jar:$app/other.jar
org.layerlab.app.Launcher
a file.layerlab
--smoke"
if [ "$got" != "$want" ]; then
  echo "check-launcher: the launcher passed" >&2
  printf '%s\n' "$got" >&2
  echo "check-launcher: expected" >&2
  printf '%s\n' "$want" >&2
  exit 1
fi
# the splash image: only for a start that opens the window (no arguments, --smoke, one existing project)
touch "$app/splash.png" "$work/saved.layerlab"
expect_splash() { # yes or no, then the start's arguments
  local want=$1 got=no
  shift
  if "$image/bin/LayerLab" "$@" | grep -qx -- "-splash:$app/splash.png"; then got=yes; fi
  if [ "$got" != "$want" ]; then
    echo "check-launcher: splash for '$*': expected $want, got $got" >&2
    exit 1
  fi
}
expect_splash yes
expect_splash yes --smoke
expect_splash yes "$work/saved.layerlab"
expect_splash no "$work/missing.layerlab"
expect_splash no --version
expect_splash no train
expect_splash no --smoke x
rm "$app/splash.png"
expect_splash no # a missing image is not asked for
rm "$image/lib/app/LayerLab.cfg"
if msg=$("$image/bin/LayerLab" 2>&1); then
  echo "check-launcher: a missing LayerLab.cfg was not refused" >&2
  exit 1
fi
case "$msg" in
  *"LayerLab.cfg is missing"*) ;;
  *) echo "check-launcher: a missing cfg gave: $msg" >&2; exit 1 ;;
esac
echo "check-launcher: the launcher passes the cfg's options, class path and main class, and the arguments unsplit; the splash only to a start that opens the window"
