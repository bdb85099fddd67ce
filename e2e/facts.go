package e2e

// Organization facts: what the stand-in provider's data sources read (it has no AWS to ask).
// The harness builds them per generated root from the generated files themselves, so that the
// postconditions the generator writes pass exactly when the organization looks as the
// catalogue says; tests then change one fact to show that a postcondition catches it.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// FactsEnv is the environment variable the stand-in provider reads the facts file from
// (standin-provider/data.go).
const FactsEnv = "E2E_ORG_FACTS"

// Default organization facts: what the generated modules need enabled.
var (
	DefaultEnabledPolicyTypes = []string{"BACKUP_POLICY"}
	DefaultServicePrincipals  = []string{"backup.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"}
)

// OrgFacts is the facts file (same JSON shape as the stand-in's Facts).
type OrgFacts struct {
	Caller       *CallerFacts              `json:"caller,omitempty"`
	Organization *OrganizationFacts        `json:"organization,omitempty"`
	Accounts     map[string][]AccountFacts `json:"accounts_by_parent,omitempty"`
}

// CallerFacts is who the module's credentials are (aws_caller_identity).
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

// Clone returns a deep copy (tests change one fact of a copy).
func (f *OrgFacts) Clone() *OrgFacts {
	b, _ := json.Marshal(f)
	var c OrgFacts
	_ = json.Unmarshal(b, &c)
	return &c
}

// AddAccount adds an account with the given status below parent.
func (f *OrgFacts) AddAccount(parent, id, status string) {
	if f.Accounts == nil {
		f.Accounts = map[string][]AccountFacts{}
	}
	orgID := ""
	if f.Organization != nil {
		orgID = f.Organization.ID
	}
	f.Accounts[parent] = append(f.Accounts[parent], newAccount(orgID, id, status))
}

func newAccount(orgID, id, status string) AccountFacts {
	return AccountFacts{ID: id, Status: status, Name: "account-" + id, State: status,
		Arn:   fmt.Sprintf("arn:aws:organizations::000000000000:account/%s/%s", orgID, id),
		Email: id + "@example.invalid"}
}

// RootOrgFacts is what a generated root's checks say of the organization: the organization
// id and root id its postconditions compare against, and, per data source of the accounts
// below an attachment target, the accounts the catalogue places there.
type RootOrgFacts struct {
	OrganizationID string
	RootID         string
	Parents        map[string][]string // parent id (OU or root) -> catalogue account ids (maybe none)
	// Excluded are the keys of local.excluded_accounts: accounts that receive a backup policy
	// but are deliberately left unprotected (organization.excluded_accounts).
	Excluded []string
}

