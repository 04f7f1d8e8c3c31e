#!/usr/bin/env bash
# Class-data sharing (AppCDS) for the app image: the classes a start-up loads — the smoke run's list —
# archived by the image's own JVM and named in its launcher's options, so a start maps them instead of
# loading and verifying them one by one (first window 1.8 s → 1.2 s here). JDK 17 ties an archive to
# the folder it was made in: a copied image or the .rpm starts without it, as before; the .deb's
# postinst makes its own from the class list kept here (installer/src/main/deb).
# Skipped, with a line saying so, where there is no display and no xvfb-run.
# Usage: installer/make-cds.sh installer/target/LayerLab
set -e
image=${1:?app image folder}
cfg="$image/lib/app/LayerLab.cfg"
jsa="$image/lib/app/layerlab.jsa"
list="$(mktemp)"
home="$(mktemp -d)"
trap 'rm -rf "$list" "$home"' EXIT
run=()
if [ -z "${DISPLAY:-}" ]; then
  if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "make-cds: no display and no xvfb-run: the image starts without a class-data archive"
    exit 0
  fi
  run=(xvfb-run -a -s "-screen 0 1280x860x24")
fi
if ! LAYERLAB_HOME="$home" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$list" "${run[@]}" "$image/bin/LayerLab" --smoke >/dev/null 2>&1; then
  echo "make-cds: the class-list run failed: the image starts without a class-data archive"
  exit 0
fi
# -Xshare:dump makes the launcher's JVM write the archive and exit
if ! JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$list -XX:SharedArchiveFile=$jsa" "$image/bin/LayerLab" >/dev/null 2>&1 \
    || [ ! -s "$jsa" ]; then
  rm -f "$jsa"
  echo "make-cds: the archive could not be written: the image starts without one"
  exit 0
fi
# [JavaOptions] is the launcher file's last section
grep -q 'SharedArchiveFile' "$cfg" || printf 'java-options=-XX:SharedArchiveFile=$APPDIR/layerlab.jsa\n' >> "$cfg"
# the list stays beside the archive: the .deb carries it and archives at the installed location
cp "$list" "$image/lib/app/layerlab.classlist"
echo "make-cds: $(wc -l < "$list") classes archived in $jsa ($(du -h "$jsa" | cut -f1))"
