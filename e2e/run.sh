#!/usr/bin/env bash
# Run the Terratest tier: OpenTofu init (offline) / validate / fmt -check / plan on every
# module of every generated root, with assertions on the plan JSON. See e2e/README.md.
#
#   e2e/run.sh              run the tier; FAILS if the cached tools are missing
#   e2e/run.sh --build      build the tools first if they are missing (first build ~9-10 min)
#   e2e/run.sh -- -run TestFixtureRoot      extra arguments go to `go test`
#
# Environment: E2E_ROOTS (colon-separated generated roots; default: the golden roots),
# E2E_PROVIDER (auto|real|standin), E2E_ALLOW_MISSING_TOOLS=1 (skip loudly instead of failing
# when the tools are missing), E2E_BUILD_TOOLS=1 (same as --build), E2E_VERBOSE=1 (log every
# tofu command), BACKUP_CATALOGUE_TOOLS_CACHE (tools cache; default ~/.cache/backup-catalogue).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${E2E_BUILD_TOOLS:-0}
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=1; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done

if [ "$build" = 1 ]; then
  "$here/build-tools.sh"
fi

# Generated roots given relative to the caller's directory become absolute (the tests run in e2e/).
if [ -n "${E2E_ROOTS:-}" ]; then
  abs=()
  IFS=: read -r -a parts <<<"$E2E_ROOTS"
  for r in "${parts[@]}"; do
    [ -z "$r" ] && continue
    case "$r" in /*) abs+=("$r") ;; *) abs+=("$(cd "$r" && pwd)") ;; esac
  done
  E2E_ROOTS=$(IFS=:; echo "${abs[*]}")
  export E2E_ROOTS
fi

cd "$here"
start=$SECONDS
status=0
(cd standin-provider && go test -count=1 ./...) || status=$?
go test -count=1 -v "$@" ./... || status=$?
echo "e2e tier: $((SECONDS - start))s (exit $status)"
exit "$status"
