package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

var bannerOnce sync.Once

func loud(msg string) {
	line := strings.Repeat("=", 100)
	fmt.Fprintf(os.Stdout, "\n%s\n%s\n%s\n\n", line, msg, line)
}

// requireTools finds the cached OpenTofu and provider. Missing tools FAIL the test, unless
// E2E_ALLOW_MISSING_TOOLS=1, which skips it with a loud message. E2E_PROVIDER picks the
// provider: auto (default: real if built, else the stand-in), real, standin.
func requireTools(t *testing.T) Tools {
	t.Helper()
	want := os.Getenv("E2E_PROVIDER")
	tools, problems := FindTools(E2EDir(), want)
	if len(problems) > 0 {
		msg := "E2E TOOLS MISSING (the OpenTofu tier cannot run):\n  - " + strings.Join(problems, "\n  - ") +
			"\nBuild them with: e2e/build-tools.sh   (first build ~9 min on 2 cores; see e2e/README.md)" +
			"\ntools cache: " + CacheDir() + " (BACKUP_CATALOGUE_TOOLS_CACHE)"
		if os.Getenv("E2E_ALLOW_MISSING_TOOLS") == "1" {
			loud(msg + "\nE2E_ALLOW_MISSING_TOOLS=1: SKIPPING " + t.Name() + " -- NOTHING WAS CHECKED BY OPENTOFU")
			t.Skip(msg)
		}
		t.Fatal(msg + "\n(set E2E_ALLOW_MISSING_TOOLS=1 to skip with a warning instead of failing)")
	}
	bannerOnce.Do(func() {
		if tools.Provider == ProviderStandin {
			loud(fmt.Sprintf("!!! E2E TIER IS USING THE SCHEMA-ONLY STAND-IN FOR hashicorp/aws %s, NOT THE REAL PROVIDER !!!\n"+
				"OpenTofu %s is real; the provider checks argument names, types, required arguments and block\n"+
				"counts against the 6.25.0 schema, but none of the real provider's value validators ran.\n"+
				"plugin dir: %s\nSee e2e/README.md (the Go module proxy does not serve hashicorp/aws 6.x).",
				tools.AWSVersion, tools.TofuVersion, tools.PluginDir))
		} else {
			loud(fmt.Sprintf("E2E tier: OpenTofu %s with the real hashicorp/aws %s (%s)", tools.TofuVersion, tools.AWSVersion, tools.PluginDir))
		}
	})
	t.Logf("tofu %s, hashicorp/aws %s (%s provider)", tools.TofuVersion, tools.AWSVersion, tools.Provider)
	return tools
}

// ExpectedOrgPoliciesFor returns, for a generated root, the org policy JSON the generator
// meant to write: module path -> resource address -> JSON. The convention for now is a sibling
// directory "<root>-expected/<module path>/<address>.json"; wire the generator's own policy
// files here when it writes them. ok is false when the root has none (the equality check is
// then reported as not wired).
func ExpectedOrgPoliciesFor(root string) (map[string]map[string][]byte, bool, error) {
	dir := root + "-expected"
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		// Golden roots: the generator's tests write the policy documents the planner means to
		// send to generator-core/src/test/resources/expected-policies/<sample>/.
		dir = filepath.Join(filepath.Dir(filepath.Clean(root)), "..", "expected-policies", filepath.Base(filepath.Clean(root)))
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, false, nil
		}
	}
	out := map[string]map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		module := filepath.Dir(rel)
		address := strings.TrimSuffix(filepath.Base(rel), ".json")
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if out[module] == nil {
			out[module] = map[string][]byte{}
		}
		out[module][address] = b
		return nil
	})
	return out, true, err
}

func reportAll(t *testing.T, what string, errs []error) {
	t.Helper()
	for _, e := range errs {
		t.Errorf("%s: %v", what, e)
	}
}

