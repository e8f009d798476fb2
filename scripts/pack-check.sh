#!/usr/bin/env bash
# Proves the npm package works the way users get it: `npm pack` (which runs the prepack
# build), install the tarball into an empty folder, then run the installed binary with
# npx. Catches a `files` list that forgets something, a missing shebang, a dependency
# declared as a devDependency, and a --version that disagrees with package.json.
#
#   bash scripts/pack-check.sh          (from anywhere; takes about a minute)
#
# Dependencies come from the npm cache when they are there (--prefer-offline).
# Exits 0 with a "skipped" line when npm is not available, 1 on any failed check.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixture="$root/test/fixtures/repos/action-open-weights"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "pack-check: skipped: npm or node is not on PATH"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/truly-open-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { echo "  ok    $1"; passed=$((passed + 1)); }
fail() { echo "  FAIL  $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/        /'; failed=$((failed + 1)); }
finish() {
  echo "pack-check: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

echo "pack-check: npm pack"
if ! tarball_name="$(cd "$root" && npm pack --silent --pack-destination "$work" 2>"$work/pack.err" | tail -n 1)"; then
  fail "npm pack" "$(tail -n 20 "$work/pack.err")"
  finish
fi
tarball="$work/$tarball_name"
if [ -f "$tarball" ]; then pass "npm pack produced $tarball_name"; else fail "npm pack produced no tarball" "$(tail -n 20 "$work/pack.err")"; finish; fi

contents="$(tar -tzf "$tarball")"
for wanted in package/package.json package/LICENSE package/README.md package/bin/truly-open.js; do
  if grep -qx "$wanted" <<<"$contents"; then pass "tarball has ${wanted#package/}"; else fail "tarball lacks ${wanted#package/}"; fi
done
if grep -q '^package/lib/cli/' <<<"$contents"; then pass "tarball has the built CLI (lib/cli/)"; else fail "tarball lacks lib/cli/ (did prepack build?)"; fi
unwanted="$(grep -E '^package/(test|src|bench|\.github|\.ci|dist|coverage)/|\.test\.(js|ts|d\.ts)$|/fixtures/' <<<"$contents" || true)"
if [ -z "$unwanted" ]; then pass "tarball holds no tests, fixtures or sources"; else fail "tarball holds files users do not need" "$(head -n 10 <<<"$unwanted")"; fi

echo "pack-check: install into an empty folder"
app="$work/app"
mkdir -p "$app"
if (cd "$app" && npm install --no-audit --no-fund --prefer-offline --no-save "$tarball") >"$work/install.log" 2>&1; then
  pass "npm install of the tarball"
else
  fail "npm install of the tarball" "$(tail -n 20 "$work/install.log")"
  finish
fi

expected="$(node -p "require('$root/package.json').version")"
got="$(cd "$app" && npx --no-install truly-open --version 2>"$work/version.err")"
if [ "$(tr -d '[:space:]' <<<"$got" | sed 's/^truly-open//; s/^v//')" = "$expected" ]; then
  pass "npx truly-open --version prints $expected"
else
  fail "npx truly-open --version: expected $expected, got '$got'" "$(tail -n 5 "$work/version.err")"
fi

(cd "$app" && npx --no-install truly-open check "$fixture" --format json --offline) >"$work/report.json" 2>"$work/check.err"
code=$?
if [ "$code" -eq 0 ]; then pass "npx truly-open check <fixture> exits 0"; else fail "npx truly-open check <fixture> exited $code" "$(tail -n 10 "$work/check.err")"; fi
if summary="$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (r.schemaVersion !== 1) throw new Error("schemaVersion " + r.schemaVersion);
  if (r.tool.version !== process.argv[2]) throw new Error("tool.version " + r.tool.version);
  if (!Array.isArray(r.models) || r.models.length === 0) throw new Error("no models");
  console.log(r.models.map((m) => m.path + ": " + m.ladder.level).join(", "));
' "$work/report.json" "$expected" 2>&1)"; then
  pass "the JSON report parses (${summary})"
else
  fail "the JSON report" "$summary"$'\n'"$(head -c 400 "$work/report.json")"
fi

finish
