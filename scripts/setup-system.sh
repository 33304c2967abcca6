#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/system-packages.txt that are missing (checked by a
# binary on PATH, or by a file path when the second column starts with /). Idempotent and
# quick when everything is there. Runs from `npm ci` (prepare); needs root and apt-get, otherwise it
# says what is missing and leaves it (the features that need those tools then report an environment
# error with exit code 4, and their tests skip with the reason).
set -u
cd "$(dirname "$0")/.."
missing=()
while read -r pkg bin _; do
  [[ -z "${pkg:-}" || "$pkg" == \#* ]] && continue
  if [[ "$bin" == /* ]]; then [ -e "$bin" ] || missing+=("$pkg")   # a file the package provides
  else command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg"); fi
done < scripts/system-packages.txt
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "octobench setup: missing system packages (${missing[*]}); install them with apt-get as root" >&2
  exit 0
fi
echo "octobench setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || echo "octobench setup: could not install ${missing[*]}" >&2
fi
exit 0