// ReadRootOrgFacts parses every module of a root with the HCL parser: the postconditions of
// `data "aws_organizations_organization"` (self.id == "o-...", self.roots[0].id == "r-..."),
// and each `data "aws_organizations_organizational_unit_descendant_accounts"`: its parent_id,
// and the accounts of the `local.catalogue_accounts.<name>` its postconditions compare with.
// A root without such checks (a single account) gives an empty RootOrgFacts.
func ReadRootOrgFacts(root string, ao ApplyOrder) (RootOrgFacts, error) {
	rf := RootOrgFacts{Parents: map[string][]string{}}
	for _, m := range ao.Modules {
		files, err := filepath.Glob(filepath.Join(root, m.Path, "*.tf"))
		if err != nil {
			return rf, err
		}
		sort.Strings(files)
		var bodies []*hclsyntax.Body
		for _, fn := range files {
			src, err := os.ReadFile(fn)
			if err != nil {
				return rf, err
			}
			f, diags := hclsyntax.ParseConfig(src, fn, hcl.InitialPos)
			if diags.HasErrors() {
				return rf, diags
			}
			bodies = append(bodies, f.Body.(*hclsyntax.Body))
		}
		catalogue := map[string][]string{}
		for _, body := range bodies {
			for _, b := range body.Blocks {
				if b.Type != "locals" {
					continue
				}
				if a, ok := b.Body.Attributes["excluded_accounts"]; ok {
					v, d := a.Expr.Value(nil)
					if d.HasErrors() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
						return rf, fmt.Errorf("%s: excluded_accounts is not a literal map", a.SrcRange)
					}
					for it := v.ElementIterator(); it.Next(); {
						k, _ := it.Element()
						rf.Excluded = union(rf.Excluded, []string{k.AsString()})
					}
				}
				if a, ok := b.Body.Attributes["catalogue_accounts"]; ok {
					v, d := a.Expr.Value(nil)
					if d.HasErrors() {
						return rf, fmt.Errorf("%s: catalogue_accounts is not a literal: %s", a.SrcRange, d.Error())
					}
					for it := v.ElementIterator(); it.Next(); {
						k, ids := it.Element()
						list, err := stringList(ids)
						if err != nil {
							return rf, fmt.Errorf("%s: catalogue_accounts.%s: %w", a.SrcRange, k.AsString(), err)
						}
						catalogue[k.AsString()] = list
					}
				}
			}
		}
		for _, body := range bodies {
			for _, b := range body.Blocks {
				if b.Type != "data" || len(b.Labels) != 2 {
					continue
				}
				switch b.Labels[0] {
				case "aws_organizations_organization":
					for _, cond := range postconditions(b) {
						for _, eq := range equalities(cond) {
							switch eq.path {
							case "self.id":
								if err := setOnce(&rf.OrganizationID, eq.value, cond.Range()); err != nil {
									return rf, err
								}
							case "self.roots[0].id":
								if err := setOnce(&rf.RootID, eq.value, cond.Range()); err != nil {
									return rf, err
								}
							}
						}
					}
				case "aws_organizations_organizational_unit_descendant_accounts":
					a, ok := b.Body.Attributes["parent_id"]
					if !ok {
						return rf, fmt.Errorf("%s: no parent_id", b.DefRange())
					}
					pv, d := a.Expr.Value(nil)
					if d.HasErrors() || pv.Type() != cty.String {
						return rf, fmt.Errorf("%s: parent_id is not a literal string", a.SrcRange)
					}
					names := map[string]bool{}
					for _, cond := range postconditions(b) {
						for _, tr := range cond.Variables() {
							if n := catalogueName(tr); n != "" {
								names[n] = true
							}
						}
					}
					if len(names) != 1 {
						return rf, fmt.Errorf("%s: want the postconditions to name one local.catalogue_accounts.<name>, have %v", b.DefRange(), names)
					}
					var name string
					for n := range names {
						name = n
					}
					ids, ok := catalogue[name]
					if !ok {
						return rf, fmt.Errorf("%s: local.catalogue_accounts.%s is not defined in module %s", b.DefRange(), name, m.Path)
					}
					rf.Parents[pv.AsString()] = union(rf.Parents[pv.AsString()], ids)
					if rf.Parents[pv.AsString()] == nil {
						rf.Parents[pv.AsString()] = []string{} // checked, and no catalogue account below it
					}
				}
			}
		}
	}
	if (rf.OrganizationID == "") != (rf.RootID == "") {
		return rf, fmt.Errorf("%s: the organization checks give organization id %q and root id %q; want both", root, rf.OrganizationID, rf.RootID)
	}
	if len(rf.Parents) > 0 && rf.OrganizationID == "" {
		return rf, fmt.Errorf("%s: accounts are checked below %v but no module checks the organization", root, rf.Parents)
	}
	return rf, nil
}

// FactsFor returns the facts file for one module of a root: the caller is the module's
// account (a role Deployer, session e2e), the organization and its accounts come from rf.
func FactsFor(rf RootOrgFacts, ao ApplyOrder, m ModuleEntry) *OrgFacts {
	f := &OrgFacts{Caller: &CallerFacts{
		AccountID: m.AccountID,
		Arn:       fmt.Sprintf("arn:aws:sts::%s:assumed-role/Deployer/e2e", m.AccountID),
		UserID:    "AROAE2ESTANDINROLEID:e2e",
	}}
	if rf.OrganizationID == "" {
		return f
	}
	master := ""
	for _, e := range ao.Modules {
		if e.Path == "management" {
			master = e.AccountID
		}
	}
	f.Organization = &OrganizationFacts{
		ID:                         rf.OrganizationID,
		Arn:                        fmt.Sprintf("arn:aws:organizations::%s:organization/%s", master, rf.OrganizationID),
		RootID:                     rf.RootID,
		MasterAccountID:            master,
		EnabledPolicyTypes:         append([]string(nil), DefaultEnabledPolicyTypes...),
		AWSServiceAccessPrincipals: append([]string(nil), DefaultServicePrincipals...),
	}
	f.Accounts = map[string][]AccountFacts{}
	for parent, ids := range rf.Parents {
		f.Accounts[parent] = []AccountFacts{} // a parent with no accounts is a fact too
		for _, id := range ids {
			f.AddAccount(parent, id, "ACTIVE")
		}
	}
	return f
}

