// Unit tests of the tier's building blocks.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parseSource, renderTemplate } from "../lib/hclread.mjs";
import { parseJson, JsonError } from "../lib/json.mjs";
import { checkFormat } from "../lib/checks/format.mjs";
import { checkBackupPolicy } from "../lib/checks/orgpolicy.mjs";
import { placeholder, jsonencodeLength, checkPolicies } from "../lib/checks/policies.mjs";
import { loadSchema, checkSchema } from "../lib/checks/schema.mjs";
import { checkReferences } from "../lib/checks/references.mjs";
import { FIXTURES, VERIFY_DIR } from "../lib/testkit.mjs";

const REPO = path.resolve(VERIFY_DIR, "..");

function tfFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tfFiles(p);
    return e.name.endsWith(".tf") ? [p] : [];
  });
}

describe("HCL reader (verify/hclread, HashiCorp's hclsyntax)", () => {
  test("gives blocks, attributes, decoded strings and references with positions", () => {
    const f = parseSource('resource "aws_iam_role" "r" {\n  name = "a\\u0041b"\n  arn  = aws_kms_key.k[0].arn\n  tags = { k = var.v }\n}\n');
    const [b] = f.body.blocks;
    assert.deepEqual([b.type, b.labels, b.line, b.col, b.closeLine], ["resource", ["aws_iam_role", "r"], 1, 1, 5]);
    const [name, arn, tags] = b.body.attributes;
    assert.deepEqual([name.name, name.line, name.col, name.expr.source, name.expr.value], ["name", 2, 3, '"a\\u0041b"', "aAb"]);
    assert.deepEqual(arn.expr.traversals.map((t) => [t.text, t.line, t.col]), [["aws_kms_key.k[0].arn", 3, 10]]);
    assert.deepEqual(tags.expr.traversals.map((t) => t.text), ["var.v"]); // the object key k is not a reference
  });

  test("keeps source positions through escapes and heredoc indentation", () => {
    const src = 'x = "a\\"b${var.c}d"\ny = <<-EOT\n    {\n      "k": 1\n    }\n  EOT\n';
    const [x, y] = parseSource(src).body.attributes;
    const rx = renderTemplate(x.expr.template);
    assert.equal(rx.text, 'a"b${var.c}d');
    assert.deepEqual(rx.posAt(2), { line: 1, col: 9 }); // the b after \"
    const ry = renderTemplate(y.expr.template);
    assert.equal(y.expr.value, '{\n  "k": 1\n}\n');
    assert.equal(ry.text, y.expr.value);
    assert.deepEqual(ry.posAt(ry.text.indexOf('"k"')), { line: 4, col: 7 });
  });

  test("reports HashiCorp's diagnostics with positions", () => {
    const f = parseSource('locals {\n  a = "x\n}\n');
    assert.equal(f.body, null);
    assert.match(`${f.diagnostics[0].line}:${f.diagnostics[0].col}: ${f.diagnostics[0].message}`, /^2:9: Invalid multi-line string; Quoted strings may not be split over multiple lines/);
  });
});

describe("JSON parser", () => {
  test("reports duplicate keys, which JSON.parse silently merges", () => {
    const r = parseJson('{"a": 1, "b": {"c": 2}, "a": 3}');
    assert.deepEqual(r.duplicates.map((d) => [d.key, d.offset]), [["a", 24]]);
  });

  test("reports the offset of a syntax error", () => {
    assert.throws(() => parseJson('{"a": [1, 2,]}'), (e) => e instanceof JsonError && e.offset === 12);
  });
});

describe("format check", () => {
  const fmt = (src) => checkFormat(parseSource(src)).map((d) => `${d.line}:${d.col}: ${d.message}`);

  test("accepts canonical negation, subtraction, calls and templates", () => {
    assert.deepEqual(fmt('locals {\n  a = -1\n  b = 1 - 2\n  c = max(1, -2)\n  d = "x-${local.a}"\n  e = [for s in ["a"] : upper(s)]\n}\n'), []);
  });

  test("rejects what terraform fmt would change", () => {
    assert.deepEqual(fmt('locals {\n  a = max( 1, 2)\n}\n'), ['2:11: spacing: terraform fmt writes no space between "(" and 1']);
    assert.deepEqual(fmt('locals {\n  a = "${local.b}"\n}\n'), ['2:7: interpolation-only expression: terraform fmt rewrites "${...}" to the bare expression']);
    assert.deepEqual(fmt('locals {\n  a = 1\n}'), ["3:2: no newline at end of file"]);
    assert.deepEqual(fmt('locals {\n  a = 1\n}\nlocals {\n  b = 1\n}\n'), ["4:1: no blank line between this block and the one ending on line 3"]);
    assert.deepEqual(fmt('locals {\r\n  a = 1\r\n}\r\n'), ["1:9: carriage return: files must use LF line endings"]);
  });
});

