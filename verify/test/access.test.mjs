// The access-matrix tier: the organization output (a copy of the golden root, with the
// generator's access-matrix.json) passes; each fault the
// matrix exists to catch, re-introduced into a copy of it, fails with the question, the
// expected and the simulated decision and the deciding statements.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { runVerify, FIXTURES } from "../lib/testkit.mjs";
import { managedPolicy } from "../lib/checks/access.mjs";

const FIXTURE = path.join(FIXTURES, "access-matrix");
const temps = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const ownKeyQuestion = {
  id: "own-key",
  account: "web-prod",
  question: "the backup role of web-prod may use the key of its own vault",
  principal: { arn: "arn:aws:iam::456789012345:role/service-role/BackupRole", identity: [{ module: "accounts/web-prod", address: "aws_iam_role.backup" }] },
  action: "kms:GenerateDataKey",
  resource: "arn:aws:kms:eu-west-1:456789012345:key/backupmcbackupface-0000",
  resourceAccount: "456789012345",
  resourcePolicy: { module: "accounts/web-prod", address: "aws_kms_key.BackupMcBackupFace_eu_west_1", attribute: "policy" },
  context: {},
  expected: "Allowed",
};

/** The organization sample's golden output, for faults in what the fixture predates (grants, subscriptions). */
const GOLDEN = path.resolve(FIXTURES, "..", "..", "..", "generator-core", "src", "test", "resources", "golden", "organization");

/** Copies the fixture, applies [file, from, to] replacements (each must match), runs the access check. */
async function mutate(...edits) {
  return mutateRoot(FIXTURE, ...edits);
}

/** The same on a copy of another generated root. */
async function mutateRoot(root, ...edits) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "access-matrix-"));
  temps.push(dir);
  fs.cpSync(root, dir, { recursive: true });
  for (const [file, from, to] of edits) {
    const p = path.join(dir, file);
    const src = fs.readFileSync(p, "utf8");
    assert.ok(src.includes(from), `${file} does not contain ${JSON.stringify(from)}`);
    fs.writeFileSync(p, src.replaceAll(from, to));
  }
  return runVerify(["--only", "access", dir]);
}

function accessLines(run) {
  return run.stdout.split("\n").filter((l) => /: access: /.test(l));
}

/** Asserts the run failed and reported question `id` with expected/simulated decisions. */
function assertFails(run, id, expected, simulated, ...patterns) {
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^  FAIL access /m);
  const line = accessLines(run).find((l) => l.includes(`access: ${id}: `));
  assert.ok(line, `no failure for ${id}; got:\n${accessLines(run).join("\n")}`);
  assert.ok(line.includes(`expected ${expected}, simulated ${simulated}`), line);
  assert.match(line, /\[deciding: .+\]/);
  for (const p of patterns) assert.match(line, p);
  return line;
}

