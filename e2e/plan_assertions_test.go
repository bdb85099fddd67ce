package e2e

// Unit tests of the plan assertions and the harness helpers, on synthetic plans: no tools needed.

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

type res struct {
	typ, name, provider string
	exprs               map[string]interface{} // attr -> "ref:a.b.c" or a constant
	values              map[string]interface{}
}

// mkPlan builds a plan JSON of the shape `tofu show -json` writes, and parses it with tfjson.
func mkPlan(t *testing.T, rs ...res) *tfjson.Plan {
	t.Helper()
	var cfg, planned, changes []map[string]interface{}
	for _, r := range rs {
		ex := map[string]interface{}{}
		for k, v := range r.exprs {
			if s, ok := v.(string); ok && strings.HasPrefix(s, "ref:") {
				ref := strings.TrimPrefix(s, "ref:")
				parts := strings.Split(ref, ".")
				ex[k] = map[string]interface{}{"references": []string{ref, strings.Join(parts[:2], ".")}}
			} else {
				ex[k] = map[string]interface{}{"constant_value": v}
			}
		}
		pk := r.provider
		if pk == "" {
			pk = "aws"
		}
		addr := r.typ + "." + r.name
		cfg = append(cfg, map[string]interface{}{"address": addr, "mode": "managed", "type": r.typ, "name": r.name,
			"provider_config_key": pk, "expressions": ex})
		planned = append(planned, map[string]interface{}{"address": addr, "mode": "managed", "type": r.typ, "name": r.name,
			"provider_name": "registry.opentofu.org/hashicorp/aws", "values": r.values})
		changes = append(changes, map[string]interface{}{"address": addr, "mode": "managed", "type": r.typ, "name": r.name,
			"change": map[string]interface{}{"actions": []string{"create"}, "before": nil, "after": r.values}})
	}
	doc := map[string]interface{}{
		"format_version":    "1.2",
		"terraform_version": "1.12.6",
		"planned_values":    map[string]interface{}{"root_module": map[string]interface{}{"resources": planned}},
		"resource_changes":  changes,
		"configuration":     map[string]interface{}{"root_module": map[string]interface{}{"resources": cfg}},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var p tfjson.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func errStrings(errs []error) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}

func TestCheckVaults(t *testing.T) {
	good := mkPlan(t,
		res{typ: "aws_kms_key", name: "k"},
		res{typ: "aws_backup_vault", name: "v", exprs: map[string]interface{}{"kms_key_arn": "ref:aws_kms_key.k.arn"}},
		res{typ: "aws_backup_vault_lock_configuration", name: "l", exprs: map[string]interface{}{"backup_vault_name": "ref:aws_backup_vault.v.name"}},
		res{typ: "aws_backup_vault", name: "existing", exprs: map[string]interface{}{
			"kms_key_arn": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}},
		res{typ: "aws_backup_vault_lock_configuration", name: "le", exprs: map[string]interface{}{"backup_vault_name": "ref:aws_backup_vault.existing.name"}},
	)
	if errs := CheckVaults(good); len(errs) != 0 {
		t.Fatalf("good plan rejected: %v", errs)
	}
	bad := mkPlan(t,
		res{typ: "aws_kms_key", name: "k_west", provider: "aws.eu_west_1"},
		res{typ: "aws_backup_vault", name: "const", exprs: map[string]interface{}{"kms_key_arn": "arn:aws:kms:eu-central-1:1:alias/aws/backup"}},
		res{typ: "aws_backup_vault", name: "none"},
		res{typ: "aws_backup_vault", name: "region", exprs: map[string]interface{}{"kms_key_arn": "ref:aws_kms_key.k_west.arn"}},
		res{typ: "aws_backup_vault", name: "undeclared", exprs: map[string]interface{}{"kms_key_arn": "ref:aws_kms_key.gone.arn"}},
		res{typ: "aws_backup_vault_lock_configuration", name: "l", provider: "aws.eu_west_1",
			exprs: map[string]interface{}{"backup_vault_name": "ref:aws_backup_vault.region.name"}},
	)
	got := errStrings(CheckVaults(bad))
	for _, want := range []string{
		"aws_backup_vault.const: kms_key_arn is the constant",
		"aws_backup_vault.none: no kms_key_arn",
		"aws_backup_vault.region (provider aws) uses aws_kms_key.k_west from provider aws.eu_west_1",
		"aws_backup_vault.undeclared: kms_key_arn refers to aws_kms_key.gone, which this module does not declare",
		"aws_backup_vault.region: its lock aws_backup_vault_lock_configuration.l uses provider aws.eu_west_1",
		"aws_backup_vault.none: no aws_backup_vault_lock_configuration refers to it",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestCheckBackupPolicies(t *testing.T) {
	p := mkPlan(t,
		res{typ: "aws_organizations_policy", name: "ok", values: map[string]interface{}{"type": "BACKUP_POLICY", "content": `{"plans":{}}`}},
		res{typ: "aws_organizations_policy", name: "scp", values: map[string]interface{}{"type": "SERVICE_CONTROL_POLICY", "content": `{"plans":{}}`}},
		res{typ: "aws_organizations_policy", name: "notjson", values: map[string]interface{}{"type": "BACKUP_POLICY", "content": `{"plans":`}},
		res{typ: "aws_organizations_policy", name: "unknown", values: map[string]interface{}{"type": "BACKUP_POLICY"}},
		res{typ: "aws_organizations_policy", name: "big", values: map[string]interface{}{"type": "BACKUP_POLICY",
			"content": `{"plans":{},"x":"` + strings.Repeat("a", BackupPolicyMaxChars) + `"}`}},
	)
	got := errStrings(CheckBackupPolicies(p))
	for _, want := range []string{`aws_organizations_policy.scp: type is "SERVICE_CONTROL_POLICY"`, "notjson: content is not a JSON object",
		"unknown: content is not known at plan time", "big: content is 100"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "policy.ok") {
		t.Errorf("good policy rejected:\n%s", got)
	}
}

func TestAssertOrgPolicyContentEquals(t *testing.T) {
	p := mkPlan(t, res{typ: "aws_organizations_policy", name: "daily",
		values: map[string]interface{}{"type": "BACKUP_POLICY", "content": `{"plans":{"a":{"regions":{"@@assign":["eu-west-1"]}}}}`}})
	if err := AssertOrgPolicyContentEquals(p, "aws_organizations_policy.daily", []byte("{\n \"plans\": {\"a\": {\"regions\": {\"@@assign\": [\"eu-west-1\"]}}}\n}")); err != nil {
		t.Fatalf("same document (other whitespace) rejected: %v", err)
	}
	err := AssertOrgPolicyContentEquals(p, "aws_organizations_policy.daily", []byte(`{"plans":{"a":{"regions":{"@@assign":["eu-central-1"]}}}}`))
	if err == nil || !strings.Contains(err.Error(), "differs") {
		t.Fatalf("different document accepted: %v", err)
	}
	if err := AssertOrgPolicyContentEquals(p, "aws_organizations_policy.other", []byte(`{}`)); err == nil {
		t.Fatal("missing policy accepted")
	}
	if err := AssertOrgPolicyContentEquals(p, "aws_organizations_policy.daily", []byte(`{`)); err == nil {
		t.Fatal("unparsable expectation accepted")
	}
}

func orgPolicy(resourceTypes string) string {
	return `{"plans":{"p":{"rules":{"r":{"target_backup_vault_name":{"@@assign":"Local"}}},` +
		`"selections":{"resources":{"s":{"iam_role_arn":{"@@assign":"arn:aws:iam::$account:role/service-role/backup-role"},` +
		`"resource_types":{"@@assign":[` + resourceTypes + `]},"not_resources":{"@@assign":["arn:aws:s3:::excluded"]}}}}}}}`
}

// accountPlan: a module with the role "backup-role", a vault, and the given managed policies.
func accountPlan(t *testing.T, vault string, policies ...string) *tfjson.Plan {
	rs := []res{
		{typ: "aws_iam_role", name: "r", values: map[string]interface{}{"name": "backup-role"}},
		{typ: "aws_backup_vault", name: "v", values: map[string]interface{}{"name": vault}},
	}
	for i, arn := range policies {
		rs = append(rs, res{typ: "aws_iam_role_policy_attachment", name: "a" + string(rune('0'+i)),
			exprs: map[string]interface{}{"role": "ref:aws_iam_role.r.name", "policy_arn": arn}, values: map[string]interface{}{"policy_arn": arn}})
	}
	return mkPlan(t, rs...)
}

func TestRolesMissingS3Policies(t *testing.T) {
	mgmt := func(content string) *tfjson.Plan {
		return mkPlan(t, res{typ: "aws_organizations_policy", name: "p", values: map[string]interface{}{"type": "BACKUP_POLICY", "content": content}})
	}
	base := "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
	plans := map[string]*tfjson.Plan{
		"policies":   mgmt(orgPolicy(`"arn:aws:s3:::*"`)),
		"accounts/a": accountPlan(t, "Local", append([]string{base}, S3ManagedPolicyARNs...)...),
		"accounts/b": accountPlan(t, "Local", base, S3ManagedPolicyARNs[0]),
		// no vault named Local: no org plan runs here, so its role needs no S3 policies
		"accounts/central": accountPlan(t, "CentralVault", base),
	}
	if !SelectsS3(plans) {
		t.Fatal("S3 selection not seen")
	}
	if got := BackupRoleNames(plans); len(got) != 1 || got[0] != "backup-role" {
		t.Fatalf("backup roles = %v", got)
	}
	errs := RolesMissingS3Policies(plans)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "accounts/b") || !strings.Contains(errs[0].Error(), "S3Restore") {
		t.Fatalf("want one failure for accounts/b lacking S3Restore, got %v", errs)
	}
	// only EBS selected (the S3 ARN is under not_resources): nothing is required
	plans["policies"] = mgmt(orgPolicy(`"arn:aws:ec2:*:*:volume/*"`))
	if SelectsS3(plans) || len(RolesMissingS3Policies(plans)) != 0 {
		t.Fatal("S3 policies required though S3 is not selected")
	}
	// "*" selects S3 too
	plans["policies"] = mgmt(orgPolicy(`"*"`))
	if len(RolesMissingS3Policies(plans)) != 1 {
		t.Fatal(`"*" not taken as selecting S3`)
	}
	// an aws_backup_selection that selects S3 and refers to the role counts too
	sel := mkPlan(t,
		res{typ: "aws_iam_role", name: "r", values: map[string]interface{}{"name": "selection-role"}},
		res{typ: "aws_backup_selection", name: "s", exprs: map[string]interface{}{"iam_role_arn": "ref:aws_iam_role.r.arn"},
			values: map[string]interface{}{"resources": []interface{}{"arn:aws:s3:::bucket"}}},
	)
	errs = RolesMissingS3Policies(map[string]*tfjson.Plan{"x": sel})
	if len(errs) != 2 {
		t.Fatalf("want 2 failures (both S3 policies missing), got %v", errs)
	}
	// each selection with its own role: only the role of the selection that selects S3 needs the policies
	twoRoles := `{"plans":{"p":{"rules":{"r":{"target_backup_vault_name":{"@@assign":"Local"}}},"selections":{"resources":{` +
		`"db":{"iam_role_arn":{"@@assign":"arn:aws:iam::$account:role/service-role/backup-role"},"resource_types":{"@@assign":["arn:aws:rds:*:*:db:*"]}},` +
		`"all":{"iam_role_arn":{"@@assign":"arn:aws:iam::$account:role/other-role"},"resource_types":{"@@assign":["*"]}}}}}}}`
	scopes := S3Scopes(map[string]*tfjson.Plan{"policies": mgmt(twoRoles)})
	if len(scopes) != 1 || !scopes[0].RoleNames["other-role"] || scopes[0].RoleNames["backup-role"] {
		t.Fatalf("want one S3 scope, for other-role only, got %+v", scopes)
	}
	if missing := BackupRolesNotCreated(map[string]*tfjson.Plan{"policies": mgmt(orgPolicy(`"*"`))}); len(missing) != 1 {
		t.Fatalf("role named by the policy but created nowhere not reported: %v", missing)
	}
}

func TestKeyPolicyPrincipals(t *testing.T) {
	policy := `{"Version":"2012-10-17","Statement":[
	 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"},
	 {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222222222222:role/b","arn:aws:iam::333333333333:role/b"]},"Action":"kms:Decrypt","Resource":"*"},
	 {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::444444444444:role/x"},"Action":"kms:*","Resource":"*"}]}`
	p := mkPlan(t, res{typ: "aws_kms_key", name: "central", values: map[string]interface{}{"policy": policy}})
	if err := AssertKeyPolicyPrincipalsExactly(p, "aws_kms_key.central",
		[]string{"arn:aws:iam::333333333333:role/b", "arn:aws:iam::222222222222:role/b"}); err != nil {
		t.Fatal(err)
	}
	if err := AssertKeyPolicyPrincipalsExactly(p, "aws_kms_key.central", []string{"arn:aws:iam::222222222222:role/b"}); err == nil {
		t.Fatal("extra principal accepted")
	}
}

func TestOverrideFileAndFacts(t *testing.T) {
	facts, err := ReadModuleFacts(filepath.Join("testdata", "fixture-root", "accounts", "workload-a"))
	if err != nil {
		t.Fatal(err)
	}
	if len(facts.Providers) != 2 || facts.Providers[1].Alias != "eu_west_1" || !facts.Variables["assume_role_arn"] {
		t.Fatalf("facts = %+v", facts)
	}
	o := OverrideFile(facts)
	for _, want := range []string{`alias = "eu_west_1"`, "skip_requesting_account_id  = true", "allowed_account_ids         = null",
		"variable \"assume_role_arn\" {\n  default = null", `backend "local"`} {
		if !strings.Contains(o, want) {
			t.Errorf("override lacks %q:\n%s", want, o)
		}
	}
	if strings.Count(o, "provider \"aws\"") != 2 {
		t.Errorf("want one override per provider configuration:\n%s", o)
	}
	if errs := AssertProvidersPinAccount(facts, ModuleEntry{Path: "accounts/workload-a", AccountID: "222222222222"}); len(errs) != 0 {
		t.Fatal(errs)
	}
	if errs := AssertProvidersPinAccount(facts, ModuleEntry{Path: "accounts/workload-a", AccountID: "999999999999"}); len(errs) != 2 {
		t.Fatalf("wrong account not reported for both providers: %v", errs)
	}
}

func TestReadApplyOrder(t *testing.T) {
	ao, err := ReadApplyOrder(filepath.Join("testdata", "fixture-root"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ao.Modules) != 2 || ao.Modules[0].Path != "management" || ao.Modules[1].AccountID != "222222222222" {
		t.Fatalf("apply order = %+v", ao)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "apply-order.json"), []byte(`{"modules":[{"order":1,"path":"../escape"}]}`), 0o644)
	if _, err := ReadApplyOrder(dir); err == nil {
		t.Fatal("path escaping the root accepted")
	}
}

func TestRootsFromEnv(t *testing.T) {
	t.Setenv("E2E_ROOTS", "/a/b:rel/c:")
	roots, fromEnv := RootsFromEnv("/e2e")
	if !fromEnv || len(roots) != 2 || roots[0] != "/a/b" || roots[1] != "/e2e/rel/c" {
		t.Fatalf("roots = %v", roots)
	}
}

// The harness and build-tools.sh must key the stand-in provider the same way.
func TestStandinHashMatchesBuildScript(t *testing.T) {
	out, err := exec.Command("bash", "-c", "cd standin-provider && cat $(cat sources.txt) | sha256sum | cut -c1-12").Output()
	if err != nil {
		t.Fatal(err)
	}
	h, err := StandinHash(E2EDir())
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(out)) != h {
		t.Fatalf("bash hash %q != Go hash %q", strings.TrimSpace(string(out)), h)
	}
}

func TestCheckCentralKeyPrincipals(t *testing.T) {
	dest := "arn:aws:backup:eu-west-1:333333333333:backup-vault:Central"
	policy := `{"plans":{"p":{"rules":{"r":{"target_backup_vault_name":{"@@assign":"Local"},"copy_actions":{"` + dest +
		`":{"target_backup_vault_arn":{"@@assign":"` + dest + `"}}}}},` +
		`"selections":{"tags":{"t":{"iam_role_arn":{"@@assign":"arn:aws:iam::$account:role/service-role/BackupRole"}}}}}}}`
	role := res{typ: "aws_iam_role", name: "backup", values: map[string]interface{}{"name": "BackupRole", "path": "/service-role/"}}
	central := func(principals ...string) *tfjson.Plan {
		b, _ := json.Marshal(map[string]interface{}{"Statement": []interface{}{
			map[string]interface{}{"Effect": "Allow", "Principal": map[string]interface{}{"AWS": "arn:aws:iam::333333333333:root"}},
			map[string]interface{}{"Effect": "Allow", "Principal": map[string]interface{}{"AWS": principals}},
		}})
		return mkPlan(t, role,
			res{typ: "aws_kms_key", name: "k", values: map[string]interface{}{"policy": string(b)}},
			res{typ: "aws_backup_vault", name: "v", exprs: map[string]interface{}{"kms_key_arn": "ref:aws_kms_key.k.arn"},
				values: map[string]interface{}{"name": "Central"}})
	}
	ao := ApplyOrder{Modules: []ModuleEntry{
		{Path: "policies", AccountID: "999999999999"},
		{Path: "accounts/src", AccountID: "111111111111"},
		{Path: "accounts/other", AccountID: "222222222222"},
		{Path: "accounts/central", AccountID: "333333333333", After: []string{"accounts/src"}},
	}}
	plans := map[string]*tfjson.Plan{
		"policies":       mkPlan(t, res{typ: "aws_organizations_policy", name: "p", values: map[string]interface{}{"type": "BACKUP_POLICY", "content": policy}}),
		"accounts/src":   mkPlan(t, role),
		"accounts/other": mkPlan(t, role),
		"accounts/central": central("arn:aws:iam::333333333333:role/service-role/BackupRole",
			"arn:aws:iam::111111111111:role/service-role/BackupRole"),
	}
	if errs := CheckCentralKeyPrincipals(ao, plans); len(errs) != 0 {
		t.Fatalf("exact principals rejected: %v", errs)
	}
	plans["accounts/central"] = central("arn:aws:iam::333333333333:role/service-role/BackupRole",
		"arn:aws:iam::111111111111:role/service-role/BackupRole", "arn:aws:iam::222222222222:role/service-role/BackupRole")
	if errs := CheckCentralKeyPrincipals(ao, plans); len(errs) != 1 || !strings.Contains(errs[0].Error(), "want exactly") {
		t.Fatalf("extra principal not reported: %v", errs)
	}
	plans["accounts/central"] = central("arn:aws:iam::333333333333:role/service-role/BackupRole")
	if errs := CheckCentralKeyPrincipals(ao, plans); len(errs) != 1 {
		t.Fatalf("missing source role not reported: %v", errs)
	}
	delete(plans, "accounts/central")
	plans["accounts/central"] = mkPlan(t, role)
	if errs := CheckCentralKeyPrincipals(ao, plans); len(errs) != 1 || !strings.Contains(errs[0].Error(), "no module creates vault") {
		t.Fatalf("missing destination vault not reported: %v", errs)
	}
}

func TestResolveRoleARNsInKeyPolicies(t *testing.T) {
	dir := t.TempDir()
	tf := `resource "aws_iam_role" "backup" {
  name = "BackupRole"
  path = "/service-role/"
}

resource "aws_kms_key" "k" {
  policy = <<-EOT
    {"Statement":[{"Effect":"Allow","Principal":{"AWS":["${aws_iam_role.backup.arn}","arn:aws:iam::222222222222:role/b"]},"Action":"kms:Decrypt","Resource":"*"}]}
  EOT
}

resource "aws_kms_key" "other" {
  policy = "${var.unknown}"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	p := mkPlan(t,
		res{typ: "aws_iam_role", name: "backup", values: map[string]interface{}{"name": "BackupRole", "path": "/service-role/"}},
		res{typ: "aws_kms_key", name: "k", values: map[string]interface{}{}},
		res{typ: "aws_kms_key", name: "other", values: map[string]interface{}{}})
	filled, err := ResolveRoleARNsInKeyPolicies(dir, ModuleEntry{Path: "m", AccountID: "111111111111"}, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(filled) != 1 || filled[0] != "aws_kms_key.k" {
		t.Fatalf("filled %v, want only aws_kms_key.k (other depends on something else)", filled)
	}
	if err := AssertKeyPolicyPrincipalsExactly(p, "aws_kms_key.k",
		[]string{"arn:aws:iam::111111111111:role/service-role/BackupRole", "arn:aws:iam::222222222222:role/b"}); err != nil {
		t.Fatal(err)
	}
	if _, err := KeyPolicyPrincipals(p, "aws_kms_key.other"); err == nil || !strings.Contains(err.Error(), "not known at plan time") {
		t.Fatalf("a policy unknown for another reason must stay unknown: %v", err)
	}
}

func TestCheckAllCreatesChecksOnlyModule(t *testing.T) {
	var empty, checks tfjson.Plan
	if err := json.Unmarshal([]byte(`{"format_version":"1.2","configuration":{"root_module":{}}}`), &empty); err != nil {
		t.Fatal(err)
	}
	if errs := CheckAllCreates(&empty); len(errs) != 1 {
		t.Errorf("an empty module must fail: %v", errs)
	}
	if err := json.Unmarshal([]byte(`{"format_version":"1.2","configuration":{"root_module":{"resources":[
	  {"address":"data.aws_organizations_organization.this","mode":"data","type":"aws_organizations_organization","name":"this"}]}}}`), &checks); err != nil {
		t.Fatal(err)
	}
	if errs := CheckAllCreates(&checks); len(errs) != 0 {
		t.Errorf("a module of checks only plans nothing and passes: %v", errs)
	}
}
