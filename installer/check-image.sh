#!/usr/bin/env bash
# Fails when an app image carries native code for another operating system or CPU: loose native
# files of other systems, other platforms' classifier jars, or native entries inside jars that sit
# under a platform folder other than linux-x86-64 (JavaFX's Linux jar keeps its .so files at the root).
# (ND4J's oneDNN build keeps its natives under linux-x86_64-onednn/.)
# Usage: installer/check-image.sh installer/target/LayerLab
set -e
image=${1:?app image folder}
natives='\.(so(\.[0-9]+)*|dll|dylib|jnilib|a)$'
bad=$(find "$image" \( -iname '*.dll' -o -iname '*.dylib' -o -iname '*.jnilib' -o -iname '*.exe' \
  -o -iname '*-windows-*.jar' -o -iname '*-macosx-*.jar' -o -iname '*-android-*.jar' -o -iname '*-ios-*.jar' \
  -o -iname '*-linux-arm64*.jar' -o -iname '*-linux-ppc64le*.jar' -o -iname '*-linux-armhf*.jar' \
  -o -iname '*-win.jar' -o -iname '*-mac.jar' -o -iname '*-mac-aarch64.jar' \) -print)
while IFS= read -r jar; do
  hit=$(unzip -Z1 "$jar" 2>/dev/null | grep -E "$natives" | grep '/' | grep -v -E 'linux-x86[-_]64(-onednn)?/' | head -n 1 || true)
  if [ -n "$hit" ]; then bad="$bad
$jar contains $hit"; fi
done < <(find "$image" -name '*.jar')
if [ -n "$bad" ]; then
  echo "check-image: native code for other platforms in $image:$bad" >&2
  exit 1
fi
echo "check-image: $image has natives for linux-x86-64 only"
