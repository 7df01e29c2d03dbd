#!/usr/bin/env bash
# A newcomer's run from a fresh clone, as CI does it: clone, the README's `npm install`, then the
# scripted newcomer test inside that clone (the console's first screen, --help of every command, a
# backup and restore with the ledger, `cli status` on the running bot). Run: bash scripts/newcomer.sh
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$src" "$work/zwgk-bot"
cd "$work/zwgk-bot"
# The README's command; the npm cache of earlier installs makes it quick.
npm install --prefer-offline --no-audit --no-fund
npx vitest run test/newcomer-run.test.ts
