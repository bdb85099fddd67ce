#!/usr/bin/env bash
# Installs what the verify tier needs, from this directory's own files:
#   - npm packages pinned in package-lock.json (npm ci) -> verify/node_modules
#   - Python tools pinned in requirements.txt + constraints.txt -> verify/.venv
#   - hclread (hclread/: HashiCorp's HCL parser, Go modules pinned in go.mod/go.sum, from the
#     Go module proxy) -> $CACHE/hclread-<hash of its sources>/hclread
#   - tflint (version pinned in versions.env, from the Go module proxy) -> $CACHE/tflint-<version>/tflint
# CACHE is ${BACKUP_CATALOGUE_TOOLS_CACHE:-$HOME/.cache/backup-catalogue}, shared with e2e/.
# Idempotent: does nothing when everything is already installed from the current lock files.
set -euo pipefail
cd "$(dirname "$0")"

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "verify/setup.sh: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# The compliance report's browser test (test/report.test.mjs) needs a headless Chromium: Debian's.
if ! command -v chromium-headless-shell >/dev/null && ! command -v chromium >/dev/null; then
  echo "verify/setup.sh: installing Debian's chromium-headless-shell (apt-get)" >&2
  if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium-headless-shell fonts-dejavu-core >&2
fi

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.verify-lock.sha256 2>/dev/null)" != "$lock_sum" ]; then
  echo "verify/setup.sh: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_sum" > node_modules/.verify-lock.sha256
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
  echo "verify/setup.sh: Python 3.9 or newer is required as \$PYTHON or python3" >&2
  exit 1
fi
req_sum=$(cat requirements.txt constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv/.verify-requirements.sha256 2>/dev/null)" != "$req_sum" ] || [ ! -x .venv/bin/checkov ]; then
  echo "verify/setup.sh: creating .venv from requirements.txt" >&2
  rm -rf .venv
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt >&2
  echo "$req_sum" > .venv/.verify-requirements.sha256
fi

# ---- Go tools (cached outside the repository, like e2e/build-tools.sh) ----------------------
if ! command -v go >/dev/null; then
  echo "verify/setup.sh: the Go toolchain is required (go.mod in hclread/ names the version)" >&2
  exit 1
fi
cache=${BACKUP_CATALOGUE_TOOLS_CACHE:-$HOME/.cache/backup-catalogue}
mkdir -p "$cache"
hclread_hash=$(cd hclread && cat go.mod go.sum main.go | sha256sum | cut -c1-12)
hclread_bin=$cache/hclread-$hclread_hash/hclread
if [ ! -x "$hclread_bin" ]; then
  echo "verify/setup.sh: building hclread (HashiCorp's HCL parser) into $hclread_bin" >&2
  mkdir -p "$(dirname "$hclread_bin")"
  (cd hclread && CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" nice -n 19 go build -trimpath -o "$hclread_bin.tmp" .)
  mv "$hclread_bin.tmp" "$hclread_bin"
fi

# shellcheck source=versions.env
. ./versions.env
tflint_bin=$cache/tflint-$TFLINT_VERSION/tflint
if ! { [ -x "$tflint_bin" ] && "$tflint_bin" --version 2>/dev/null | grep "TFLint version $TFLINT_VERSION" >/dev/null; }; then
  echo "verify/setup.sh: building tflint $TFLINT_VERSION from the Go module proxy into $tflint_bin (first build: a few minutes)" >&2
  rm -rf "$cache/tflint-$TFLINT_VERSION.tmp"
  mkdir -p "$cache/tflint-$TFLINT_VERSION.tmp"
  # go install of a version builds with the module's own go.mod and go.sum (checked against the
  # Go checksum database): the dependency versions are tflint's release pins
  GOBIN=$cache/tflint-$TFLINT_VERSION.tmp CGO_ENABLED=0 GOFLAGS=-buildvcs=false nice -n 19 \
    go install -trimpath -ldflags "-s -w" "github.com/terraform-linters/tflint@v$TFLINT_VERSION"
  rm -rf "$cache/tflint-$TFLINT_VERSION"
  mv "$cache/tflint-$TFLINT_VERSION.tmp" "$cache/tflint-$TFLINT_VERSION"
fi
