package e2e

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// goldenRoot returns a golden root by sample name, or skips when it does not exist.
func goldenRoot(t *testing.T, sample string) (string, ApplyOrder, RootOrgFacts) {
	t.Helper()
	root := filepath.Join(E2EDir(), "..", "generator-core", "src", "test", "resources", "golden", sample)
	ao, err := ReadApplyOrder(root)
	if err != nil {
		t.Skipf("golden root %s: %v", sample, err)
	}
	rf, err := ReadRootOrgFacts(root, ao)
	if err != nil {
		t.Fatal(err)
	}
	return root, ao, rf
}

func moduleEntry(t *testing.T, ao ApplyOrder, path string) ModuleEntry {
	t.Helper()
	for _, m := range ao.Modules {
		if m.Path == path {
			return m
		}
	}
	t.Fatalf("apply-order.json has no module %q", path)
	return ModuleEntry{}
}

// TestReadRootOrgFacts: the facts come from the generated checks themselves (no tools needed).
func TestReadRootOrgFacts(t *testing.T) {
	_, ao, rf := goldenRoot(t, "organization")
	if rf.OrganizationID != "o-a1b2c3d4e5" || rf.RootID != "r-a1b2" {
		t.Errorf("organization %q root %q", rf.OrganizationID, rf.RootID)
	}
	want := map[string][]string{
		"ou-a1b2-22222222": {"345678901234", "456789012345", "567890123456"},
		"ou-a1b2-33333333": {"345678901234", "456789012345"},
	}
	if !reflect.DeepEqual(rf.Parents, want) {
		t.Errorf("accounts by parent = %v, want %v", rf.Parents, want)
	}
	f := FactsFor(rf, ao, moduleEntry(t, ao, "policies"))
	if f.Caller.AccountID != "123456789101" || f.Caller.Arn != "arn:aws:sts::123456789101:assumed-role/Deployer/e2e" {
		t.Errorf("caller = %+v", f.Caller)
	}
	if f.Organization.MasterAccountID != "109876543210" {
		t.Errorf("master account = %q", f.Organization.MasterAccountID)
	}

	_, ao, rf = goldenRoot(t, "single-account")
	if rf.OrganizationID != "" || len(rf.Parents) != 0 {
		t.Errorf("single account: %+v", rf)
	}
	if f := FactsFor(rf, ao, ao.Modules[0]); f.Organization != nil || f.Caller.AccountID != "111122223333" {
		t.Errorf("single account facts: %+v", f)
	}
}

// normalized joins tofu's wrapped, boxed diagnostic lines into one line.
func normalized(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(withoutPlanDiff(s), "│", " ")), " ")
}

// withoutPlanDiff drops the lines of the plan's diff (they start with +, -, ~ or a closing
// bracket): tofu writes the plan to stdout and the error to stderr, and the captured output
// interleaves them line by line, so a long plan (a large backup policy) can split the lines of
// one error message apart.
func withoutPlanDiff(s string) string {
	var kept []string
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if t != "" && strings.ContainsAny(t[:1], "+-~}])") {
			continue
		}
		kept = append(kept, line)
	}
	return strings.Join(kept, "\n")
}