// runRoot runs every module of a generated root (in parallel, as subtests named by module
// path) and then the assertions that span the root.
func runRoot(t *testing.T, tools Tools, root string) {
	ao, err := ReadApplyOrder(root)
	if err != nil {
		t.Fatal(err)
	}
	orgFacts, err := ReadRootOrgFacts(root, ao)
	if err != nil {
		t.Fatal(err)
	}
	if orgFacts.OrganizationID != "" {
		t.Logf("organization facts from the checks: %s, root %s, accounts below %v", orgFacts.OrganizationID, orgFacts.RootID, orgFacts.Parents)
	}
	plans := map[string]*tfjson.Plan{}
	var mu sync.Mutex
	t.Run("modules", func(t *testing.T) {
		for _, m := range ao.Modules {
			m := m
			t.Run(m.Path, func(t *testing.T) {
				t.Parallel()
				run, serr := RunModulePipeline(t, tools, filepath.Join(root, m.Path), m.Path, t.TempDir(),
					RunOptions{Facts: FactsFor(orgFacts, ao, m)})
				if serr != nil {
					t.Fatal(serr)
				}
				for _, n := range run.Notes {
					t.Log(n)
				}
				reportAll(t, "provider pinning", AssertProvidersPinAccount(run.Facts, m))
				reportAll(t, "plan actions", CheckAllCreates(run.Plan))
				reportAll(t, "vaults", CheckVaults(run.Plan))
				reportAll(t, "org backup policies", CheckBackupPolicies(run.Plan))
				if filled, err := ResolveRoleARNsInKeyPolicies(filepath.Join(root, m.Path), m, run.Plan); err != nil {
					t.Error(err)
				} else if len(filled) > 0 {
					t.Logf("key policies known at apply only through the ARNs of roles this module creates, derived for the checks: %v", filled)
				}
				t.Logf("%s (%s, %s): init, validate, fmt, plan OK; %d resources planned",
					m.Path, m.AccountName, m.AccountID, len(run.Plan.ResourceChanges))
				mu.Lock()
				plans[m.Path] = run.Plan
				mu.Unlock()
			})
		}
	})
	if len(plans) != len(ao.Modules) {
		t.Fatalf("%d of %d modules planned; root-wide assertions not run", len(plans), len(ao.Modules))
	}
	reportAll(t, "S3 backup roles", RolesMissingS3Policies(plans))
	reportAll(t, "central key policies", CheckCentralKeyPrincipals(ao, plans))
	if d := CopyDestinations(plans); len(d) > 0 {
		t.Logf("copy destinations checked for exact key principals: %v", d)
	}
	if missing := BackupRolesNotCreated(plans); len(missing) > 0 {
		t.Errorf("backup roles named by policies or selections but created by no module: %v", missing)
	}
	t.Logf("S3 selected: %v; backup roles: %v", SelectsS3(plans), BackupRoleNames(plans))

	expected, wired, err := ExpectedOrgPoliciesFor(root)
	if err != nil {
		t.Fatal(err)
	}
	var policies []string
	for m, p := range plans {
		for addr := range OrgPolicyContents(p) {
			policies = append(policies, m+":"+addr)
		}
	}
	sort.Strings(policies)
	if !wired {
		if len(policies) > 0 {
			t.Logf("!!! org policy content equality NOT WIRED for %s: no %s-expected/ with the generator's policy JSON (policies: %v)",
				root, root, policies)
		}
		return
	}
	checked := 0
	for m, byAddr := range expected {
		p, ok := plans[m]
		if !ok {
			t.Errorf("expected policy JSON for module %q, which apply-order.json does not list", m)
			continue
		}
		for addr, want := range byAddr {
			checked++
			if err := AssertOrgPolicyContentEquals(p, addr, want); err != nil {
				t.Errorf("org policy content: %v", err)
				continue
			}
			t.Logf("org policy content of %s:%s equals the expected JSON", m, addr)
		}
	}
	if checked != len(policies) {
		t.Errorf("org policy content: %d policies planned (%v), %d have expected JSON", len(policies), policies, checked)
	}
}

// TestFixtureRoot runs the tier on the hand-written fixture root (testdata/fixture-root),
// which mirrors the generated layout.
func TestFixtureRoot(t *testing.T) {
	tools := requireTools(t)
	runRoot(t, tools, filepath.Join(E2EDir(), "testdata", "fixture-root"))
}

// TestGeneratedRoots runs the tier on every generated root: E2E_ROOTS (colon-separated), or
// by default the golden roots generator-core/src/test/resources/golden/*/.
func TestGeneratedRoots(t *testing.T) {
	roots, fromEnv := RootsFromEnv(E2EDir())
	if len(roots) == 0 {
		loud("E2E: NO GENERATED ROOTS to check: E2E_ROOTS is unset and no golden root\n" +
			"(generator-core/src/test/resources/golden/*/apply-order.json) exists yet. Only the fixture ran.")
		t.Skip("no generated roots (E2E_ROOTS unset, no golden roots)")
	}
	tools := requireTools(t)
	if fromEnv {
		t.Logf("E2E_ROOTS: %v", roots)
	}
	for _, root := range roots {
		root := root
		t.Run(filepath.Base(root), func(t *testing.T) {
			t.Logf("root: %s", root)
			runRoot(t, tools, root)
		})
	}
}