describe("access matrix", () => {
  test("the organization output answers every question as expected", async () => {
    const run = await runVerify(["--only", "access", FIXTURE]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^  PASS access +93 questions asked: 40 allowed, 53 denied, every answer as expected/m);
  });

  test("the Organizations resource policy without organizations:TagResource", async () => {
    const run = await mutate(["management/organizations.tf", '            "organizations:TagResource",\n', ""]);
    assertFails(run, "management/delegation/TagResource-backup-policy", "Allowed", "ImplicitlyDenied", /no statement of the resource policy management\/aws_organizations_resource_policy\.backup_policy_delegation\.content allows it/);
    assert.equal(accessLines(run).length, 1, accessLines(run).join("\n"));
  });

  test("a vault policy without the deny on PutBackupVaultAccessPolicy", async () => {
    const run = await mutate(["accounts/payments-prod/vaults.tf", '            "backup:PutBackupVaultAccessPolicy",\n', ""]);
    const line = assertFails(run, "accounts/payments-prod/vault/BackupMcBackupFace_eu_west_1/admin-PutBackupVaultAccessPolicy", "ExplicitlyDenied", "Allowed", /identity allow: AdministratorAccess \(v1\)/);
    assert.match(line, /accounts\/payments-prod\/vaults\.tf:\d+:3: access: /);
  });

  test("a central key policy missing one source role", async () => {
    const run = await mutate(["accounts/central-backup/kms.tf", ',\n              "arn:aws:iam::456789012345:role/service-role/BackupRole"', ""]);
    for (const action of ["GenerateDataKey", "Encrypt"]) {
      assertFails(run, `accounts/central-backup/vault/CentralVault_eu_west_1/key-web-prod-${action}`, "Allowed", "ImplicitlyDenied", /no statement of the resource policy accounts\/central-backup\/aws_kms_key\.CentralVault_eu_west_1\.policy allows it/);
    }
    // Decrypt, DescribeKey and CreateGrant stay allowed to web-prod's account for copies back
    // (ShareTheKeyWithTheSourceAccountsForCopiesBack); payments-prod keeps all its access
    assert.equal(accessLines(run).length, 2, accessLines(run).join("\n"));
  });

  test("a vault policy allowing copies from * without the organization condition", async () => {
    const run = await mutate(
      [
        "accounts/central-backup/vaults.tf",
        '"AWS": [\n              "arn:aws:iam::345678901234:role/service-role/BackupRole",\n              "arn:aws:iam::456789012345:role/service-role/BackupRole"\n            ]',
        '"AWS": "*"',
      ],
      ["accounts/central-backup/vaults.tf", '          "Resource": "*",\n          "Condition": {\n            "StringEquals": {\n              "aws:PrincipalOrgID": "o-a1b2c3d4e5"\n            }\n          }\n', '          "Resource": "*"\n'],
    );
    const base = "accounts/central-backup/vault/CentralVault_eu_west_1";
    assertFails(run, `${base}/copy-from-outside-the-organization`, "Denied", "Allowed", /resource allow: statement AllowCopiesFromTheBackupRolesOfThisOrganization/);
    assertFails(run, `${base}/copy-from-analytics-dev-denied`, "Denied", "Allowed");
  });

  test("a trust policy that another service may use", async () => {
    const run = await mutate(["accounts/web-prod/iam.tf", '"Service": "backup.amazonaws.com"', '"Service": ["backup.amazonaws.com", "ec2.amazonaws.com"]']);
    assertFails(run, "accounts/web-prod/assume/other-service", "Denied", "Allowed", /resource allow: statement AllowAwsBackupToAssumeTheRole/);
    assert.equal(accessLines(run).length, 1, accessLines(run).join("\n"));
  });

  test("a trust policy open to every principal", async () => {
    const run = await mutate(["accounts/web-prod/iam.tf", '"Service": "backup.amazonaws.com"', '"AWS": "*"']);
    assertFails(run, "accounts/web-prod/assume/other-account", "Denied", "Allowed", /resource allow: statement AllowAwsBackupToAssumeTheRole/);
    assertFails(run, "accounts/web-prod/assume/other-service", "Denied", "Allowed");
  });

  test("the break-glass exception naming another role", async () => {
    const run = await mutate(["accounts/analytics-dev/vaults.tf", '"aws:PrincipalArn": "arn:aws:iam::567890123456:role/BackupBreakGlass"', '"aws:PrincipalArn": "arn:aws:iam::567890123456:role/SomeoneElse"']);
    assertFails(run, "accounts/analytics-dev/vault/BackupMcBackupFace_eu_west_1/break-glass-DeleteRecoveryPoint", "Allowed", "ExplicitlyDenied", /resource deny: statement DenyDeletingOrShorteningRecoveryPoints/);
  });

  test("the deployer exemption removed from a vault policy", async () => {
    const run = await mutate(["accounts/analytics-dev/vaults.tf", ',\n                "${data.aws_iam_session_context.deployer.issuer_arn}"', ""]);
    assertFails(run, "accounts/analytics-dev/vault/BackupMcBackupFace_eu_west_1/deployer-PutBackupVaultAccessPolicy", "Allowed", "ExplicitlyDenied", /resource deny: statement DenyRemovingThisProtection/);
    assert.equal(accessLines(run).length, 1, accessLines(run).join("\n"));
  });

  test("the deployer is resolved from the matrix's deployers, exactly", async () => {
    const run = await mutate(["access-matrix.json", '"accounts/analytics-dev": "arn:aws:iam::567890123456:role/OrganizationAccountAccessRole"', '"accounts/analytics-dev": "arn:aws:iam::567890123456:role/SomeOtherPipeline"']);
    assertFails(run, "accounts/analytics-dev/vault/BackupMcBackupFace_eu_west_1/deployer-PutBackupVaultAccessPolicy", "Allowed", "ExplicitlyDenied", /resource deny: statement DenyRemovingThisProtection/);
  });

  test("a module without a deployers entry cannot be simulated", async () => {
    const run = await mutate(["access-matrix.json", '    "accounts/analytics-dev": "arn:aws:iam::567890123456:role/OrganizationAccountAccessRole",\n', ""]);
    assert.equal(run.code, 1);
    assert.ok(accessLines(run).some((l) => /interpolates \$\{data\.aws_iam_session_context\.deployer\.issuer_arn\} \(the identity applying the module\), but the matrix's "deployers" has no entry for module "accounts\/analytics-dev"/.test(l)), accessLines(run).join("\n"));
  });

  test("a key policy naming its own backup role resolves the role's path and name", async () => {
    // the question: web-prod's backup role may use web-prod's key (through ${aws_iam_role.backup.arn})
    const run = await mutate(
      ["access-matrix.json", '  "questions": [\n', `  "questions": [\n${JSON.stringify(ownKeyQuestion)},\n`],
      ["accounts/web-prod/iam.tf", 'path               = "/service-role/"', 'path               = "/elsewhere/"'],
    );
    assertFails(run, "own-key", "Allowed", "ImplicitlyDenied");
    assert.equal(accessLines(run).length, 1, accessLines(run).join("\n"));
    const good = await mutate(["access-matrix.json", '  "questions": [\n', `  "questions": [\n${JSON.stringify(ownKeyQuestion)},\n`]);
    assert.equal(good.code, 0, good.stdout);
  });

  test("any other interpolation in a simulated document is a failure", async () => {
    const run = await mutate(["accounts/web-prod/kms.tf", '"AWS": "arn:aws:iam::456789012345:root"', '"AWS": "arn:aws:iam::${var.account_id}:root"']);
    assert.equal(run.code, 1);
    assert.ok(accessLines(run).some((l) => /aws_kms_key\.BackupMcBackupFace_eu_west_1\.policy interpolates \$\{var\.account_id\}: the access matrix resolves only aws_iam_role\.<name>\.arn of the same module and data\.aws_iam_session_context\.deployer\.issuer_arn/.test(l)), accessLines(run).join("\n"));
  });

  test("a key policy that no longer lets its account manage the key (lock-out)", async () => {
    const run = await mutate(["accounts/web-prod/kms.tf", '"AWS": "arn:aws:iam::456789012345:root"', '"AWS": "arn:aws:iam::999988887777:root"']);
    assertFails(run, "accounts/web-prod/key/BackupMcBackupFace_eu_west_1/root-manages-key", "Allowed", "ImplicitlyDenied");
  });

  test("a root without access-matrix.json is skipped with a notice", async () => {
    const run = await runVerify(["--only", "access", path.join(FIXTURES, "good")]);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /NOTICE: no access-matrix\.json in this root, so no access question is simulated for it/);
  });

  test("an unknown resource or managed policy is a failure, not a silent pass", async () => {
    const run = await mutate(["access-matrix.json", '"address": "aws_kms_key.CentralVault_eu_west_1"', '"address": "aws_kms_key.Missing"']);
    assert.equal(run.code, 1);
    assert.ok(accessLines(run).some((l) => /module accounts\/central-backup has no resource aws_kms_key\.Missing/.test(l)), accessLines(run).join("\n"));
  });

  test("a topic policy letting the queue's account subscribe any endpoint", async () => {
    const run = await mutateRoot(GOLDEN, ["accounts/central-backup/notifications.tf", '              "sns:Protocol": "sqs",\n              "sns:Endpoint": "arn:aws:sqs:eu-west-1:123456789101:backup-events"\n', '              "sns:Protocol": "sqs"\n']);
    const base = "accounts/central-backup/topic/backup-alerts_eu_west_1/subscribe-backup-admin-backup-alerts_eu_west_1_210987654321_2";
    assertFails(run, `${base}-other-queue`, "Denied", "Allowed", /resource allow: statement AllowTheQueueAccountToSubscribeItsQueue1/);
    assert.equal(accessLines(run).length, 1, accessLines(run).join("\n"));
  });

  test("a restore testing grant on a resource key given to the backup role, or with more operations", async () => {
    const grant = "accounts/web-prod/restore-testing/resource-key-restore_testing_key_7a8b9c0d_2e3f_4a5b_8c6d_7e8f9a0b1c20_eu_west_1";
    const toBackupRole = await mutateRoot(GOLDEN, ["accounts/web-prod/kms.tf", "grantee_principal = aws_iam_role.restore_testing.arn", "grantee_principal = aws_iam_role.backup.arn"]);
    assertFails(toBackupRole, `${grant}-Decrypt`, "Allowed", "ImplicitlyDenied");
    assertFails(toBackupRole, `${grant}-backup-role`, "Denied", "Allowed", /resource allow: statement KmsGrant/);
    const wider = await mutateRoot(GOLDEN, ["accounts/web-prod/kms.tf", '["CreateGrant", "Decrypt", "DescribeKey", "GenerateDataKeyWithoutPlaintext"]', '["CreateGrant", "Decrypt", "DescribeKey", "Encrypt", "GenerateDataKeyWithoutPlaintext"]']);
    assertFails(wider, `${grant}-Encrypt`, "Denied", "Allowed");
    assert.equal(accessLines(wider).length, 1, accessLines(wider).join("\n"));
  });

  test("managed policies are pinned with their AWS version id and source", () => {
    for (const name of ["AdministratorAccess", "AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores", "AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore"]) {
      const p = managedPolicy(name);
      assert.match(p.versionId, /^v\d+$/, name);
      assert.match(p.source, /^https:\/\/docs\.aws\.amazon\.com\/aws-managed-policy\/latest\/reference\//, name);
      assert.equal(p.document.Version, "2012-10-17", name);
    }
  });
});

// The single-account golden root (the generator's current output, not a copy): its plan scans for
// malware, so it has the scanner role GuardDuty assumes and the scanned vault's key names it.
const SINGLE_ACCOUNT = path.resolve(FIXTURES, "..", "..", "..", "generator-core", "src", "test", "resources", "golden", "single-account");

describe("access matrix: the malware scanner role", () => {
  test("the single-account output answers every question as expected", async () => {
    const run = await mutateRoot(SINGLE_ACCOUNT);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^  PASS access +\d+ questions asked: .*every answer as expected/m);
  });

  test("a scanned vault's key policy without the scanner's statement", async () => {
    const run = await mutateRoot(SINGLE_ACCOUNT, ["accounts/startup/kms.tf", '"AWS": "${aws_iam_role.malware_scanner.arn}"', '"AWS": "${aws_iam_role.backup.arn}"']);
    assertFails(run, "accounts/startup/malware-scanner/key-primary_us_east_1-Decrypt", "Allowed", "ImplicitlyDenied");
  });

  test("a scanner trust policy that AWS Backup itself may use", async () => {
    const run = await mutateRoot(SINGLE_ACCOUNT, ["accounts/startup/iam.tf", '"Service": "malware-protection.guardduty.amazonaws.com"', '"Service": ["malware-protection.guardduty.amazonaws.com", "backup.amazonaws.com"]']);
    assertFails(run, "accounts/startup/malware-scanner/assume/backup-service", "Denied", "Allowed");
  });

  test("the scanner role with a policy that lets it delete recovery points", async () => {
    const run = await mutateRoot(SINGLE_ACCOUNT, ["accounts/startup/iam.tf", '"arn:aws:iam::aws:policy/AWSBackupGuardDutyRolePolicyForScans"', '"arn:aws:iam::aws:policy/AdministratorAccess"']);
    assertFails(run, "accounts/startup/malware-scanner/no-DeleteRecoveryPoint", "Denied", "Allowed");
  });
});
