#!/usr/bin/env bash
# Renders a tempguard report page in headless Chromium and checks that the rendered page shows each given
# text (test names, for instance), and that nothing on it overflows horizontally at 1,280 px and at a phone's
# 390 px, every class expanded.
# Usage: scripts/check-report-page.sh [--screenshots DIR/NAME] PAGE TEXT...
# --screenshots also writes DIR/NAME-1280.png and DIR/NAME-390.png of the whole page, classes folded.
# Exits 0 with a note when Chromium is missing (install Debian's chromium package), 1 when a text is missing
# or the page overflows.
set -euo pipefail
shots=
if [[ ${1:-} == --screenshots ]]; then shots=$2; shift 2; fi
page=$1; shift
chromium=${CHROMIUM:-/usr/bin/chromium}
measure="$(dirname "$0")/../tempguard-junit/src/test/resources/report-page-measure.js"
if [[ ! -x $chromium ]]; then
  echo "check-report-page: no $chromium, page not checked (apt-get install -y chromium)"
  exit 0
fi
[[ -f $page ]] || { echo "check-report-page: no report page at $page" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
  rm -rf "$work/profile"
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$work/profile" \
    --hide-scrollbars "$@" 2>/dev/null
}
# the page in a frame of WIDTH x HEIGHT (a headless window is 500 px wide at least, a frame can be narrower),
# with SCRIPT added at its end
framed() {
  local width=$1 height=$2 script=$3
  {
    printf '<!DOCTYPE html>\n<html><head><style>body { margin: 0; } iframe { border: 0; display: block; }'
    printf '</style></head><body><iframe width="%s" height="%s" srcdoc="' "$width" "$height"
    { sed -e 's#</body>##' -e 's#</html>##' "$page"; [[ -n $script ]] && { echo '<script>'; cat "$script"; echo '</script>'; }
      echo '</body></html>'; } | sed -e 's/&/\&amp;/g' -e 's/"/\&quot;/g'
    printf '"></iframe></body></html>\n'
  } >"$work/framed.html"
}
attribute() { grep -o " $1=\"[^\"]*\"" <<<"$2" | head -1 | sed -e 's/^[^"]*"//' -e 's/"$//'; }

dom=$(run --dump-dom "file://$(realpath "$page")")
rows=$(grep -o '<tr' <<<"$dom" | wc -l)
failed=0
for text in "$@"; do
  if ! grep -qF -- "$text" <<<"$dom"; then
    echo "check-report-page: $page does not show '$text'" >&2
    failed=1
  fi
done
for width in 1280 390; do
  framed "$width" 900 "$measure"
  measured=$(run --window-size="$width,900" --dump-dom "file://$work/framed.html")
  overflow=$(attribute data-overflow "$measured")
  if [[ $(attribute data-window "$measured") != "$width" || $overflow != 0 ]]; then
    echo "check-report-page: $page overflows by ${overflow:-?} px at $width px: $(attribute data-wide "$measured")" >&2
    failed=1
  fi
  if [[ -n $shots ]]; then
    height=$(attribute data-height "$measured")
    ((height > 6000)) && height=6000
    framed "$width" "$height" ""
    mkdir -p "$(dirname "$shots")"
    run --window-size="$width,$height" --screenshot="$shots-$width.png" "file://$work/framed.html" >/dev/null
    echo "check-report-page: screenshot $shots-$width.png"
  fi
done
((failed == 0)) && echo "check-report-page: $page renders $rows table rows, no overflow at 1280 and 390 px, and shows: $*"
exit $failed
