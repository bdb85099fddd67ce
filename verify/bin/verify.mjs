#!/usr/bin/env node
// The verification tier: checks every generated Terraform module under the given roots.
// Usage: verify/run.sh [--only CHECKS] [--skip CHECKS] [--no-tools] [ROOT...]
//   CHECKS: comma-separated among syntax, schema, references, format, policies, checkov, parliament, tflint, access
//   ROOT:   an output directory (with apply-order.json), a module directory, or a directory of
//           modules; default: every generator-core/src/test/resources/golden/*/ of the repository.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { discover, loadModule } from "../lib/module.mjs";
import { checkSchema } from "../lib/checks/schema.mjs";
import { checkReferences } from "../lib/checks/references.mjs";
import { checkFormat } from "../lib/checks/format.mjs";
import { checkPolicies } from "../lib/checks/policies.mjs";
import { checkAccessMatrix, MATRIX_FILE } from "../lib/checks/access.mjs";
import { runTflint, loadTflintExceptions, tflintVersion, TFLINT_EXCEPTIONS } from "../lib/tflint.mjs";
import { toolsAvailable, startCheckov, checkovFile, runParliament, loadExceptions, matchException, failsAt, EXCEPTIONS_FILE } from "../lib/tools.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const ALL_CHECKS = ["syntax", "schema", "references", "format", "policies", "checkov", "parliament", "tflint", "access"];

