// End-to-end tests of the verification tier: one run over every fixture under test/fixtures/
// (so checkov starts once), then per fixture: which checks fail, and with which message.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { runVerify, FIXTURES } from "../lib/testkit.mjs";

const ALL = ["syntax", "schema", "references", "format", "policies", "checkov", "parliament", "tflint"];
let run;

before(async () => {
  // access-matrix/ is the access tier's fixture (test/access.test.mjs), a whole generated root
const roots = fs.readdirSync(FIXTURES).filter((d) => d !== "access-matrix").sort().map((d) => path.join("test", "fixtures", d));
  run = await runVerify(roots);
});

function mod(name) {
  const m = run.modules.get(name);
  assert.ok(m, `module ${name} missing from the report:\n${run.stdout}\n${run.stderr}`);
  return m;
}

function failing(name) {
  return [...mod(name).checks].filter(([, v]) => v.status === "FAIL").map(([k]) => k).sort();
}

/** Asserts a diagnostic of `check` at file:line:col whose message matches every pattern. */
function assertDiag(name, check, where, ...patterns) {
  const diags = mod(name).diags.filter((d) => d.check === check);
  const hit = diags.find(
    (d) =>
      (!where.file || d.file.endsWith(where.file)) &&
      (where.line === undefined || d.line === where.line) &&
      (where.col === undefined || d.col === where.col) &&
      patterns.every((p) => p.test(d.message)),
  );
  assert.ok(hit, `no ${check} diagnostic at ${JSON.stringify(where)} matching ${patterns.join(" ")} for ${name}; got:\n${diags.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join("\n")}`);
}

