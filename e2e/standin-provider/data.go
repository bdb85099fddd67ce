package main

// Data sources of the stand-in. A real provider reads them from AWS; the stand-in reads them
// from "organization facts": a JSON file named by the environment variable E2E_ORG_FACTS
// (FactsEnv), written by the e2e harness for each module it plans (see ../README.md). The
// configuration is returned with its unset computed attributes filled from the facts, so the
// generated postconditions (organization id, root id, enabled policy types, the accounts
// below each attachment target) are evaluated by OpenTofu itself against those facts.

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// FactsEnv names the environment variable that points at the facts file.
const FactsEnv = "E2E_ORG_FACTS"

// Facts is the content of the facts file (the harness writes the same shape).
type Facts struct {
	Caller       *CallerFacts              `json:"caller,omitempty"`
	Organization *OrganizationFacts        `json:"organization,omitempty"`
	Accounts     map[string][]AccountFacts `json:"accounts_by_parent,omitempty"`
}

// CallerFacts is who the credentials are (aws_caller_identity).
type CallerFacts struct {
	AccountID string `json:"account_id"`
	Arn       string `json:"arn"`
	UserID    string `json:"user_id"`
}

// OrganizationFacts is what aws_organizations_organization reads.
type OrganizationFacts struct {
	ID                         string   `json:"id"`
	Arn                        string   `json:"arn"`
	RootID                     string   `json:"root_id"`
	MasterAccountID            string   `json:"master_account_id"`
	EnabledPolicyTypes         []string `json:"enabled_policy_types"`
	AWSServiceAccessPrincipals []string `json:"aws_service_access_principals"`
}

// AccountFacts is one account of the organization.
type AccountFacts struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Name   string `json:"name"`
	Arn    string `json:"arn"`
	Email  string `json:"email"`
	State  string `json:"state"`
}

func (a AccountFacts) value() map[string]any {
	return map[string]any{"id": a.ID, "status": a.Status, "name": a.Name, "arn": a.Arn, "email": a.Email,
		"state": a.State, "joined_method": "CREATED", "joined_timestamp": "2020-01-01T00:00:00Z"}
}

func loadFacts() (*Facts, error) {
	path := os.Getenv(FactsEnv)
	if path == "" {
		return nil, fmt.Errorf("%s is not set: the stand-in reads data sources from a facts file the e2e harness writes", FactsEnv)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", FactsEnv, err)
	}
	var f Facts
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s=%s: %w", FactsEnv, path, err)
	}
	return &f, nil
}

var assumedRoleARN = regexp.MustCompile(`^arn:(aws[\w-]*):sts::(\d{12}):assumed-role/(.+)/([^/]+)$`)

// dataSourceValues returns the computed attributes a data source reads, as plain Go values
// (string, []any, map[string]any), given its configuration.
func dataSourceValues(typeName string, config map[string]tftypes.Value, f *Facts) (map[string]any, error) {
	switch typeName {
	case "aws_caller_identity":
		if f.Caller == nil {
			return nil, fmt.Errorf("the facts file has no caller")
		}
		return map[string]any{"id": f.Caller.AccountID, "account_id": f.Caller.AccountID, "arn": f.Caller.Arn,
			"user_id": f.Caller.UserID}, nil
	case "aws_iam_session_context":
		arn, ok := getString(config, "arn")
		if !ok {
			return nil, fmt.Errorf("arn is not known")
		}
		out := map[string]any{"id": arn, "issuer_arn": arn, "issuer_id": "", "issuer_name": "", "session_name": ""}
		if m := assumedRoleARN.FindStringSubmatch(arn); m != nil {
			// as the real data source: an assumed-role session's issuer is its role
			out["issuer_arn"] = fmt.Sprintf("arn:%s:iam::%s:role/%s", m[1], m[2], m[3])
			out["issuer_name"] = m[3]
			out["session_name"] = m[4]
			out["issuer_id"] = "AROAE2ESTANDINROLEID"
		}
		return out, nil
	case "aws_organizations_organization":
		o := f.Organization
		if o == nil {
			return nil, fmt.Errorf("the facts file has no organization")
		}
		var types []any
		for _, t := range o.EnabledPolicyTypes {
			types = append(types, map[string]any{"type": t, "status": "ENABLED"})
		}
		var all, nonMaster []any
		seen := map[string]bool{}
		for _, parent := range sortedKeys(f.Accounts) {
			for _, a := range f.Accounts[parent] {
				if seen[a.ID] {
					continue
				}
				seen[a.ID] = true
				all = append(all, a.value())
				if a.ID != o.MasterAccountID {
					nonMaster = append(nonMaster, a.value())
				}
			}
		}
		return map[string]any{
			"id": o.ID, "arn": o.Arn, "feature_set": "ALL",
			"master_account_id": o.MasterAccountID, "master_account_arn": "", "master_account_email": "", "master_account_name": "",
			"roots":                []any{map[string]any{"id": o.RootID, "name": "Root", "arn": "", "policy_types": types}},
			"enabled_policy_types": strs(o.EnabledPolicyTypes), "aws_service_access_principals": strs(o.AWSServiceAccessPrincipals),
			"accounts": all, "non_master_accounts": nonMaster,
		}, nil
	case "aws_organizations_organizational_unit_descendant_accounts":
		parent, ok := getString(config, "parent_id")
		if !ok {
			return nil, fmt.Errorf("parent_id is not known")
		}
		accts, ok := f.Accounts[parent]
		if !ok {
			return nil, fmt.Errorf("the facts file lists no accounts below %s (accounts_by_parent)", parent)
		}
		var list []any
		for _, a := range accts {
			list = append(list, a.value())
		}
		return map[string]any{"id": parent, "accounts": list}, nil
	}
	return nil, fmt.Errorf("the stand-in cannot read data source %s", typeName)
}

