#!/usr/bin/env bash
# Renders a tempguard report page in headless Chromium and checks that the rendered page shows each given
# text (test names, for instance). Usage: scripts/check-report-page.sh PAGE TEXT...
# Exits 0 with a note when Chromium is missing (install Debian's chromium package), 1 when a text is missing.
set -euo pipefail
page=$1; shift
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
  echo "check-report-page: no $chromium, page not checked (apt-get install -y chromium)"
  exit 0
fi
[[ -f $page ]] || { echo "check-report-page: no report page at $page" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
dom=$("$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
  --dump-dom "file://$(realpath "$page")" 2>/dev/null)
rows=$(grep -o '<tr' <<<"$dom" | wc -l)
missing=0
for text in "$@"; do
  if ! grep -qF -- "$text" <<<"$dom"; then
    echo "check-report-page: $page does not show '$text'" >&2
    missing=1
  fi
done
((missing == 0)) && echo "check-report-page: $page renders $rows table rows and shows: $*"
exit $missing