// TestOrgChecksCatchPlantedFaults proves the generated postconditions are evaluated by the
// plan and fail on a planted fault in the organization: each case changes one fact of the
// organization golden root's policies module and expects the plan to fail with the generated
// message. The last cases show that a suspended account and an account listed in
// excluded_accounts pass, and the first that the stand-in refuses to guess missing facts.
func TestOrgChecksCatchPlantedFaults(t *testing.T) {
	root, ao, rf := goldenRoot(t, "organization")
	tools := requireTools(t)
	m := moduleEntry(t, ao, "policies")
	base := FactsFor(rf, ao, m)
	const extra = "999999999999"

	cases := []struct {
		name   string
		change func(f *OrgFacts)
		extra  map[string]string
		want   []string // empty: the plan must pass
	}{
		// the stand-in says clearly when it has no facts to read a data source from
		{"no-facts", nil, nil, []string{"stand-in: no organization facts", "E2E_ORG_FACTS is not set"}},
		{"no-accounts-for-parent", func(f *OrgFacts) { delete(f.Accounts, "ou-a1b2-33333333") }, nil,
			[]string{"the facts file lists no accounts below ou-a1b2-33333333"}},
		{"unprotected-account", func(f *OrgFacts) { f.AddAccount("ou-a1b2-33333333", extra, "ACTIVE") }, nil,
			[]string{extra, "receive backup policies but have no backup role or vault"}},
		{"backup-policy-type-disabled", func(f *OrgFacts) { f.Organization.EnabledPolicyTypes = []string{"SERVICE_CONTROL_POLICY"} }, nil,
			[]string{"aws organizations enable-policy-type --root-id r-a1b2 --policy-type BACKUP_POLICY"}},
		{"other-organization", func(f *OrgFacts) { f.Organization.ID = "o-zzzzzzzzzz" }, nil,
			[]string{"These credentials are in organization o-zzzzzzzzzz, but the catalogue describes o-a1b2c3d4e5"}},
		{"suspended-account-ignored", func(f *OrgFacts) { f.AddAccount("ou-a1b2-33333333", extra, "SUSPENDED") }, nil, nil},
		{"excluded-account-passes", func(f *OrgFacts) { f.AddAccount("ou-a1b2-33333333", extra, "ACTIVE") },
			// no golden root lists an excluded account yet: plant one with an override of the local
			map[string]string{"zz_e2e_excluded_override.tf": "locals {\n  excluded_accounts = {\n    \"" + extra +
				"\" = \"sandbox: left unprotected on purpose\"\n  }\n}\n"}, nil},
	}
	for _, c := range cases {
		c := c
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var f *OrgFacts
			if c.change != nil {
				f = base.Clone()
				c.change(f)
			}
			run, serr := RunModulePipeline(t, tools, filepath.Join(root, m.Path), "policies ("+c.name+")", t.TempDir(),
				RunOptions{Facts: f, ExtraFiles: c.extra})
			if len(c.want) == 0 {
				if serr != nil {
					t.Fatalf("the plan should pass: %v", serr)
				}
				t.Logf("plan passed as it should (%d resources)", len(run.Plan.ResourceChanges))
				return
			}
			if serr == nil {
				t.Fatalf("the plan passed with a planted fault (%s): the check does not catch it", c.name)
			}
			if serr.Step != StepPlan {
				t.Fatalf("failed at %q, want %q:\n%v", serr.Step, StepPlan, serr)
			}
			out := normalized(serr.Output)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("plan output lacks %q:\n%s", w, serr.Output)
				}
			}
			t.Logf("failed as it should: %s (output has %q)", firstError(serr.Output), c.want)
		})
	}
}

// TestExcludedAccountsPass: in every generated root whose policies module lists
// excluded_accounts, those accounts, ACTIVE below every checked parent, pass the plan; and
// the same facts with the exclusions planted away ({}) fail it, naming the account. (Roots
// without excluded accounts are skipped; TestOrgChecksCatchPlantedFaults plants one.)
func TestExcludedAccountsPass(t *testing.T) {
	roots, _ := RootsFromEnv(E2EDir())
	ran := 0
	for _, root := range roots {
		ao, err := ReadApplyOrder(root)
		if err != nil {
			t.Fatal(err)
		}
		rf, err := ReadRootOrgFacts(root, ao)
		if err != nil {
			t.Fatal(err)
		}
		var pol *ModuleEntry
		for i, m := range ao.Modules {
			if m.Path == "policies" {
				pol = &ao.Modules[i]
			}
		}
		if len(rf.Excluded) == 0 || pol == nil {
			continue
		}
		ran++
		tools := requireTools(t)
		f := FactsFor(rf, ao, *pol)
		for parent := range rf.Parents {
			for _, id := range rf.Excluded {
				f.AddAccount(parent, id, "ACTIVE")
			}
		}
		root, m := root, *pol
		t.Run(filepath.Base(root), func(t *testing.T) {
			run, serr := RunModulePipeline(t, tools, filepath.Join(root, m.Path), m.Path+" (excluded accounts ACTIVE)", t.TempDir(),
				RunOptions{Facts: f})
			if serr != nil {
				t.Fatalf("excluded accounts %v should pass: %v", rf.Excluded, serr)
			}
			t.Logf("excluded accounts %v, ACTIVE below %d parents: plan passed (%d resources)", rf.Excluded, len(rf.Parents), len(run.Plan.ResourceChanges))
			_, serr = RunModulePipeline(t, tools, filepath.Join(root, m.Path), m.Path+" (exclusions removed)", t.TempDir(),
				RunOptions{Facts: f, ExtraFiles: map[string]string{"zz_e2e_no_exclusions_override.tf": "locals {\n  excluded_accounts = {}\n}\n"}})
			if serr == nil {
				t.Fatal("with excluded_accounts emptied the plan still passed: the exclusion is not what lets the accounts through")
			}
			out := normalized(serr.Output)
			for _, w := range append([]string{"receive backup policies but have no backup role or vault"}, rf.Excluded...) {
				if !strings.Contains(out, w) {
					t.Errorf("plan output lacks %q:\n%s", w, serr.Output)
				}
			}
			t.Logf("without the exclusions it fails as it should: %s", firstError(serr.Output))
		})
	}
	if ran == 0 {
		t.Skip("no generated root lists excluded_accounts")
	}
}
