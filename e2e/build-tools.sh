#!/usr/bin/env bash
# Build the e2e tier's tools from the Go module proxy into a cache outside the repo:
#
#   $CACHE/tofu-<TOFU_VERSION>/tofu
#   $CACHE/aws-<AWS_PROVIDER_VERSION>/plugins/<host>/hashicorp/aws/<ver>/linux_amd64/terraform-provider-aws_v<ver>
#       the real hashicorp/aws provider (a filesystem mirror for `tofu init -plugin-dir=...`)
#   $CACHE/standin-aws-<AWS_PROVIDER_VERSION>-<hash>/plugins/<same layout>
#       the schema-only stand-in (standin-provider/), built when the real provider cannot be
#
# CACHE is ${BACKUP_CATALOGUE_TOOLS_CACHE:-$HOME/.cache/backup-catalogue}. Idempotent: whatever
# is already in the cache is kept, so a second run returns at once. See README.md for what
# works and what does not on a machine that reaches only package registries.
#
# Usage: e2e/build-tools.sh [--provider=auto|real|standin|none]
#   auto (default): try the real provider; if the Go module proxy will not serve it, say so
#                   loudly and build the stand-in instead.
#   real:           the real provider or fail.  standin: only the stand-in.  none: tofu only.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

provider_mode=auto
for arg in "$@"; do
  case "$arg" in
    --provider=*) provider_mode=${arg#--provider=} ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "build-tools.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
case "$provider_mode" in auto|real|standin|none) ;; *) echo "build-tools.sh: bad --provider=$provider_mode" >&2; exit 2 ;; esac

cache=${BACKUP_CATALOGUE_TOOLS_CACHE:-$HOME/.cache/backup-catalogue}
mkdir -p "$cache"
exec 9>"$cache/.build.lock"
flock 9

export CGO_ENABLED=0
export GOFLAGS="-mod=mod -buildvcs=false"
NICE="nice -n 19"
log() { echo "build-tools: $*" >&2; }
timed() { # timed NAME CMD...: run CMD, append wall time / peak RSS to $cache/build-times.log
  local name=$1; shift
  local tf; tf=$(mktemp)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M" -o "$tf" "$@"
  else
    local s=$SECONDS; "$@"; echo "$((SECONDS - s)) ?" >"$tf"
  fi
  read -r secs kb <"$tf" || true
  rm -f "$tf"
  echo "$(date -u +%FT%TZ) $name wall_s=$secs peak_rss_kb=$kb cores=$(nproc)" >>"$cache/build-times.log"
  log "$name: ${secs}s wall, peak RSS ${kb} KiB"
}

# download_module PATH@VERSION -> prints the module's source dir in the module cache
download_module() {
  local tmp out
  tmp=$(mktemp -d)
  out=$(cd "$tmp" && go mod download -json "$1" 2>&1) || true
  rm -rf "$tmp"
  local dir
  dir=$(printf '%s' "$out" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | sed -n 1p)
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    printf '%s\n' "$out" | sed -n 's/^[[:space:]]*"Error": //p' >&2
    return 1
  fi
  printf '%s\n' "$dir"
}

mirror_path() { # mirror_path ROOT -> the provider binary's path inside a -plugin-dir mirror
  echo "$1/registry.opentofu.org/hashicorp/aws/$AWS_PROVIDER_VERSION/linux_amd64/terraform-provider-aws_v$AWS_PROVIDER_VERSION"
}
link_terraform_registry() { # the same binary under registry.terraform.io, for terraform -plugin-dir
  local root=$1
  mkdir -p "$root/registry.terraform.io/hashicorp"
  ln -sfn ../../registry.opentofu.org/hashicorp/aws "$root/registry.terraform.io/hashicorp/aws"
}

# ---- OpenTofu ------------------------------------------------------------------------------
tofu_dir=$cache/tofu-$TOFU_VERSION
# (no `grep -q` / `head` on a pipe here: an early exit would SIGPIPE tofu and, with pipefail, fail)
if [ -x "$tofu_dir/tofu" ] && "$tofu_dir/tofu" version 2>/dev/null | grep "OpenTofu v$TOFU_VERSION" >/dev/null; then
  log "OpenTofu $TOFU_VERSION: cached ($tofu_dir/tofu)"
