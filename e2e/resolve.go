package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// ResolveRoleARNsInKeyPolicies fills in the policy of every planned aws_kms_key of a module
// that is unknown at plan time only because it interpolates the ARN of an IAM role the same
// module creates (e.g. the central backup account's key naming its own backup role as
// "${aws_iam_role.backup.arn}"): neither the real provider nor the stand-in knows a new
// role's ARN before apply, but it is determined: arn:aws:iam::<account>:role<path><name>,
// with the account from apply-order.json and the path and name from the plan. The policy
// expression is taken from the module's own files (HCL parser) and evaluated with only those
// ARNs; anything else unknown leaves the policy unknown (and the key checks report it).
// Returns the addresses filled in.
func ResolveRoleARNsInKeyPolicies(moduleDir string, entry ModuleEntry, plan *tfjson.Plan) ([]string, error) {
	var unknown []*tfjson.StateResource
	for _, r := range PlannedResourcesOfType(plan, "aws_kms_key") {
		if _, ok := r.AttributeValues["policy"].(string); !ok && r.Index == nil {
			unknown = append(unknown, r)
		}
	}
	if len(unknown) == 0 {
		return nil, nil
	}
	roles := map[string]cty.Value{}
	for _, r := range PlannedResourcesOfType(plan, "aws_iam_role") {
		name, _ := r.AttributeValues["name"].(string)
		if name == "" || r.Index != nil {
			continue
		}
		path, _ := r.AttributeValues["path"].(string)
		if path == "" {
			path = "/"
		}
		roles[r.Name] = cty.ObjectVal(map[string]cty.Value{
			"arn": cty.StringVal("arn:aws:iam::" + entry.AccountID + ":role" + path + name),
		})
	}
	if len(roles) == 0 {
		return nil, nil
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{"aws_iam_role": cty.ObjectVal(roles)}}

	exprs := map[string]hclsyntax.Expression{} // resource name -> policy expression
	files, err := filepath.Glob(filepath.Join(moduleDir, "*.tf"))
	if err != nil {
		return nil, err
	}
	for _, fn := range files {
		src, err := os.ReadFile(fn)
		if err != nil {
			return nil, err
		}
		f, diags := hclsyntax.ParseConfig(src, fn, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, diags
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			if b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_kms_key" {
				if a, ok := b.Body.Attributes["policy"]; ok {
					exprs[b.Labels[1]] = a.Expr
				}
			}
		}
	}
	var filled []string
	for _, r := range unknown {
		expr, ok := exprs[r.Name]
		if !ok {
			continue
		}
		onlyRoles := true
		for _, tr := range expr.Variables() {
			if tr.RootName() != "aws_iam_role" {
				onlyRoles = false
			}
		}
		if !onlyRoles {
			continue
		}
		v, diags := expr.Value(ctx)
		if diags.HasErrors() || v.Type() != cty.String || !v.IsWhollyKnown() || v.IsNull() {
			continue
		}
		if r.AttributeValues == nil {
			return nil, fmt.Errorf("%s: no planned values", r.Address)
		}
		r.AttributeValues["policy"] = v.AsString()
		filled = append(filled, r.Address)
	}
	sort.Strings(filled)
	return filled, nil
}