describe("organization backup policy check", () => {
  const check = (policy, size) => {
    const { root } = parseJson(JSON.stringify(policy));
    const diags = [];
    checkBackupPolicy(root, size ?? JSON.stringify(policy).length, "p", (n) => ({ file: "t.tf", line: 1, col: n.offset }), diags);
    return diags.map((d) => d.message);
  };
  const a = (v) => ({ "@@assign": v });
  const plan = (rules) => ({
    plans: {
      nightly: {
        regions: a(["eu-west-1"]),
        rules,
        selections: { tags: { nightly: { iam_role_arn: a("arn:aws:iam::$account:role/Backup"), tag_key: a("backup"), tag_value: a(["nightly"]) } } },
      },
    },
  });
  const rule = { schedule_expression: a("cron(0 1 ? * * *)"), target_backup_vault_name: a("Vault") };

  test("accepts the documented shape, child-control operators included", () => {
    const p = plan({ Daily: { ...rule, "@@operators_allowed_for_child_policies": ["@@none"] } });
    p.plans["@@operators_allowed_for_child_policies"] = ["@@append"];
    assert.deepEqual(check(p), []);
  });

  test("a plan other policies of the module also carry may be partial (a layered policy), any other may not", () => {
    const layered = { plans: { nightly: { rules: { Daily: { lifecycle: { delete_after_days: a("365") } } } } } };
    const { root } = parseJson(JSON.stringify(layered));
    const diags = [];
    checkBackupPolicy(root, 100, "p", (n) => ({ file: "t.tf", line: 1, col: n.offset }), diags, new Set(["nightly"]));
    assert.deepEqual(diags, []);
    assert.deepEqual(check(layered), [
      'p: plans.nightly.rules.Daily: missing required key "schedule_expression"',
      'p: plans.nightly.rules.Daily: missing required key "target_backup_vault_name"',
      'p: plans.nightly: missing required key "regions"',
      'p: plans.nightly: missing required key "selections"',
    ]);
  });

  test("checks malware scanning: scan actions and settings keyed by the scanner, AWS's scan modes and resource types", () => {
    const scanner = a("arn:aws:iam::$account:role/BackupCatalogueMalwareScanner");
    const good = plan({ Daily: { ...rule, scan_actions: { GUARDDUTY: { scan_mode: a("INCREMENTAL_SCAN") } } } });
    good.plans.nightly.scan_settings = { GUARDDUTY: { resource_types: a(["EBS", "S3"]), scanner_role_arn: scanner } };
    assert.deepEqual(check(good), []);
    const bad = plan({ Daily: { ...rule, scan_actions: { GuardDuty: { scan_mode: a("QUICK_SCAN") } } } });
    bad.plans.nightly.scan_settings = { GUARDDUTY: { resource_types: a(["RDS"]) } };
    assert.deepEqual(check(bad), [
      'p: plans.nightly.rules.Daily.scan_actions: key "GuardDuty" must name the malware scanner: GUARDDUTY',
      'p: plans.nightly.rules.Daily.scan_actions.GuardDuty.scan_mode: expects one of INCREMENTAL_SCAN, FULL_SCAN, found "QUICK_SCAN"',
      'p: plans.nightly.scan_settings.GUARDDUTY.resource_types: expects one of EBS, EC2, S3, ALL, found "RDS"',
      'p: plans.nightly.scan_settings.GUARDDUTY: missing required key "scanner_role_arn"',
    ]);
  });

  test("rejects policies over 10,000 characters as sent", () => {
    assert.match(check(plan({ Daily: rule }), 10001)[0], /10001 characters as sent to AWS, AWS Organizations accepts at most 10000/);
  });

  test("checks copy actions: keyed by destination vault ARN, lifecycle arithmetic", () => {
    const arn = "arn:aws:backup:eu-central-1:210987654321:backup-vault:Central";
    const msgs = check(plan({ Daily: { ...rule, copy_actions: { [arn]: { target_backup_vault_arn: a(arn.replace("Central", "Other")), lifecycle: { move_to_cold_storage_after_days: a("30"), delete_after_days: a("100") } } } } }));
    assert.ok(msgs.some((m) => /differs from its copy action key/.test(m)), msgs.join("\n"));
    assert.ok(msgs.some((m) => /delete_after_days \(100\) must be at least 90 days more than move_to_cold_storage_after_days \(30\)/.test(m)), msgs.join("\n"));
  });

  test("counts Terraform's jsonencode output, which escapes <, > and &", () => {
    assert.equal(jsonencodeLength({ a: "<&>" }), JSON.stringify({ a: "<&>" }).length + 15);
  });
});