// WriteFacts writes the facts file and returns its path.
func WriteFacts(f *OrgFacts, path string) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func postconditions(b *hclsyntax.Block) []hclsyntax.Expression {
	var out []hclsyntax.Expression
	for _, lc := range b.Body.Blocks {
		if lc.Type != "lifecycle" {
			continue
		}
		for _, pc := range lc.Body.Blocks {
			if pc.Type != "postcondition" {
				continue
			}
			if a, ok := pc.Body.Attributes["condition"]; ok {
				out = append(out, a.Expr)
			}
		}
	}
	return out
}

type equality struct{ path, value string }

// equalities finds every `<traversal> == "<literal>"` (either order) in expr.
func equalities(expr hclsyntax.Expression) []equality {
	var out []equality
	_ = hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		op, ok := n.(*hclsyntax.BinaryOpExpr)
		if !ok || op.Op != hclsyntax.OpEqual {
			return nil
		}
		for _, pair := range [][2]hclsyntax.Expression{{op.LHS, op.RHS}, {op.RHS, op.LHS}} {
			side := pair[0]
			// try(self.roots[0].id, "") == "r-...": the traversal inside try counts.
			if call, isCall := side.(*hclsyntax.FunctionCallExpr); isCall && call.Name == "try" && len(call.Args) > 0 {
				side = call.Args[0]
			}
			tr, ok := side.(*hclsyntax.ScopeTraversalExpr)
			if !ok {
				continue
			}
			if len(pair[1].Variables()) > 0 {
				continue
			}
			v, d := pair[1].Value(nil)
			if d.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
				continue
			}
			out = append(out, equality{traversalString(tr.Traversal), v.AsString()})
		}
		return nil
	})
	return out
}

func traversalString(tr hcl.Traversal) string {
	var sb strings.Builder
	for _, s := range tr {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			sb.WriteString(s.Name)
		case hcl.TraverseAttr:
			sb.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.Number {
				sb.WriteString("[" + s.Key.AsBigFloat().Text('f', -1) + "]")
			} else if s.Key.Type() == cty.String {
				sb.WriteString(fmt.Sprintf("[%q]", s.Key.AsString()))
			}
		default:
			sb.WriteString("[?]")
		}
	}
	return sb.String()
}

// catalogueName returns <name> of a traversal local.catalogue_accounts.<name>, or "".
func catalogueName(tr hcl.Traversal) string {
	if len(tr) < 3 || tr.RootName() != "local" {
		return ""
	}
	a, ok := tr[1].(hcl.TraverseAttr)
	if !ok || a.Name != "catalogue_accounts" {
		return ""
	}
	switch s := tr[2].(type) {
	case hcl.TraverseAttr:
		return s.Name
	case hcl.TraverseIndex:
		if s.Key.Type() == cty.String {
			return s.Key.AsString()
		}
	}
	return ""
}

func stringList(v cty.Value) ([]string, error) {
	if !(v.Type().IsTupleType() || v.Type().IsListType() || v.Type().IsSetType()) {
		return nil, fmt.Errorf("not a list")
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() != cty.String || e.IsNull() {
			return nil, fmt.Errorf("not a list of strings")
		}
		out = append(out, e.AsString())
	}
	return out, nil
}

func setOnce(dst *string, v string, rng hcl.Range) error {
	if *dst != "" && *dst != v {
		return fmt.Errorf("%s: checks disagree: %q here, %q elsewhere", rng, v, *dst)
	}
	*dst = v
	return nil
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
