package main

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestEmbeddedSchema(t *testing.T) {
	s, err := newServer()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{
		"aws_organizations_policy", "aws_organizations_policy_attachment", "aws_organizations_delegated_administrator",
		"aws_organizations_resource_policy", "aws_backup_global_settings", "aws_backup_vault",
		"aws_backup_vault_lock_configuration", "aws_backup_vault_policy", "aws_backup_plan", "aws_backup_selection",
		"aws_kms_key", "aws_kms_alias", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
	} {
		if _, ok := s.protoRes[typ]; !ok {
			t.Errorf("schema lacks %s", typ)
		}
	}
	v := s.resources["aws_backup_vault"].Block
	if !v.Attributes["name"].Required || !v.Attributes["arn"].Computed || v.Attributes["kms_key_arn"].Required {
		t.Errorf("aws_backup_vault attributes wrong: %+v", v.Attributes)
	}
	rule := s.resources["aws_backup_plan"].Block.BlockTypes["rule"]
	if rule.NestingMode != "set" || rule.MinItems != 1 || rule.Block.BlockTypes["lifecycle"].MaxItems != 1 {
		t.Errorf("aws_backup_plan rule block wrong: %+v", rule)
	}
	if _, ok := s.provider.Block.Attributes["alias"]; ok {
		t.Error("provider schema must not declare the meta-argument alias")
	}
}

func TestPlanMarksUnsetComputedUnknown(t *testing.T) {
	s, _ := newServer()
	b := s.resources["aws_backup_vault"].Block
	typ := b.valueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	vals["name"] = tftypes.NewValue(tftypes.String, "v")
	proposed := tftypes.NewValue(typ, vals)
	planned, err := PlanFor(b, proposed, tftypes.NewValue(typ, nil))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]tftypes.Value
	if err := planned.As(&got); err != nil {
		t.Fatal(err)
	}
	if got["arn"].IsKnown() || got["id"].IsKnown() {
		t.Error("computed arn/id should be unknown on create")
	}
	if !got["kms_key_arn"].IsNull() || !got["kms_key_arn"].IsKnown() {
		t.Error("optional, non-computed kms_key_arn must stay null")
	}
	var name string
	_ = got["name"].As(&name)
	if name != "v" {
		t.Errorf("name = %q", name)
	}
}

func nullConfig(t *testing.T, b jsonBlock, set map[string]string) tftypes.Value {
	t.Helper()
	typ := b.valueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for k, v := range set {
		vals[k] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(typ, vals)
}

func TestDataSourcesFromFacts(t *testing.T) {
	s, err := newServer()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"aws_organizations_organization", "aws_organizations_organizational_unit_descendant_accounts",
		"aws_caller_identity", "aws_iam_session_context"} {
		if _, ok := s.protoData[typ]; !ok {
			t.Errorf("schema lacks data source %s", typ)
		}
	}
	for _, typ := range []string{"aws_backup_region_settings", "aws_kms_grant", "aws_cloudformation_stack_set", "aws_cloudformation_stack_set_instance"} {
		if _, ok := s.protoRes[typ]; !ok {
			t.Errorf("schema lacks %s", typ)
		}
	}
	f := &Facts{
		Caller: &CallerFacts{AccountID: "111122223333", Arn: "arn:aws:sts::111122223333:assumed-role/Deployer/e2e"},
		Organization: &OrganizationFacts{ID: "o-x", RootID: "r-x", EnabledPolicyTypes: []string{"BACKUP_POLICY"},
			AWSServiceAccessPrincipals: []string{"backup.amazonaws.com"}},
		Accounts: map[string][]AccountFacts{"ou-x": {{ID: "111122223333", Status: "ACTIVE"}}},
	}
	org := s.dataSources["aws_organizations_organization"].Block
	v, err := ReadData("aws_organizations_organization", org, nullConfig(t, org, nil), f)
	if err != nil {
		t.Fatal(err)
	}
	var root string
	steps := tftypes.NewAttributePath().WithAttributeName("roots").WithElementKeyInt(0).WithAttributeName("id")
	rv, _, err := tftypes.WalkAttributePath(v, steps)
	if err != nil {
		t.Fatal(err)
	}
	_ = rv.(tftypes.Value).As(&root)
	if root != "r-x" {
		t.Errorf("roots[0].id = %q", root)
	}
	desc := s.dataSources["aws_organizations_organizational_unit_descendant_accounts"].Block
	if _, err := ReadData("aws_organizations_organizational_unit_descendant_accounts", desc, nullConfig(t, desc, map[string]string{"parent_id": "ou-x"}), f); err != nil {
		t.Error(err)
	}
	if _, err := ReadData("aws_organizations_organizational_unit_descendant_accounts", desc, nullConfig(t, desc, map[string]string{"parent_id": "ou-other"}), f); err == nil {
		t.Error("a parent without facts must be an error")
	}
	sc := s.dataSources["aws_iam_session_context"].Block
	v, err = ReadData("aws_iam_session_context", sc, nullConfig(t, sc, map[string]string{"arn": f.Caller.Arn}), f)
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]tftypes.Value
	_ = v.As(&obj)
	var issuer string
	_ = obj["issuer_arn"].As(&issuer)
	if issuer != "arn:aws:iam::111122223333:role/Deployer" {
		t.Errorf("issuer_arn = %q", issuer)
	}
	if _, err := ReadData("aws_organizations_organization", org, nullConfig(t, org, nil), &Facts{}); err == nil {
		t.Error("missing organization facts must be an error")
	}
	if d := s.dataDiag("aws_vpc"); d == nil {
		t.Error("unknown data source must be a diagnostic")
	}
}
