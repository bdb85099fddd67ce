// Check 9: tflint with its bundled Terraform ruleset (no plugin download), over every module of
// a root. tflint is built from the Go module proxy by verify/setup.sh into the tools cache
// (version in verify/versions.env); its configuration is verify/tflint.hcl.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VERIFY_DIR = path.resolve(HERE, "..");
export const TFLINT_CONFIG = path.join(VERIFY_DIR, "tflint.hcl");
export const TFLINT_EXCEPTIONS = path.join(VERIFY_DIR, "tflint-exceptions.json");

export function tflintVersion() {
  const env = fs.readFileSync(path.join(VERIFY_DIR, "versions.env"), "utf8");
  return env.match(/^TFLINT_VERSION=(\S+)$/m)?.[1];
}

export function tflintBinary() {
  if (process.env.VERIFY_TFLINT) return path.resolve(process.env.VERIFY_TFLINT);
  const cache = process.env.BACKUP_CATALOGUE_TOOLS_CACHE || path.join(os.homedir(), ".cache", "backup-catalogue");
  return path.join(cache, `tflint-${tflintVersion()}`, "tflint");
}

/** Loads and validates tflint-exceptions.json: [{rule, message_contains?, reason}]. */
export function loadTflintExceptions(file = TFLINT_EXCEPTIONS) {
  if (!fs.existsSync(file)) return { exceptions: [], problems: [] };
  const rel = path.relative(process.cwd(), file);
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return { exceptions: [], problems: [{ file: rel, line: 1, col: 1, message: `not valid JSON: ${e.message}` }] };
  }
  const list = Array.isArray(data.exceptions) ? data.exceptions : [];
  const problems = [];
  list.forEach((x, k) => {
    if (typeof x.rule !== "string") problems.push({ file: rel, line: 1, col: 1, message: `exceptions[${k}] needs a "rule"` });
    if (typeof x.reason !== "string" || x.reason.trim().length < 20) problems.push({ file: rel, line: 1, col: 1, message: `exceptions[${k}] (${x.rule}) needs a "reason" that justifies it (at least a sentence)` });
  });
  return { exceptions: list, problems };
}

/**
 * Runs tflint on one module directory. Returns { error } or { issues: [{file, line, col, rule, severity, message, link}] }.
 */
export function runTflint(dir) {
  const bin = tflintBinary();
  if (!fs.existsSync(bin)) return { error: `not run: tflint ${tflintVersion()} is not built (${bin}): run verify/setup.sh` };
  const r = spawnSync(bin, [`--chdir=${dir}`, `--config=${TFLINT_CONFIG}`, "--format=json", "--no-color"], {
    encoding: "utf8",
    env: { ...process.env, TFLINT_LOG: "" },
    maxBuffer: 64 * 1024 * 1024,
  });
  let out;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    return { error: `tflint exited ${r.status} without a report: ${(r.stderr || r.stdout || "").trim().split("\n").slice(-3).join(" | ")}` };
  }
  if (out.errors?.length) return { error: `tflint errors: ${out.errors.map((e) => e.message).join(" | ")}` };
  const issues = (out.issues ?? []).map((i) => ({
    // tflint reports file names relative to its own working directory (ours), not --chdir
    file: path.relative(process.cwd(), path.resolve(i.range?.filename ?? dir)),
    line: i.range?.start?.line ?? 1,
    col: i.range?.start?.column ?? 1,
    rule: i.rule?.name,
    severity: i.rule?.severity,
    message: i.message,
    link: i.rule?.link,
  }));
  return { issues };
}