describe("verify tier over the fixtures", () => {
  test("exits non-zero and closes with a pass/fail count", () => {
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^verify: \d+ passed, \d+ failed$/m);
    assert.match(run.stdout, /^checked 15 module\(s\), \d+ \.tf files, \d+ resources/m);
  });

  test("the good module passes every check, including checkov and parliament", () => {
    const m = mod("backup-admin");
    assert.deepEqual([...m.checks.keys()].sort(), [...ALL].sort());
    for (const c of ALL) assert.equal(m.checks.get(c).status, "PASS", `${c}: ${m.checks.get(c).summary}`);
    assert.deepEqual(m.diags, []);
    assert.match(m.checks.get("schema").summary, /17 resources .* hashicorp\/aws 6\.25\.0/);
    assert.match(m.checks.get("policies").summary, /6 policy documents valid \(5 IAM\/KMS, 1 organization backup policy: \d+ of 10000 characters\)/);
    assert.match(m.checks.get("checkov").summary, /^\d+ passed, 0 failed, 0 skipped$/);
  });

  test("malformed HCL fails the syntax check with HashiCorp's message; dependent checks are skipped", () => {
    assert.deepEqual(failing("malformed-hcl"), ["syntax"]);
    assertDiag("malformed-hcl", "syntax", { file: "malformed-hcl/vaults.tf", line: 3, col: 38 }, /Unterminated template string/);
    for (const c of ["schema", "references", "format", "policies", "checkov", "parliament", "tflint"]) {
      assert.equal(mod("malformed-hcl").checks.get(c).status, "SKIP", c);
    }
  });

  test("an unknown attribute fails the schema check, with a suggestion", () => {
    // checkov independently notices that the vault has no KMS key (CKV_AWS_166)
    assert.deepEqual(failing("bad-attribute"), ["checkov", "schema"]);
    assertDiag("bad-attribute", "schema", { file: "bad-attribute/vaults.tf", line: 4, col: 3 }, /aws_backup_vault\.main: unsupported argument "kms_key"/, /did you mean "kms_key_arn"/);
  });

  test("a missing required argument fails the schema check", () => {
    assert.deepEqual(failing("missing-required"), ["schema"]);
    assertDiag("missing-required", "schema", { file: "missing-required/iam.tf", line: 2, col: 1 }, /aws_iam_role\.backup: missing required argument "assume_role_policy"/);
  });

  test("two blocks where the provider allows one (max items 1) fail the schema check", () => {
    assert.deepEqual(failing("single-block"), ["schema"]);
    assertDiag("single-block", "schema", { file: "single-block/plan.tf", line: 14, col: 5 }, /aws_backup_plan\.nightly\.rule: at most one "lifecycle" block/);
  });

  test("dangling references (resource, variable, provider alias) fail the references check", () => {
    assert.deepEqual(failing("dangling-reference"), ["references"]);
    assertDiag("dangling-reference", "references", { line: 3, col: 17 }, /undeclared provider configuration "aws\.us_east_1"/);
    assertDiag("dangling-reference", "references", { line: 4, col: 41 }, /undeclared input variable "environment"/);
    assertDiag("dangling-reference", "references", { line: 5, col: 17 }, /undeclared resource "aws_kms_key\.backup"/);
  });

  test("an unformatted file fails the format check at each difference from terraform fmt", () => {
    assert.deepEqual(failing("unformatted"), ["format"]);
    assertDiag("unformatted", "format", { line: 3, col: 8 }, /"=" at column 8, terraform fmt puts it at column 15/);
    assertDiag("unformatted", "format", { line: 6, col: 5 }, /indented 4 spaces, terraform fmt indents this line 2/);
    assertDiag("unformatted", "format", { line: 7, col: 27 }, /trailing whitespace/);
    assertDiag("unformatted", "format", { line: 11, col: 1 }, /more than one consecutive blank line/);
  });

  test("a wildcard KMS key principal fails our policy check and checkov", () => {
    assert.deepEqual(failing("wildcard-key-principal"), ["checkov", "policies"]);
    assertDiag("wildcard-key-principal", "policies", { file: "wildcard-key-principal/kms.tf", line: 22 }, /KMS key policy allows a wildcard principal/);
    assertDiag("wildcard-key-principal", "checkov", { file: "wildcard-key-principal/kms.tf", line: 2 }, /CKV_AWS_33/);
  });

  test("a bad organization backup policy fails the policy check at each offending key", () => {
    assert.deepEqual(failing("bad-org-policy"), ["policies"]);
    const at = { file: "bad-org-policy/organizations.tf" };
    assertDiag("bad-org-policy", "policies", { ...at, line: 16 }, /plans\.nightly\.rules: operator "@@assign" is not allowed here/);
    assertDiag("bad-org-policy", "policies", { ...at, line: 18 }, /unknown key "schedule"; allowed here: schedule_expression/);
    assertDiag("bad-org-policy", "policies", { ...at, line: 25 }, /@@append is only allowed on list settings/);
    assertDiag("bad-org-policy", "policies", { ...at, line: 25 }, /\$account is only allowed in ARN settings/);
    assertDiag("bad-org-policy", "policies", { ...at, line: 28 }, /delete_after_days: a setting must be an object with an inheritance operator/);
  });

  test("a parliament finding above LOW fails the parliament check", () => {
    assert.deepEqual(failing("parliament-finding"), ["parliament"]);
    assertDiag("parliament-finding", "parliament", { file: "parliament-finding/iam.tf" }, /aws_iam_role_policy\.restore_reads\.policy: MEDIUM RESOURCE_MISMATCH/);
  });

  test("a failed checkov check fails the checkov check", () => {
    assert.deepEqual(failing("checkov-failure"), ["checkov"]);
    assertDiag("checkov-failure", "checkov", { file: "checkov-failure/kms.tf", line: 2 }, /CKV_AWS_7 Ensure rotation for customer created CMKs is enabled/);
  });

  test("a checkov skip needs an inline reason", () => {
    assert.deepEqual(failing("checkov-skip-without-reason"), ["checkov"]);
    assertDiag("checkov-skip-without-reason", "checkov", { line: 2 }, /CKV_AWS_7 is skipped without a reason/);
    assert.deepEqual(failing("checkov-skip-with-reason"), []);
    assert.match(mod("checkov-skip-with-reason").checks.get("checkov").summary, /1 skipped \(CKV_AWS_7, each with an inline reason\)/);
  });

  test("a tflint finding (terraform ruleset) fails the tflint check", () => {
    assert.deepEqual(failing("tflint-finding"), ["tflint"]);
    assertDiag("tflint-finding", "tflint", { file: "tflint-finding/variables.tf", line: 2, col: 1 }, /terraform_unused_declarations \(warning\): variable "retention_days" is declared but not used/);
  });

  test("apply-order.json must list exactly the module directories", () => {
    const msgs = run.layout.map((d) => `${d.file}: ${d.message}`);
    assert.ok(msgs.some((m) => /bad-layout\/apply-order\.json: module central is listed but .* has no \.tf files/.test(m)), msgs.join("\n"));
    assert.ok(msgs.some((m) => /module directory stray is not listed in apply-order\.json/.test(m)), msgs.join("\n"));
  });
});

describe("command line", () => {
  test("--only runs just the named checks", async () => {
    const r = await runVerify(["--only", "schema", "test/fixtures/bad-attribute"]);
    assert.equal(r.code, 1);
    assert.deepEqual([...r.modules.get("bad-attribute").checks.keys()], ["schema"]);
    assert.match(r.stdout, /^verify: 0 passed, 1 failed$/m);
  });

  test("a passing run exits 0", async () => {
    const r = await runVerify(["--no-tools", "test/fixtures/good"]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^verify: 5 passed, 0 failed$/m);
  });

  test("no generated output is a failure, not a silent pass", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "verify-empty-"));
    try {
      const r = await runVerify([], { env: { VERIFY_GOLDEN_DIR: empty } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /no roots given and no generated output/);
      assert.match(r.stdout, /^verify: 0 passed, 1 failed$/m);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test("an unknown check name is a usage error", async () => {
    const r = await runVerify(["--only", "lint", "test/fixtures/good"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown check "lint"/);
  });
});