describe("policy placeholders", () => {
  test("stand in for interpolations with values of the right shape", () => {
    assert.equal(placeholder("aws_iam_role.backup.arn"), "arn:aws:iam::111122223333:role/backup");
    assert.equal(placeholder("var.account_id"), "111122223333");
    assert.equal(placeholder("var.organization_id"), "o-a1b2c3d4e5");
    // the deployer's role (vault policies exempt it): an ARN, so parliament checks the ArnNotEquals types
    assert.equal(placeholder("data.aws_iam_session_context.deployer.issuer_arn"), "arn:aws:iam::111122223333:role/deployer");
  });
});

describe("extracted provider schema", () => {
  const schema = loadSchema();
  test("comes from the pinned package and covers every resource type the generator emits", () => {
    assert.equal(schema.source.package, "@cdktf/provider-aws@21.22.1");
    assert.equal(schema.source.terraform_provider, "hashicorp/aws@6.25.0");
    assert.equal(Object.keys(schema.resources).length, 36);
    assert.ok(schema.resources.aws_cloudwatch_event_bus && schema.resources.aws_cloudwatch_event_bus_policy, "the receiving buses (job_events.tf)");
    assert.ok(schema.resources.aws_backup_framework && schema.resources.aws_backup_report_plan, "the Audit Manager types (compliance.tf)");
    assert.deepEqual(Object.keys(schema.dataSources).sort(), ["aws_caller_identity", "aws_iam_session_context", "aws_organizations_organization", "aws_organizations_organizational_unit_descendant_accounts"]);
  });
  const moduleOf = (src) => ({ name: "t", files: [parseSource(src)] });
  const schemaMessages = (src) => checkSchema(moduleOf(src)).diags.map((d) => `${d.line}:${d.col}: ${d.message}`);
  test("data blocks are checked against the data sources of the schema", () => {
    const ok = 'data "aws_caller_identity" "deployer" {}\n\ndata "aws_iam_session_context" "deployer" {\n  arn = data.aws_caller_identity.deployer.arn\n}\n\ndata "aws_organizations_organization" "this" {\n  lifecycle {\n    postcondition {\n      condition     = self.id == "o-a1b2c3d4e5"\n      error_message = "wrong organization"\n    }\n  }\n}\n';
    assert.deepEqual(schemaMessages(ok), []);
    assert.equal(checkSchema(moduleOf(ok)).dataSources, 3);
    assert.deepEqual(checkReferences(moduleOf(ok)).diags, []);
    assert.deepEqual(schemaMessages('data "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n'), [
      '1:1: data.aws_s3_bucket.b: data source "aws_s3_bucket" is not among the data sources the generator emits (4 extracted in aws-6.25.0.json: aws_caller_identity, aws_iam_session_context, aws_organizations_organization, aws_organizations_organizational_unit_descendant_accounts)',
    ]);
    assert.deepEqual(schemaMessages('data "aws_iam_session_context" "d" {}\n'), ['1:1: data.aws_iam_session_context.d: missing required argument "arn"']);
    assert.deepEqual(schemaMessages('data "aws_caller_identity" "d" {\n  account_id = "1"\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n'), [
      "2:3: data.aws_caller_identity.d: unsupported argument \"account_id\" (not in the hashicorp/aws 6.25.0 schema)",
      "4:5: data.aws_caller_identity.d.lifecycle: unsupported argument \"prevent_destroy\" (not in Terraform's lifecycle meta-argument)",
    ]);
    const refs = checkReferences(moduleOf('data "aws_caller_identity" "d" {}\n\noutput "x" {\n  value = data.aws_caller_identity.d.issuer_arn\n}\n')).diags.map((d) => d.message);
    assert.deepEqual(refs, ['data.aws_caller_identity.d.issuer_arn: data source aws_caller_identity has no attribute "issuer_arn"']);
  });
  test("the S3 backend block takes its one label; a removed block's from is an address, not a reference", () => {
    const backend = 'terraform {\n  backend "s3" {\n    bucket       = "b"\n    use_lockfile = true\n\n    assume_role {\n      role_arn = "arn:aws:iam::111111111111:role/S"\n    }\n  }\n}\n';
    assert.deepEqual(schemaMessages(backend), []);
    assert.deepEqual(schemaMessages('terraform {\n  backend {\n    bucket = "b"\n  }\n}\n'), ['2:3: terraform: block "backend" takes 1 label(s)']);
    assert.deepEqual(schemaMessages('terraform {\n  required_providers "aws" {}\n}\n'), ['2:3: terraform: block "required_providers" takes no labels']);
    const stub = 'removed {\n  from = aws_backup_vault.v\n\n  lifecycle {\n    destroy = false\n  }\n}\n';
    assert.deepEqual(schemaMessages(stub), []);
    assert.deepEqual(checkReferences(moduleOf(stub)).diags, []);
    assert.deepEqual(checkReferences(moduleOf('output "x" {\n  value = aws_backup_vault.v.arn\n}\n')).diags.map((d) => d.message.split(":")[0]),
      ["reference to undeclared resource \"aws_backup_vault.v\""].map((m) => m.split(":")[0]));
  });
  test("records required arguments and single-block nesting", () => {
    assert.equal(schema.resources.aws_iam_role.attributes.assume_role_policy.required, true);
    assert.equal(schema.resources.aws_backup_vault.attributes.name.required, true);
    assert.equal(schema.resources.aws_backup_vault.attributes.kms_key_arn.required, false);
    const rule = schema.resources.aws_backup_plan.blocks.rule;
    assert.equal(rule.required, true);
    assert.equal(rule.block.blocks.lifecycle.nesting, "single");
    assert.equal(rule.block.blocks.copy_action.nesting, "set");
    assert.ok(schema.resources.aws_kms_key.readable_attributes.includes("arn"));
    for (const k of ["region", "allowed_account_ids"]) assert.ok(schema.provider.attributes[k], k);
    assert.equal(schema.resources.aws_kms_key.attributes.arn, undefined); // computed only: not an argument
    for (const k of ["assume_role", "default_tags"]) assert.ok(schema.provider.blocks[k], k);
  });
});

