// The access-matrix tier: the hand-corrected organization output passes; each fault the
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

/** Copies the fixture, applies [file, from, to] replacements (each must match), runs the access check. */
async function mutate(...edits) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "access-matrix-"));
  temps.push(dir);
  fs.cpSync(FIXTURE, dir, { recursive: true });
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
  test("the corrected organization output answers every question as expected", async () => {
    const run = await runVerify(["--only", "access", FIXTURE]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^  PASS access +62 questions asked: 27 allowed, 35 denied, every answer as expected/m);
  });

  test("the Organizations resource policy without organizations:TagResource", async () => {
    const run = await mutate(["management/organizations.tf", '            "organizations:TagResource",\n', ""]);
    assertFails(run, "management/delegation/TagResource-backup-policy", "Allowed", "ImplicitlyDenied", /no statement of the resource policy management\/aws_organizations_resource_policy\.backup_policy_delegation\.content allows it/);
    assert.equal(accessLines(run).length, 1, accessLines(run).join("\n"));
  });

  test("a vault policy without the deny on PutBackupVaultAccessPolicy", async () => {
    const run = await mutate(["accounts/payments-prod/vaults.tf", '            "backup:PutBackupVaultAccessPolicy",\n', ""]);
    const line = assertFails(run, "payments-prod/vault/BackupMcBackupFace/admin-PutBackupVaultAccessPolicy", "ExplicitlyDenied", "Allowed", /identity allow: AdministratorAccess \(v1\)/);
    assert.match(line, /accounts\/payments-prod\/vaults\.tf:\d+:3: access: /);
  });

  test("a central key policy missing one source role", async () => {
    const run = await mutate(["accounts/central-backup/kms.tf", ',\n              "arn:aws:iam::456789012345:role/service-role/BackupRole"', ""]);
    for (const action of ["GenerateDataKey", "Decrypt", "CreateGrant"]) {
      assertFails(run, `central-backup/key/CentralVault/web-prod-${action}`, "Allowed", "ImplicitlyDenied", /resource policy accounts\/central-backup\/aws_kms_key\.CentralVault_eu_west_1\.policy/);
    }
    assert.ok(!accessLines(run).some((l) => l.includes("payments-prod-")), "payments-prod keeps its access");
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
    assertFails(run, "central-backup/copy/CentralVault/from-outside-the-organization", "ImplicitlyDenied", "Allowed", /resource allow: statement AllowCopiesFromTheBackupRolesOfThisOrganization/);
    assertFails(run, "central-backup/copy/CentralVault/from-analytics-dev", "ImplicitlyDenied", "Allowed");
  });

  test("the trust policy without aws:SourceAccount", async () => {
    const run = await mutate([
      "accounts/web-prod/iam.tf",
      '          "Action": "sts:AssumeRole",\n          "Condition": {\n            "StringEquals": {\n              "aws:SourceAccount": "456789012345"\n            },\n            "ArnLike": {\n              "aws:SourceArn": "arn:aws:backup:*:456789012345:*"\n            }\n          }\n',
      '          "Action": "sts:AssumeRole"\n',
    ]);
    assertFails(run, "web-prod/assume/backup-service-for-another-account", "ImplicitlyDenied", "Allowed", /resource allow: statement AllowAwsBackupToAssumeTheRole/);
    assert.equal(accessLines(run).length, 1, accessLines(run).join("\n"));
  });

  test("the break-glass exception removed", async () => {
    const run = await mutate(["accounts/analytics-dev/vaults.tf", '                "arn:aws:iam::567890123456:role/BackupBreakGlass",\n', ""]);
    assertFails(run, "analytics-dev/vault/BackupMcBackupFace/break-glass-delete-recovery-point", "Allowed", "ExplicitlyDenied", /resource deny: statement DenyDeletingOrShorteningRecoveryPointsAndChangingTheVault/);
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

  test("managed policies are pinned with their AWS version id and source", () => {
    for (const name of ["AdministratorAccess", "AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores", "AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore"]) {
      const p = managedPolicy(name);
      assert.match(p.versionId, /^v\d+$/, name);
      assert.match(p.source, /^https:\/\/docs\.aws\.amazon\.com\/aws-managed-policy\/latest\/reference\//, name);
      assert.equal(p.document.Version, "2012-10-17", name);
    }
  });
});
