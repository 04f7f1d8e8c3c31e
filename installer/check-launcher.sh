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
splash_for() {
  if "$image/bin/LayerLab" "$@" | grep -qx -- "-splash:$app/splash.png"; then echo yes; else echo no; fi
}
for case in "yes:" "yes:--smoke" "yes:$work/saved.layerlab" "no:$work/missing.layerlab" "no:--version" "no:train" "no:--smoke x"; do
  want=${case%%:*} arg=${case#*:}
  if [ -z "$arg" ]; then got=$(splash_for); elif [ "$arg" = "--smoke x" ]; then got=$(splash_for --smoke x); else got=$(splash_for "$arg"); fi
  if [ "$got" != "$want" ]; then
    echo "check-launcher: splash for '${arg}': expected $want, got $got" >&2
    exit 1
  fi
done
rm "$app/splash.png"
if [ "$(splash_for)" != no ]; then
  echo "check-launcher: a missing splash image was still asked for" >&2
  exit 1
fi
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