describe("policy document checks", () => {
  const moduleOf = (src) => ({ name: "t", files: [parseSource(src)] });
  const doc = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements }).replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  const admin = { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };
  const messages = (src) => checkPolicies(moduleOf(src)).diags.map((d) => `${d.line}:${d.col}: ${d.message}`);

  test("a vault policy may open to everyone only within the organization", () => {
    const open = { Effect: "Allow", Principal: { AWS: "*" }, Action: "backup:CopyIntoBackupVault", Resource: "*" };
    const scoped = { ...open, Condition: { StringEquals: { "aws:PrincipalOrgID": "${var.organization_id}" } } };
    const vault = (st) => `resource "aws_backup_vault_policy" "v" {\n  backup_vault_name = "v"\n  policy            = "${doc([st])}"\n}\n`;
    assert.match(messages(vault(open))[0], /vault policy allows a wildcard principal \("\*"\) without a condition scoping it/);
    assert.deepEqual(messages(vault(scoped)), []);
  });

  test("a key policy must keep an administrator (kms:PutKeyPolicy)", () => {
    const use = { Effect: "Allow", Principal: { AWS: "${aws_iam_role.backup.arn}" }, Action: ["kms:Decrypt"], Resource: "*" };
    const key = (sts) => `resource "aws_kms_key" "k" {\n  policy = "${doc(sts)}"\n}\n`;
    assert.match(messages(key([use]))[0], /no statement allows any principal kms:PutKeyPolicy/);
    assert.deepEqual(messages(key([admin, use])), []);
  });

  test("duplicate keys and invalid JSON are reported in the .tf file", () => {
    const src = 'resource "aws_iam_role_policy" "p" {\n  role   = "r"\n  policy = <<-EOT\n    {"Version": "2012-10-17", "Version": "2012-10-17",\n     "Statement": []}\n  EOT\n}\n';
    assert.deepEqual(messages(src), ['4:31: aws_iam_role_policy.p.policy: duplicate JSON key "Version" (AWS rejects duplicate keys)']);
    const bad = src.replace('"Statement": []', '"Statement": [,]');
    assert.match(messages(bad)[0], /^5:20: aws_iam_role_policy\.p\.policy: invalid JSON: expected a JSON value/);
  });
});

describe("format check agrees with terraform fmt", { skip: spawnSync("terraform", ["version"]).status !== 0 && "no terraform binary" }, () => {
  test("on every fixture file", () => {
    for (const file of tfFiles(FIXTURES)) {
      const f = parseSource(fs.readFileSync(file, "utf8"));
      if (!f.body) continue; // the malformed fixture
      // rules terraform fmt does not enforce, which the generator promises on top
      const diags = checkFormat(f).filter((d) => !/consecutive blank line|no blank line between|trailing whitespace|blank line\(s\) at end/.test(d.message));
      const tf = spawnSync("terraform", ["fmt", "-check", file]).status === 0;
      assert.equal(diags.length === 0, tf, `${file}: terraform fmt ${tf ? "accepts" : "rejects"} it, verify says ${JSON.stringify(diags)}`);
    }
  });
});