else
  log "OpenTofu $TOFU_VERSION: building from the Go module proxy (first build: ~8-9 min, ~1.7 GB peak RSS on 2 cores)"
  src=$(download_module "github.com/opentofu/opentofu@v$TOFU_VERSION") || { log "cannot download OpenTofu $TOFU_VERSION"; exit 1; }
  work=$(mktemp -d)
  cp -r "$src" "$work/opentofu" && chmod -R u+w "$work/opentofu"
  mkdir -p "$tofu_dir.tmp"
  (cd "$work/opentofu" && timed "tofu-$TOFU_VERSION" $NICE go build -trimpath \
      -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$tofu_dir.tmp/tofu" ./cmd/tofu)
  rm -rf "$work" "$tofu_dir"
  mv "$tofu_dir.tmp" "$tofu_dir"
  "$tofu_dir/tofu" version 2>/dev/null | sed -n 1p >&2
fi
[ "$provider_mode" = none ] && exit 0

# ---- hashicorp/aws (real) -----------------------------------------------------------------
real_root=$cache/aws-$AWS_PROVIDER_VERSION/plugins
real_bin=$(mirror_path "$real_root")
build_real() {
  if [ -x "$real_bin" ]; then log "hashicorp/aws $AWS_PROVIDER_VERSION: cached ($real_bin)"; return 0; fi
  # The provider's module path has no /v6 suffix, so a v6 tag is not a valid version of it for
  # the go command; a release commit's pseudo-version (v1.60.1-0.<date>-<commit>) would be, and
  # can be given in AWS_PROVIDER_MODULE_VERSION.
  local v src=""
  for v in ${AWS_PROVIDER_MODULE_VERSION:-} "v$AWS_PROVIDER_VERSION" "v$AWS_PROVIDER_VERSION+incompatible"; do
    log "hashicorp/aws: trying github.com/hashicorp/terraform-provider-aws@$v"
    if src=$(download_module "github.com/hashicorp/terraform-provider-aws@$v"); then break; fi
    src=""
  done
  if [ -z "$src" ]; then
    log "!!! the Go module proxy does not serve hashicorp/aws $AWS_PROVIDER_VERSION (errors above); see e2e/README.md"
    return 1
  fi
  local work; work=$(mktemp -d)
  cp -r "$src" "$work/aws" && chmod -R u+w "$work/aws"
  mkdir -p "$(dirname "$real_bin")"
  (cd "$work/aws" && timed "aws-$AWS_PROVIDER_VERSION" $NICE go build -trimpath \
      -ldflags "-s -w -X github.com/hashicorp/terraform-provider-aws/version.ProviderVersion=$AWS_PROVIDER_VERSION" \
      -o "$real_bin.tmp" .)
  rm -rf "$work"
  mv "$real_bin.tmp" "$real_bin"
  link_terraform_registry "$real_root"
}

# ---- stand-in (schema-only) -----------------------------------------------------------------
standin_hash=$(cd "$here/standin-provider" && cat $(cat sources.txt) | sha256sum | cut -c1-12)
standin_root=$cache/standin-aws-$AWS_PROVIDER_VERSION-$standin_hash/plugins
standin_bin=$(mirror_path "$standin_root")
build_standin() {
  if [ -x "$standin_bin" ]; then log "stand-in for hashicorp/aws $AWS_PROVIDER_VERSION: cached ($standin_bin)"; return 0; fi
  log "building the schema-only STAND-IN for hashicorp/aws $AWS_PROVIDER_VERSION (not the real provider)"
  mkdir -p "$(dirname "$standin_bin")"
  (cd "$here/standin-provider" && timed "standin-aws-$AWS_PROVIDER_VERSION-$standin_hash" $NICE go build -trimpath \
      -o "$standin_bin.tmp" .)
  mv "$standin_bin.tmp" "$standin_bin"
  link_terraform_registry "$standin_root"
}

case "$provider_mode" in
  real) build_real ;;
  standin) build_standin ;;
  auto)
    if ! build_real; then
      log "!!! falling back to the schema-only stand-in provider; the tier will say so on every run"
      build_standin
    fi ;;
esac
log "tools cache: $cache"