function usage(msg) {
  if (msg) console.error(`verify: ${msg}`);
  console.error("usage: verify/run.sh [--only CHECKS] [--skip CHECKS] [--no-tools] [ROOT...]");
  console.error(`  CHECKS: comma-separated among ${ALL_CHECKS.join(", ")}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { roots: [], checks: new Set(ALL_CHECKS) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const list = () => {
      const v = argv[++i];
      if (!v) usage(`${a} needs a value`);
      const names = v.split(",").map((s) => s.trim()).filter(Boolean);
      for (const n of names) if (!ALL_CHECKS.includes(n)) usage(`unknown check "${n}"`);
      return names;
    };
    if (a === "--only") opts.checks = new Set(list());
    else if (a === "--skip") for (const n of list()) opts.checks.delete(n);
    else if (a === "--no-tools") {
      opts.checks.delete("checkov");
      opts.checks.delete("parliament");
      opts.checks.delete("tflint");
    } else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else opts.roots.push(a);
  }
  return opts;
}

function defaultRoots() {
  const golden = process.env.VERIFY_GOLDEN_DIR
    ? path.resolve(process.env.VERIFY_GOLDEN_DIR)
    : path.join(REPO, "generator-core", "src", "test", "resources", "golden");
  if (!fs.existsSync(golden)) return [];
  return fs
    .readdirSync(golden, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(golden, e.name))
    .sort();
}

const rel = (p) => path.relative(process.cwd(), p) || ".";
const fmtDiag = (d, check) => `${d.file}:${d.line}:${d.col}: ${check}: ${d.message}`;

function terraformBinary() {
  if (process.env.VERIFY_TERRAFORM === "0") return null;
  const r = spawnSync("terraform", ["version"], { encoding: "utf8" });
  return r.status === 0 ? "terraform" : null;
}

// Directories holding .tf files under dir (bounded walk; null when too large).
function tfDirs(dir, limit = 2000) {
  const found = [];
  let seen = 0;
  const walk = (d) => {
    if (++seen > limit) return false;
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return true;
    }
    if (entries.some((e) => e.isFile() && e.name.endsWith(".tf"))) found.push(path.resolve(d));
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith(".") || e.name === "node_modules" || e.name === "target") continue;
      if (!walk(path.join(d, e.name))) return false;
    }
    return true;
  };
  return walk(dir) ? found : null;
}

async function runCheckovOver(moduleDirs, roots) {
  const abs = moduleDirs.map((d) => path.resolve(d));
  let common = abs[0];
  while (!abs.every((d) => d === common || d.startsWith(common + path.sep))) common = path.dirname(common);
  // scanning a few directories that are not being checked costs less than a process per root
  const under = tfDirs(common);
  if (under && under.length <= 2 * abs.length && abs.every((d) => under.includes(d))) return startCheckov([common]);
  const merged = { results: { passed: [], failed: [], skipped: [], parsing_errors: [] } };
  const queue = [...roots];
  const worker = async () => {
    while (queue.length) {
      const r = await startCheckov([queue.shift()]);
      if (r.error) merged.error = r.error;
      else for (const k of Object.keys(merged.results)) merged.results[k].push(...r.results[k]);
    }
  };
  await Promise.all([worker(), worker()]);
  return merged;
}

async function main() {
  const started = process.hrtime.bigint();
  const opts = parseArgs(process.argv.slice(2));
  const explicit = opts.roots.length > 0;
  const roots = explicit ? opts.roots : defaultRoots();
  if (!roots.length) {
    console.error(`verify: no roots given and no generated output under ${rel(process.env.VERIFY_GOLDEN_DIR ?? path.join(REPO, "generator-core/src/test/resources/golden"))}/*/`);
    console.log("verify: 0 passed, 1 failed");
    process.exit(1);
  }
  const wantTools = opts.checks.has("checkov") || opts.checks.has("parliament");
  const toolProblem = wantTools ? toolsAvailable() : null;

  const discovered = roots.map((r) => discover(r));
  // checkov runs in the background while the other checks run: one process over the common
  // parent of all modules when that parent holds nothing else, else one per root, two at a time
  let checkovRun = null;
  if (opts.checks.has("checkov") && !toolProblem) {
    const dirs = discovered.flatMap((d) => d.modules.map((m) => m.dir));
    if (dirs.length) checkovRun = runCheckovOver(dirs, discovered.filter((d) => d.modules.length).map((d) => d.root));
  }
  const terraform = opts.checks.has("format") ? terraformBinary() : null;

  let passed = 0;
  let failed = 0;
  const totals = { modules: 0, files: 0, resources: 0, references: 0, documents: 0, questions: 0 };
  const exceptions = opts.checks.has("parliament") ? loadExceptions() : { exceptions: [], problems: [] };
  const usedExceptions = new Set();
  const tflintExceptions = opts.checks.has("tflint") ? loadTflintExceptions() : { exceptions: [], problems: [] };

  const report = (label, ok, summary, diags, check) => {
    console.log(`  ${ok ? "PASS" : "FAIL"} ${label.padEnd(10)} ${summary}`);
    for (const d of diags) console.log(fmtDiag(d, check));
    if (ok) passed++;
    else failed++;
  };

  for (const d of discovered) {
    console.log(`root ${rel(d.root)}: ${d.modules.length} module(s)`);
    if (d.problems.length) {
      report("layout", false, `${d.problems.length} problem(s) with the output layout`, d.problems, "layout");
    }
    const modules = [];
    for (const m of d.modules) modules.push(await loadModule(m));

    // parliament: one process for every document of the root
    const docsByModule = new Map();
    for (const m of modules) {
      const parsedOk = m.files.every((f) => f.body);
      m.policyResult = parsedOk ? checkPolicies(m) : null;
      docsByModule.set(m, m.policyResult?.documents ?? []);
    }
    let parliament = null;
    if (opts.checks.has("parliament") && !toolProblem) {
      const all = [];
      for (const [m, docs] of docsByModule) docs.forEach((doc, k) => all.push({ ...doc, id: `${m.name}#${k}` }));
      parliament = runParliament(all);
    }
    const checkov = checkovRun ? await checkovRun : null;

    for (const m of modules) {
      totals.modules++;
      totals.files += m.files.length;
      const resourceCount = m.files.reduce((n, f) => n + (f.body?.blocks.filter((b) => b.type === "resource").length ?? 0), 0);
      totals.resources += resourceCount;
      console.log(`module ${m.name} (${rel(m.dir)}): ${m.files.length} .tf files, ${resourceCount} resources${m.account_id ? `, account ${m.account_id}` : ""}`);
      const readable = m.files.every((f) => f.body);
      const blocked = (label) => console.log(`  SKIP ${label.padEnd(10)} not run: the module has syntax errors`);

      if (opts.checks.has("syntax")) {
        report("syntax", m.syntaxErrors.length === 0, m.syntaxErrors.length ? `${m.syntaxErrors.length} error(s) from HashiCorp's HCL parser` : `${m.files.length} files parsed by HashiCorp's HCL parser (hclsyntax)`, m.syntaxErrors, "syntax");
      }
      if (opts.checks.has("schema")) {
        if (!readable) blocked("schema");
        else {
          const { diags, resources, dataSources } = checkSchema(m);
          const data = dataSources ? `, ${dataSources} data source${dataSources === 1 ? "" : "s"}` : "";
          report("schema", !diags.length, diags.length ? `${diags.length} error(s) against the AWS provider schema` : `${resources} resources${data} and the provider blocks conform to hashicorp/aws 6.25.0`, diags, "schema");
        }
      }
      if (opts.checks.has("references")) {
        if (!readable) blocked("references");
        else {
          const { diags, references } = checkReferences(m);
          totals.references += references;
          report("references", !diags.length, diags.length ? `${diags.length} unresolved reference(s)` : `${references} references resolve within the module`, diags, "references");
        }
      }
      if (opts.checks.has("format") && !readable) blocked("format");
      else if (opts.checks.has("format")) {
        const diags = [];
        for (const f of m.files) diags.push(...checkFormat(f));
        let note = "";
        if (terraform) {
          const r = spawnSync(terraform, ["fmt", "-check", "-list=true", m.dir], { encoding: "utf8" });
          const listed = r.stdout.split("\n").filter(Boolean);
          for (const file of listed) {
            const fileRel = rel(path.resolve(m.dir, path.basename(file)));
            if (!diags.some((x) => x.file === fileRel)) diags.push({ file: fileRel, line: 1, col: 1, message: "terraform fmt would rewrite this file" });
          }
          note = ", cross-checked with terraform fmt";
        }
        report("format", !diags.length, diags.length ? `${diags.length} formatting difference(s) from terraform fmt` : `${m.files.length} files in terraform fmt form${note}`, diags, "format");
      }
      if (opts.checks.has("policies")) {
        if (!readable) blocked("policies");
        else {
          const { diags, documents, orgPolicies, count } = m.policyResult;
          totals.documents += count;
          const orgCount = orgPolicies.length;
          const sizes = orgCount ? `: ${orgPolicies.map((p) => `${p.size}`).join(", ")} of 10000 characters` : "";
          report(
            "policies",
            !diags.length,
            diags.length
              ? `${diags.length} problem(s) in ${count} policy document(s)`
              : `${count} policy documents valid (${documents.length} IAM/KMS, ${orgCount} organization backup polic${orgCount === 1 ? "y" : "ies"}${sizes})`,
            diags,
            "policies",
          );
        }
      }
      if (opts.checks.has("checkov") && !readable) blocked("checkov");
      else if (opts.checks.has("checkov")) {
        if (toolProblem) report("checkov", false, `not run: ${toolProblem}`, [], "checkov");
        else if (checkov?.error) report("checkov", false, checkov.error, [], "checkov");
        else {
          const inModule = (c) => path.dirname(checkovFile(c)) === path.resolve(m.dir);
          const failedChecks = checkov.results.failed.filter(inModule);
          const skipped = checkov.results.skipped.filter(inModule);
          const passedChecks = checkov.results.passed.filter(inModule);
          const diags = failedChecks.map((c) => ({
            file: rel(checkovFile(c)),
            line: c.file_line_range?.[0] ?? 1,
            col: 1,
            message: `${c.check_id} ${c.check_name} [${c.resource}]${c.guideline ? ` (${c.guideline})` : ""}`,
          }));
          for (const c of skipped) {
            const reason = c.check_result?.suppress_comment ?? "";
            if (!reason.trim() || /^no comment provided/i.test(reason.trim())) {
              diags.push({ file: rel(checkovFile(c)), line: c.file_line_range?.[0] ?? 1, col: 1, message: `${c.check_id} is skipped without a reason: write #checkov:skip=${c.check_id}:<why this is safe>` });
            }
          }
          for (const name of [".checkov.yaml", ".checkov.yml"]) {
            for (const dir of [d.root, m.dir]) {
              if (fs.existsSync(path.join(dir, name))) diags.push({ file: rel(path.join(dir, name)), line: 1, col: 1, message: "checkov configuration files are not allowed: skip a check only inline, with a reason" });
            }
          }
          for (const pe of checkov.results.parsing_errors) {
            if (path.dirname(path.resolve(pe)) === path.resolve(m.dir)) diags.push({ file: rel(pe), line: 1, col: 1, message: "checkov could not parse this file" });
          }
          const skippedText = skipped.length ? ` (${skipped.map((c) => c.check_id).join(", ")}${diags.length ? "" : ", each with an inline reason"})` : "";
          report("checkov", !diags.length, `${passedChecks.length} passed, ${failedChecks.length} failed, ${skipped.length} skipped${skippedText}`, diags, "checkov");
        }
      }
      if (opts.checks.has("parliament")) {
        if (toolProblem) report("parliament", false, `not run: ${toolProblem}`, [], "parliament");
        else if (!readable) blocked("parliament");
        else if (parliament?.error) report("parliament", false, parliament.error, [], "parliament");
        else {
          const docs = docsByModule.get(m);
          const diags = [];
          let low = 0;
          let excepted = 0;
          docs.forEach((doc, k) => {
            for (const f of parliament.byId.get(`${m.name}#${k}`) ?? []) {
              if (!failsAt(f.severity)) {
                low++;
                continue;
              }
              const ex = matchException(exceptions.exceptions, doc, f);
              if (ex) {
                excepted++;
                usedExceptions.add(ex);
                continue;
              }
              let pos = { line: doc.line, col: doc.col };
              if (f.line) {
                const lines = doc.text.split("\n");
                const offset = lines.slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, (f.column ?? 1) - 1);
                pos = doc.posAt(offset);
              }
              const detail = f.actions ? ` actions: ${[].concat(f.actions).join(", ")}` : f.detail ? ` ${typeof f.detail === "string" ? f.detail : JSON.stringify(f.detail)}` : "";
              diags.push({ file: doc.file, ...pos, message: `${doc.where}: ${f.severity} ${f.issue}: ${f.title}.${detail} (fix the document or add a justified entry to ${rel(EXCEPTIONS_FILE)})` });
            }
          });
          diags.push(...exceptions.problems);
          const summary = diags.length
            ? `${diags.length} finding(s) above LOW in ${docs.length} document(s)`
            : `${docs.length} documents, no findings above LOW (${low} LOW/INFO${excepted ? `, ${excepted} excepted in ${path.basename(EXCEPTIONS_FILE)}` : ""})`;
          report("parliament", !diags.length, summary, diags, "parliament");
        }
      }
      if (opts.checks.has("tflint")) {
        if (!readable) blocked("tflint");
        else {
          const r = runTflint(m.dir);
          if (r.error) report("tflint", false, r.error, [], "tflint");
          else {
            const diags = [];
            let excepted = 0;
            for (const i of r.issues) {
              // A decommission stub keeps its module's providers so that Terraform can destroy what its
              // state still holds (Region settings, grants) in their regions: no resource block uses them.
              if (m.stub && i.rule === "terraform_unused_declarations" && i.message.startsWith('provider "aws" with alias')) {
                excepted++;
                continue;
              }
              const ex = tflintExceptions.exceptions.find((x) => x.rule === i.rule && (x.message_contains === undefined || i.message.includes(x.message_contains)));
              if (ex) {
                excepted++;
                continue;
              }
              diags.push({ file: i.file, line: i.line, col: i.col, message: `${i.rule} (${i.severity}): ${i.message} (${i.link}; fix the generator or add a justified entry to ${rel(TFLINT_EXCEPTIONS)})` });
            }
            diags.push(...tflintExceptions.problems);
            report("tflint", !diags.length, diags.length ? `${diags.length} issue(s) from tflint ${tflintVersion()} (terraform ruleset)` : `no issues from tflint ${tflintVersion()} with its bundled terraform ruleset (recommended preset)${excepted ? `, ${excepted} excepted in ${path.basename(TFLINT_EXCEPTIONS)}` : ""}`, diags, "tflint");
          }
        }
      }
    }
    if (opts.checks.has("access")) {
      // the access matrix: questions about the whole root, answered by simulating AWS's policy evaluation
      const readable = modules.every((m) => m.files.every((f) => f.body));
      const r = readable ? await checkAccessMatrix(d.root, new Map(modules.map((m) => [m.name, m])), rel) : undefined;
      if (r === null) {
        console.log(`access ${rel(d.root)}: NOTICE: no ${MATRIX_FILE} in this root, so no access question is simulated for it`);
      } else {
        console.log(`access ${rel(r ? r.file : path.join(d.root, MATRIX_FILE))}:`);
        if (!r) console.log(`  SKIP access      not run: a module of the root has syntax errors`);
        else {
          totals.questions += r.asked;
          const counts = `${r.asked} questions asked: ${r.allowed} allowed, ${r.denied} denied`;
          report("access", !r.diags.length, r.diags.length ? `${r.diags.length} answer(s) differ from the expected ones or could not be simulated (${counts})` : `${counts}, every answer as expected (iam-simulate)`, r.diags, "access");
        }
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `checked ${totals.modules} module(s), ${totals.files} .tf files, ${totals.resources} resources, ${totals.references} references, ${totals.documents} policy documents, ${totals.questions} access questions in ${seconds.toFixed(1)}s`,
  );
  console.log(`verify: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack ?? String(e));
  console.log("verify: 0 passed, 1 failed");
  process.exit(1);
});
