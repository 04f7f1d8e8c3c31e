#!/usr/bin/env bash
# Runs layerlab-cluster-spark.jar the way spark-submit does: Spark's and Scala's jars beside it (a
# Spark installation brings them), the master in the spark.master property, no --spark option.
# CI runs this after the build; it trains the XOR sample for 3 epochs on local[2] and saves a model.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
"$here/../layerlab" new --sample xor "$work/xor.layerlab" >/dev/null
scala="$(ls "$target"/lib/scala-library-*.jar "$target"/lib/scala-reflect-*.jar | tr '\n' ':')"
# shellcheck disable=SC2086
java $opens -Dspark.master='local[2]' -cp "$target/layerlab-cluster-spark.jar:$scala$target/spark-lib/*" \
  org.layerlab.cluster.ClusterCli train "$work/xor.layerlab" --epochs 3 --save "$work/xor.zip" 2> "$work/err.txt" | tee "$work/out.txt"
grep -q "^epoch 3:" "$work/out.txt" && [ -s "$work/xor.zip" ] || { cat "$work/err.txt" >&2; echo "submit-check: failed" >&2; exit 1; }
echo "submit-check: ok (layerlab-cluster-spark.jar trained and saved a model as spark-submit runs it)"
