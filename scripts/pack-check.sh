#!/usr/bin/env bash
# Proves the npm package works the way users get it: `npm pack` (which runs the `prepare`
# build), install the tarball into an empty folder, then run the installed binary with
# npx, with and without a config file (zod is loaded only for one). Catches a `files` list
# that forgets something, a missing shebang, a dependency declared as a devDependency, and
# a --version that disagrees with package.json. The empty folder must have no node_modules
# above it: one there would lend the package what it lacks.
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

# A temp folder with no node_modules in it or above it.
isolated() {
  local dir="$1"
  while [ "$dir" != "/" ] && [ -n "$dir" ]; do
    [ -e "$dir/node_modules" ] && return 1
    dir="$(dirname "$dir")"
  done
  return 0
}
work=""
for base in "${TMPDIR:-/tmp}" /var/tmp /dev/shm; do
  if [ -d "$base" ] && isolated "$base"; then work="$(mktemp -d "$base/truly-open-pack.XXXXXX")" && break; fi
done
if [ -z "$work" ]; then
  echo "pack-check: 0 passed, 1 failed"
  echo "  FAIL  every temp folder has a node_modules above it; remove it so the install is tested alone"
  exit 1
fi
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
if grep -qx 'package/lib/bundle/main.js' <<<"$contents"; then pass "tarball has the bundled CLI (lib/bundle/main.js)"; else fail "tarball lacks lib/bundle/main.js (did the prepare build run?)"; fi
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

# A config file loads the config parser (zod): a run without one never imports it.
configured="$work/configured"
cp -R "$fixture" "$configured"
mkdir -p "$configured/.github"
printf 'require: restricted-weights\nignore: ["*.tmp"]\n' >"$configured/.github/truly-open.yml"
(cd "$app" && npx --no-install truly-open check "$configured" --format json --offline) >"$work/configured.json" 2>"$work/configured.err"
code=$?
if [ "$code" -eq 0 ] || [ "$code" -eq 1 ]; then
  pass "npx truly-open check with a config file exits $code (not 2)"
else
  fail "npx truly-open check with a config file exited $code" "$(tail -n 10 "$work/configured.err")"
fi

finish
