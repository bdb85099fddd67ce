// Check 5: the security scanners from PyPI, run from the tier's virtualenv (verify/.venv,
// created by verify/setup.sh from verify/requirements.txt).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const VERIFY_DIR = path.resolve(HERE, "..");
const VENV = process.env.VERIFY_VENV ? path.resolve(process.env.VERIFY_VENV) : path.join(VERIFY_DIR, ".venv");
export const EXCEPTIONS_FILE = path.join(VERIFY_DIR, "parliament-exceptions.json");

const bin = (name) => path.join(VENV, "bin", name);

export function toolsAvailable() {
  const missing = [];
  if (!fs.existsSync(bin("checkov"))) missing.push("checkov");
  if (!fs.existsSync(bin("python"))) missing.push("python");
  else if (spawnSync(bin("python"), ["-c", "import parliament"]).status !== 0) missing.push("parliament");
  return missing.length ? `missing in ${path.relative(process.cwd(), VENV) || VENV}: ${missing.join(", ")} (run verify/setup.sh)` : null;
}

const SEVERITIES = ["MUTE", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"];
export const failsAt = (sev) => SEVERITIES.indexOf(sev) > SEVERITIES.indexOf("LOW") || SEVERITIES.indexOf(sev) < 0;

/** Starts one checkov process over directories; resolves to { results, error }. */
export function startCheckov(dirs) {
  return new Promise((resolve) => {
    const args = [...dirs.flatMap((d) => ["-d", d]), "--framework", "terraform", "-o", "json", "--skip-download", "--download-external-modules", "false"];
    const child = spawn(bin("checkov"), args, {
      env: { ...process.env, LOG_LEVEL: "ERROR", BC_SKIP_MAPPING: "TRUE" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      // checkov exits 1 when checks fail; anything else without JSON is an error
      let parsed;
      try {
        parsed = out.trim() ? JSON.parse(out) : null;
      } catch {
        parsed = null;
      }
      if (!parsed) {
        resolve({ error: `checkov exited ${code} without a report: ${(err || out).trim().split("\n").slice(-5).join(" | ")}` });
        return;
      }
      const reports = Array.isArray(parsed) ? parsed : [parsed];
      const results = { passed: [], failed: [], skipped: [], parsing_errors: [] };
      for (const r of reports) {
        if (r.check_type && r.check_type !== "terraform") continue;
        // an empty directory yields a summary without results
        results.passed.push(...(r.results?.passed_checks ?? []));
        results.failed.push(...(r.results?.failed_checks ?? []));
        results.skipped.push(...(r.results?.skipped_checks ?? []));
        results.parsing_errors.push(...(r.results?.parsing_errors ?? []));
      }
      resolve({ results, version: reports[0]?.summary?.checkov_version });
    });
  });
}

/** The absolute path of the file a checkov result is about. */
export function checkovFile(c) {
  return path.resolve(c.file_abs_path ?? c.file_path ?? "");
}

/** Runs parliament over documents [{id, text}]; returns Map id -> findings. */
export function runParliament(docs) {
  if (!docs.length) return { byId: new Map() };
  const r = spawnSync(bin("python"), [path.join(HERE, "parliament_check.py")], {
    input: JSON.stringify(docs.map((d) => ({ id: d.id, text: d.text }))),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) return { error: `parliament failed: ${(r.stderr || "").trim().split("\n").slice(-3).join(" | ")}` };
  const parsed = JSON.parse(r.stdout);
  return { byId: new Map(parsed.results.map((x) => [x.id, x.findings])), version: parsed.parliament_version };
}

/** Loads and validates verify/parliament-exceptions.json. */
export function loadExceptions(file = EXCEPTIONS_FILE) {
  if (!fs.existsSync(file)) return { exceptions: [], problems: [] };
  const problems = [];
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return { exceptions: [], problems: [{ file, line: 1, col: 1, message: `not valid JSON: ${e.message}` }] };
  }
  const list = Array.isArray(data.exceptions) ? data.exceptions : [];
  list.forEach((x, k) => {
    if (!x.issue || !x.resource_type) problems.push({ file, line: 1, col: 1, message: `exceptions[${k}] needs "issue" and "resource_type"` });
    if (typeof x.reason !== "string" || x.reason.trim().length < 20) {
      problems.push({ file, line: 1, col: 1, message: `exceptions[${k}] (${x.issue}) needs a "reason" that justifies it (at least a sentence)` });
    }
  });
  return { exceptions: list, problems };
}

export function matchException(exceptions, doc, finding) {
  return exceptions.find(
    (x) =>
      x.issue === finding.issue &&
      (x.resource_type === "*" || x.resource_type === doc.type) &&
      (x.attribute === undefined || x.attribute === doc.attribute) &&
      (x.detail_contains === undefined || JSON.stringify(finding.detail ?? "").includes(x.detail_contains)) &&
      (x.document_contains === undefined || doc.text.includes(x.document_contains)) &&
      (x.actions_subset_of === undefined ||
        (Array.isArray(finding.actions) && finding.actions.every((a) => x.actions_subset_of.map((s) => s.toLowerCase()).includes(String(a).toLowerCase())))),
  );
}
