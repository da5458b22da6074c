#!/usr/bin/env bash
# Rebuilds the shipped diagnosis records (src/main/resources/.../diagnosis/wdbc.csv) from Debian's python3-sklearn
# package: the Wisconsin Diagnostic Breast Cancer records (569 patients, 30 features) that scikit-learn ships as
# sklearn/datasets/data/breast_cancer.csv. Downloads the .deb with apt (no root needed), checks the SHA-256 of the CSV
# inside it, and rewrites it with named columns and the class spelled out. Deterministic: the same package gives the
# same bytes, and the output's SHA-256 is checked too.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$HERE/src/main/resources/ai/based/fhe/zkllm/diagnosis"
OUT="$DIR/wdbc.csv"
# python3-sklearn 1.2.1+dfsg-1 (Debian bookworm); the CSV is byte-identical to scikit-learn 1.2.1's
SOURCE_SHA256=fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed
OUT_SHA256=$(cat "$DIR/wdbc.csv.sha256" 2>/dev/null | cut -d' ' -f1 || true)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
apt-get download python3-sklearn >/dev/null
dpkg-deb -x python3-sklearn_*.deb root
CSV=root/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv
echo "$SOURCE_SHA256  $CSV" | sha256sum -c --quiet - || { echo "the CSV in $(ls python3-sklearn_*.deb) is not the one this script knows" >&2; exit 1; }
# scikit-learn's first line is "569,30,malignant,benign" (count, features, class names); its class column is 0 for
# malignant and 1 for benign. The feature order is scikit-learn's: ten measurements' means, standard errors, worsts.
{
  printf '%s' radius_mean,texture_mean,perimeter_mean,area_mean,smoothness_mean,compactness_mean,concavity_mean
  printf '%s' ,concave_points_mean,symmetry_mean,fractal_dimension_mean,radius_se,texture_se,perimeter_se,area_se
  printf '%s' ,smoothness_se,compactness_se,concavity_se,concave_points_se,symmetry_se,fractal_dimension_se
  printf '%s' ,radius_worst,texture_worst,perimeter_worst,area_worst,smoothness_worst,compactness_worst,concavity_worst
  printf '%s\n' ,concave_points_worst,symmetry_worst,fractal_dimension_worst,diagnosis
  awk -F, 'NR == 1 { if ($1 != 569 || $2 != 30 || $3 != "malignant" || $4 != "benign") exit 1; next }
           { if (NF != 31) exit 1; $31 = ($31 == 0 ? "malignant" : ($31 == 1 ? "benign" : "?")); print }' OFS=, "$CSV"
} > wdbc.csv
[ "$(grep -c . wdbc.csv)" = 570 ] || { echo "expected 569 records and a header" >&2; exit 1; }
if [ -n "$OUT_SHA256" ] && ! echo "$OUT_SHA256  wdbc.csv" | sha256sum -c --quiet -; then
  echo "the rebuilt records differ from the shipped ones (wdbc.csv.sha256)" >&2; exit 1
fi
cp wdbc.csv "$OUT"
sha256sum wdbc.csv > "$DIR/wdbc.csv.sha256"
echo "wrote $OUT ($(($(wc -l < "$OUT") - 1)) records, sha256 $(cut -d' ' -f1 "$DIR/wdbc.csv.sha256"))"