func strs(ss []string) []any {
	out := make([]any, 0, len(ss))
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}

// goValue converts a plain Go value (nil, string, bool, number, []any, map[string]any) to a
// value of type t; object attributes it lacks are null.
func goValue(t tftypes.Type, v any) (tftypes.Value, error) {
	if v == nil {
		return tftypes.NewValue(t, nil), nil
	}
	switch {
	case t.Is(tftypes.String):
		s, ok := v.(string)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("want string, have %T", v)
		}
		return tftypes.NewValue(t, s), nil
	case t.Is(tftypes.Bool):
		b, ok := v.(bool)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("want bool, have %T", v)
		}
		return tftypes.NewValue(t, b), nil
	case t.Is(tftypes.Number):
		switch n := v.(type) {
		case int:
			return tftypes.NewValue(t, big.NewFloat(float64(n))), nil
		case float64:
			return tftypes.NewValue(t, big.NewFloat(n)), nil
		}
		return tftypes.Value{}, fmt.Errorf("want number, have %T", v)
	case t.Is(tftypes.List{}) || t.Is(tftypes.Set{}):
		var et tftypes.Type
		if l, ok := t.(tftypes.List); ok {
			et = l.ElementType
		} else {
			et = t.(tftypes.Set).ElementType
		}
		items, ok := v.([]any)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("want list, have %T", v)
		}
		elems := []tftypes.Value{}
		for _, it := range items {
			ev, err := goValue(et, it)
			if err != nil {
				return tftypes.Value{}, err
			}
			elems = append(elems, ev)
		}
		return tftypes.NewValue(t, elems), nil
	case t.Is(tftypes.Object{}):
		m, ok := v.(map[string]any)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("want object, have %T", v)
		}
		attrs := map[string]tftypes.Value{}
		for name, at := range t.(tftypes.Object).AttributeTypes {
			av, err := goValue(at, m[name])
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", name, err)
			}
			attrs[name] = av
		}
		return tftypes.NewValue(t, attrs), nil
	}
	return tftypes.Value{}, fmt.Errorf("unsupported type %s", t)
}

// ReadData returns a data source's state: its configuration with the unset computed
// attributes filled from the facts.
func ReadData(typeName string, b jsonBlock, config tftypes.Value, f *Facts) (tftypes.Value, error) {
	obj := map[string]tftypes.Value{}
	if err := config.As(&obj); err != nil {
		return tftypes.Value{}, err
	}
	vals, err := dataSourceValues(typeName, obj, f)
	if err != nil {
		return tftypes.Value{}, err
	}
	typ := config.Type().(tftypes.Object)
	names := make([]string, 0, len(vals))
	for n := range vals {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		a, ok := b.Attributes[name]
		if !ok || !a.Computed {
			continue
		}
		if cur, ok := obj[name]; ok && !cur.IsNull() {
			continue // set in the configuration
		}
		v, err := goValue(typ.AttributeTypes[name], vals[name])
		if err != nil {
			return tftypes.Value{}, fmt.Errorf("%s.%s: %w", typeName, name, err)
		}
		obj[name] = v
	}
	return tftypes.NewValue(typ, obj), nil
}

func (s *server) dataDiag(typeName string) []*tfprotov5.Diagnostic {
	if _, ok := s.dataSources[typeName]; ok {
		return nil
	}
	return errDiag("stand-in: unsupported data source "+typeName,
		"the stand-in knows only the data sources listed in extract_schema.py (DATA_SOURCE_TYPES)")
}
