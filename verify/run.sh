#!/usr/bin/env bash
# The verification tier: checks every generated Terraform module.
#   verify/run.sh [--only CHECKS] [--skip CHECKS] [--no-tools] [ROOT...]
# Default ROOTs: every generator-core/src/test/resources/golden/*/ of the repository.
# Installs its tools first (verify/setup.sh; quick when already installed) unless VERIFY_NO_SETUP=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "${VERIFY_NO_SETUP:-0}" != 1 ]; then
  "$here/setup.sh"
fi
exec node "$here/bin/verify.mjs" "$@"
