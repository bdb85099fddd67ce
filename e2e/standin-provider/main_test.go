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
