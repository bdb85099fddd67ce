package e2e

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gruntwork-io/terratest/modules/logger"
	"github.com/gruntwork-io/terratest/modules/terraform"
	ttesting "github.com/gruntwork-io/terratest/modules/testing"
	tfjson "github.com/hashicorp/terraform-json"
)

// Pipeline steps, in order.
const (
	StepFacts    = "read module files"
	StepFmt      = "tofu fmt -check"
	StepCopy     = "copy + override"
	StepInit     = "tofu init (offline)"
	StepValidate = "tofu validate"
	StepPlan     = "tofu plan"
	StepShow     = "tofu show -json"
)

// StepError is the first step of a module's pipeline that failed, with the tool's output.
type StepError struct {
	Module string
	Step   string
	Output string
	Err    error
}

func (e *StepError) Error() string {
	return fmt.Sprintf("%s: %s failed: %v\n%s", e.Module, e.Step, e.Err, e.Output)
}

// ModuleRun is what one module's pipeline produced.
type ModuleRun struct {
	Facts   ModuleFacts
	WorkDir string // the temporary copy that was planned
	Plan    *tfjson.Plan
	Notes   []string
}

// RunOptions adjust the pipeline (tests of the harness itself use them).
type RunOptions struct {
	// KeepAllowedAccountIDs leaves allowed_account_ids alone in the override (to show why the
	// override clears it).
	KeepAllowedAccountIDs bool
	// Facts are the organization facts the stand-in provider's data sources read (written to
	// a file in workDir and named by E2E_ORG_FACTS); nil: none, and reading a data source fails.
	Facts *OrgFacts
	// ExtraFiles are written into the temporary copy after the override (name -> content),
	// e.g. a further *_override.tf a test plants.
	ExtraFiles map[string]string
}

// RunModulePipeline runs, for the module at moduleDir: fmt -check on the module as it is, then
// on a temporary copy with the test-only override file: init against the plugin mirror
// (offline), validate, plan -out, show -json. It stops at the first failing step.
func RunModulePipeline(t ttesting.TestingT, tools Tools, moduleDir, label string, workDir string, o RunOptions) (*ModuleRun, *StepError) {
	run := &ModuleRun{WorkDir: workDir}
	fail := func(step, out string, err error) (*ModuleRun, *StepError) {
		return run, &StepError{Module: label, Step: step, Output: out, Err: err}
	}
	facts, err := ReadModuleFacts(moduleDir)
	if err != nil {
		return fail(StepFacts, "", err)
	}
	run.Facts = facts

	cliConfig := filepath.Join(workDir, ".e2e-tofurc")
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		return fail(StepCopy, "", err)
	}
	if err := os.WriteFile(cliConfig, []byte("# empty: no credentials helpers, no plugin cache, no registry hosts\n"), 0o644); err != nil {
		return fail(StepCopy, "", err)
	}
	env := map[string]string{
		"TF_CLI_CONFIG_FILE":          cliConfig,
		"TF_IN_AUTOMATION":            "1",
		"TF_INPUT":                    "0",
		"TF_PLUGIN_CACHE_DIR":         "",
		"TF_REGISTRY_DISCOVERY_RETRY": "0",
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_PROFILE":                 "",
		"AWS_CONFIG_FILE":             filepath.Join(workDir, ".e2e-no-aws-config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(workDir, ".e2e-no-aws-credentials"),
	}
	if o.Facts != nil {
		factsFile := filepath.Join(workDir, "e2e-org-facts.json")
		if err := WriteFacts(o.Facts, factsFile); err != nil {
			return fail(StepCopy, "", err)
		}
		env[FactsEnv] = factsFile
	}
	opts := func(dir string) *terraform.Options {
		return &terraform.Options{
			TerraformBinary: tools.Tofu,
			TerraformDir:    dir,
			EnvVars:         env,
			NoColor:         true,
			Logger:          logger.Discard,
			PluginDir:       tools.PluginDir,
			PlanFilePath:    filepath.Join(dir, "e2e.tfplan"),
		}
	}

	// fmt on the module exactly as generated (fmt -check writes nothing).
	if out, err := terraform.RunTerraformCommandE(t, opts(moduleDir), "fmt", "-check", "-recursive", "-diff", "-no-color"); err != nil {
		return fail(StepFmt, out, err)
	}

	work := filepath.Join(workDir, "module")
	if err := CopyModule(moduleDir, work); err != nil {
		return fail(StepCopy, "", err)
	}
	if facts.HasLock {
		// The lock file pins the hashes of HashiCorp's release packages; a provider built here
		// (or the stand-in) has other hashes, so the copy is initialised without it.
		_ = os.Remove(filepath.Join(work, ".terraform.lock.hcl"))
		run.Notes = append(run.Notes, "removed .terraform.lock.hcl from the temporary copy (locally built provider)")
	}
	override := OverrideFile(facts)
	if o.KeepAllowedAccountIDs {
		override = removeLine(override, "  allowed_account_ids         = null\n")
	}
	if err := os.WriteFile(filepath.Join(work, OverrideFileName), []byte(override), 0o644); err != nil {
		return fail(StepCopy, "", err)
	}

	for name, content := range o.ExtraFiles {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o644); err != nil {
			return fail(StepCopy, "", err)
		}
	}

	wo := opts(work)
	if out, err := terraform.InitE(t, wo); err != nil {
		return fail(StepInit, out, err)
	}
	if out, err := terraform.ValidateE(t, wo); err != nil {
		return fail(StepValidate, out, err)
	}
	if out, err := terraform.PlanE(t, wo); err != nil {
		return fail(StepPlan, out, err)
	}
	ps, err := terraform.ShowWithStructE(t, wo)
	if err != nil {
		return fail(StepShow, "", err)
	}
	run.Plan = &ps.RawPlan
	return run, nil
}

func removeLine(s, line string) string {
	out := ""
	for len(s) > 0 {
		i := len(s)
		for j := 0; j < len(s); j++ {
			if s[j] == '\n' {
				i = j + 1
				break
			}
		}
		if s[:i] != line {
			out += s[:i]
		}
		s = s[i:]
	}
	return out
}