// TestBrokenModulesFail proves the tier fails on deliberately broken modules, at the step
// that should catch each.
func TestBrokenModulesFail(t *testing.T) {
	tools := requireTools(t)
	broken := filepath.Join(E2EDir(), "testdata", "broken")
	cases := []struct {
		dir, step, want string
	}{
		{"unknown-argument", StepValidate, `An argument named "kms_key" is not expected here`},
		{"missing-required", StepValidate, `The argument "backup_vault_name" is required`},
		{"too-many-blocks", StepValidate, `No more than 1 "lifecycle" blocks are allowed`},
		{"unformatted", StepFmt, "main.tf"},
	}
	for _, c := range cases {
		c := c
		t.Run(c.dir, func(t *testing.T) {
			t.Parallel()
			_, serr := RunModulePipeline(t, tools, filepath.Join(broken, c.dir), c.dir, t.TempDir(), RunOptions{})
			if serr == nil {
				t.Fatalf("the tier passed a module that is broken on purpose (%s)", c.dir)
			}
			if serr.Step != c.step {
				t.Fatalf("failed at %q, want %q:\n%v", serr.Step, c.step, serr)
			}
			if !strings.Contains(oneLine(serr.Output), c.want) {
				t.Fatalf("failure output lacks %q:\n%s", c.want, serr.Output)
			}
			t.Logf("failed as it should, at %s: %s", serr.Step, firstError(serr.Output))
		})
	}

	// Valid Terraform that the plan assertions must reject.
	planCases := []struct {
		dir   string
		check func(map[string]*tfjson.Plan) []error
		want  []string
	}{
		{"weak-vault", func(p map[string]*tfjson.Plan) []error { return CheckVaults(p["m"]) },
			[]string{"no kms_key_arn", "no aws_backup_vault_lock_configuration"}},
		{"not-a-backup-policy", func(p map[string]*tfjson.Plan) []error { return CheckBackupPolicies(p["m"]) },
			[]string{`want BACKUP_POLICY`, `no "plans"`}},
		{"s3-role-without-s3-policies", RolesMissingS3Policies,
			[]string{"AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore"}},
	}
	for _, c := range planCases {
		c := c
		t.Run(c.dir, func(t *testing.T) {
			t.Parallel()
			run, serr := RunModulePipeline(t, tools, filepath.Join(broken, c.dir), c.dir, t.TempDir(), RunOptions{})
			if serr != nil {
				t.Fatalf("expected a clean plan for the assertion to judge: %v", serr)
			}
			errs := c.check(map[string]*tfjson.Plan{"m": run.Plan})
			if len(errs) != len(c.want) {
				t.Fatalf("got %d assertion failures, want %d: %v", len(errs), len(c.want), errs)
			}
			for i, w := range c.want {
				if !strings.Contains(errs[i].Error(), w) {
					t.Errorf("failure %d = %q, want it to mention %q", i, errs[i], w)
				}
			}
			t.Logf("rejected as it should: %v", errs)
		})
	}
}

// TestOverrideMustClearAllowedAccountIDs documents why the override clears allowed_account_ids:
// with skip_requesting_account_id the provider has no account ID to check against it, and
// configuring the provider fails.
func TestOverrideMustClearAllowedAccountIDs(t *testing.T) {
	tools := requireTools(t)
	mod := filepath.Join(E2EDir(), "testdata", "fixture-root", "accounts", "workload-a")
	_, serr := RunModulePipeline(t, tools, mod, "workload-a (allowed_account_ids kept)", t.TempDir(),
		RunOptions{KeepAllowedAccountIDs: true})
	if serr == nil {
		t.Fatal("plan passed with allowed_account_ids and skip_requesting_account_id together; " +
			"the override's clearing of allowed_account_ids may no longer be needed (update README.md)")
	}
	if serr.Step != StepPlan || !strings.Contains(serr.Output, "AWS account ID not allowed") {
		t.Fatalf("unexpected failure: %v", serr)
	}
	t.Logf("as documented: %s", firstError(serr.Output))
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func firstError(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "Error:") {
			return strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(out)
}
