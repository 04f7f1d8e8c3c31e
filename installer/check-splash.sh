#!/usr/bin/env bash
# Runs the app image's --smoke and times its windows as the X server sees them (xev on the root window,
# nothing asked of the app): when the splash image appears, when the main window appears, when the splash
# goes. Fails when the smoke fails, when no splash appears before the window, or when the splash stays
# on top of the window for more than 3 s (the window closes it once its first frame is laid out).
# Usage, inside an X display (CI: under xvfb-run): installer/check-splash.sh installer/target/LayerLab
set -euo pipefail
image=${1:?app image folder}
# the splash window is told apart by its size, the image's own (a PNG's width and height: bytes 16–23, big-endian)
splash_size=none # no image: the check below says no splash appeared
if [ -r "$image/lib/app/splash.png" ]; then
  read -r w3 w2 w1 w0 h3 h2 h1 h0 < <(od -An -tu1 -j16 -N8 "$image/lib/app/splash.png")
  splash_size="$(( (w3 << 24) | (w2 << 16) | (w1 << 8) | w0 ))x$(( (h3 << 24) | (h2 << 16) | (h1 << 8) | h0 ))"
fi
events=$(mktemp)
pidfile=$(mktemp)
# xev is stopped and the files go however this script ends
trap 'kill "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null || true; rm -f "$events" "$pidfile"' EXIT
# each event's first line carries its name, the next the window's id; stamp both with the reader's clock
{ stdbuf -oL xev -root -event substructure -event property 2>/dev/null & echo $! > "$pidfile"; wait; } | while IFS= read -r line; do
  case "$line" in
    PropertyNotify*) echo "0 ready" ;;
    CreateNotify*|MapNotify*|UnmapNotify*) kind=${line%% *}; stamp=$EPOCHREALTIME ;;
    *"window 0x"*)
      if [ -n "${kind:-}" ]; then
        id=${line#*window }; id=${id%%,*}
        size=""
        [ "$kind" = CreateNotify ] && size=$(printf '%s' "$line" | sed -n 's/.*width \([0-9]*\), height \([0-9]*\).*/\1x\2/p')
        echo "$stamp $kind $id $size"
        kind=""
      fi ;;
  esac
done > "$events" &
watcher=$!
# xev listens once a property change on the root window reaches it (on a busy machine that takes a while)
for _ in $(seq 100); do
  xprop -root -f _LAYERLAB_CHECK 8s -set _LAYERLAB_CHECK ready 2>/dev/null || true
  grep -q ready "$events" && break
  sleep 0.1
done
grep -q ready "$events" || { echo "check-splash: xev did not start listening within 10 s" >&2; exit 1; }
start=$EPOCHREALTIME
status=0
"$image/bin/LayerLab" --smoke || status=$?
sleep 0.1
kill "$(cat "$pidfile")" 2>/dev/null || true
wait "$watcher" 2>/dev/null || true

ms() { awk -v a="$start" -v b="$1" 'BEGIN { printf "%d", (b - a) * 1000 }'; }
splash="" splash_at="" splash_gone="" window_at=""
while read -r stamp kind id size; do
  case "$kind" in
    CreateNotify) [ -z "$splash" ] && [ "$size" = "$splash_size" ] && splash=$id ;;
    MapNotify)
      if [ "$id" = "$splash" ]; then splash_at=$(ms "$stamp")
      elif [ -z "$window_at" ]; then window_at=$(ms "$stamp"); fi ;;
    UnmapNotify) [ "$id" = "$splash" ] && [ -z "$splash_gone" ] && splash_gone=$(ms "$stamp") ;;
  esac
done < "$events"
echo "check-splash: splash shown at ${splash_at:-never} ms, the window at ${window_at:-never} ms, splash gone at ${splash_gone:-never} ms (from the launcher's start, as the X server saw them)"
[ "$status" -eq 0 ] || { echo "check-splash: the smoke failed ($status)" >&2; exit "$status"; }
if [ -z "$splash_at" ] || [ -z "$window_at" ] || [ "$splash_at" -gt "$window_at" ]; then
  echo "check-splash: no splash image appeared before the window" >&2; exit 1
fi
if [ -z "$splash_gone" ] || [ "$splash_gone" -lt "$window_at" ] || [ "$splash_gone" -gt $((window_at + 3000)) ]; then
  echo "check-splash: the splash did not go within 3 s of the window's appearing" >&2; exit 1
fi
