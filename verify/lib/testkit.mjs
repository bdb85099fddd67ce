// Helpers for verify/test/*.test.mjs (kept outside test/, where node --test would run them).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const VERIFY_DIR = path.resolve(HERE, "..");
export const FIXTURES = path.join(VERIFY_DIR, "test", "fixtures");
const CLI = path.join(VERIFY_DIR, "bin", "verify.mjs");

/** Runs the tier; resolves to { code, stdout, stderr, modules, layout }. */
export function runVerify(args, { cwd = VERIFY_DIR, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr, ...parseReport(stdout) }));
  });
}

/**
 * Parses the tier's report into
 *   modules: Map(name -> { checks: Map(check -> { status, summary }), diags: [{file,line,col,check,message}] })
 *   layout:  diagnostics printed before the first module of each root.
 */
export function parseReport(stdout) {
  const modules = new Map();
  const layout = [];
  let current = null;
  for (const line of stdout.split("\n")) {
    let m;
    if ((m = line.match(/^root /))) {
      current = null;
    } else if ((m = line.match(/^module (\S+) \(/))) {
      current = { checks: new Map(), diags: [] };
      modules.set(m[1], current);
    } else if ((m = line.match(/^  (PASS|FAIL|SKIP) (\S+)\s+(.*)$/))) {
      if (current) current.checks.set(m[2], { status: m[1], summary: m[3] });
    } else if ((m = line.match(/^(.+?):(\d+):(\d+): (\w+): (.*)$/))) {
      const d = { file: m[1], line: Number(m[2]), col: Number(m[3]), check: m[4], message: m[5] };
      if (current) current.diags.push(d);
      else layout.push(d);
    }
  }
  return { modules, layout };
}
