package e2e

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Provider kinds a plugin mirror can hold.
const (
	ProviderReal    = "real"
	ProviderStandin = "standin"
)

// Tools are the binaries the tier runs.
type Tools struct {
	Tofu        string // the OpenTofu binary
	TofuVersion string
	PluginDir   string // a filesystem mirror for `tofu init -plugin-dir`
	Provider    string // ProviderReal or ProviderStandin
	AWSVersion  string
}

// E2EDir is the directory of this package (tests run with it as the working directory).
func E2EDir() string {
	wd, _ := os.Getwd()
	return wd
}

// LoadVersions reads KEY=VALUE lines of versions.env.
func LoadVersions(e2eDir string) (map[string]string, error) {
	f, err := os.Open(filepath.Join(e2eDir, "versions.env"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("versions.env: bad line %q", line)
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, sc.Err()
}

// CacheDir is where build-tools.sh puts the binaries.
func CacheDir() string {
	if d := os.Getenv("BACKUP_CATALOGUE_TOOLS_CACHE"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "backup-catalogue")
}

// StandinHash is the content hash build-tools.sh keys the stand-in provider by: the first 12
// hex digits of sha256 over the files listed in standin-provider/sources.txt, concatenated.
func StandinHash(e2eDir string) (string, error) {
	dir := filepath.Join(e2eDir, "standin-provider")
	list, err := os.ReadFile(filepath.Join(dir, "sources.txt"))
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, name := range strings.Fields(string(list)) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func mirrorBinary(pluginDir, version string) string {
	return filepath.Join(pluginDir, "registry.opentofu.org", "hashicorp", "aws", version, "linux_amd64",
		"terraform-provider-aws_v"+version)
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// FindTools looks for the cached binaries. want is "auto" (the real provider if cached, else
// the stand-in), "real" or "standin". problems says what is missing.
func FindTools(e2eDir, want string) (Tools, []string) {
	var problems []string
	vers, err := LoadVersions(e2eDir)
	if err != nil {
		return Tools{}, []string{err.Error()}
	}
	cache := CacheDir()
	tools := Tools{TofuVersion: vers["TOFU_VERSION"], AWSVersion: vers["AWS_PROVIDER_VERSION"]}
	tools.Tofu = filepath.Join(cache, "tofu-"+tools.TofuVersion, "tofu")
	if !isExecutable(tools.Tofu) {
		problems = append(problems, "OpenTofu "+tools.TofuVersion+" is not built: "+tools.Tofu+" is missing")
	}
	realDir := filepath.Join(cache, "aws-"+tools.AWSVersion, "plugins")
	hash, err := StandinHash(e2eDir)
	if err != nil {
		problems = append(problems, "stand-in provider sources: "+err.Error())
	}
	standinDir := filepath.Join(cache, "standin-aws-"+tools.AWSVersion+"-"+hash, "plugins")
	haveReal := isExecutable(mirrorBinary(realDir, tools.AWSVersion))
	haveStandin := hash != "" && isExecutable(mirrorBinary(standinDir, tools.AWSVersion))
	switch {
	case (want == "auto" || want == "" || want == ProviderReal) && haveReal:
		tools.PluginDir, tools.Provider = realDir, ProviderReal
	case want == ProviderReal:
		problems = append(problems, "the real hashicorp/aws "+tools.AWSVersion+" provider is not built: "+
			mirrorBinary(realDir, tools.AWSVersion)+" is missing (E2E_PROVIDER=real)")
	case haveStandin:
		tools.PluginDir, tools.Provider = standinDir, ProviderStandin
	default:
		problems = append(problems, "no hashicorp/aws "+tools.AWSVersion+" provider is built: neither "+
			mirrorBinary(realDir, tools.AWSVersion)+" nor the stand-in "+mirrorBinary(standinDir, tools.AWSVersion))
	}
	return tools, problems
}

// ModuleEntry is one module of apply-order.json.
type ModuleEntry struct {
	Order       int    `json:"order"`
	Path        string `json:"path"`
	AccountName string `json:"account_name"`
	AccountID   string `json:"account_id"`
	Purpose     string `json:"purpose"`
	// After lists the modules that must be applied before this one (the generator orders a
	// central backup account after the accounts whose backup roles its key policies name).
	After []string `json:"after"`
}

// ApplyOrder is <root>/apply-order.json.
type ApplyOrder struct {
	Modules []ModuleEntry `json:"modules"`
}

// ReadApplyOrder reads and checks a generated root's apply-order.json; modules come back in
// apply order.
func ReadApplyOrder(root string) (ApplyOrder, error) {
	var ao ApplyOrder
	b, err := os.ReadFile(filepath.Join(root, "apply-order.json"))
	if err != nil {
		return ao, err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if err := dec.Decode(&ao); err != nil {
		return ao, fmt.Errorf("%s/apply-order.json: %w", root, err)
	}
	if len(ao.Modules) == 0 {
		return ao, fmt.Errorf("%s/apply-order.json lists no modules", root)
	}
	seen := map[string]bool{}
	for _, m := range ao.Modules {
		clean := filepath.Clean(m.Path)
		if m.Path == "" || filepath.IsAbs(m.Path) || clean != m.Path || strings.HasPrefix(clean, "..") {
			return ao, fmt.Errorf("apply-order.json: bad module path %q", m.Path)
		}
		if seen[m.Path] {
			return ao, fmt.Errorf("apply-order.json: module %q listed twice", m.Path)
		}
		seen[m.Path] = true
		if st, err := os.Stat(filepath.Join(root, m.Path)); err != nil || !st.IsDir() {
			return ao, fmt.Errorf("apply-order.json: module %q has no directory", m.Path)
		}
	}
	sort.SliceStable(ao.Modules, func(i, j int) bool { return ao.Modules[i].Order < ao.Modules[j].Order })
	return ao, nil
}

// ProviderBlock is a provider block found in a module's .tf files.
type ProviderBlock struct {
	Name              string
	Alias             string // "" for the default configuration
	AllowedAccountIDs []string
	HasAllowedIDs     bool
	Range             hcl.Range
}

// ModuleFacts is what the harness reads from a module's own files, before anything runs.
type ModuleFacts struct {
	Providers []ProviderBlock
	Variables map[string]bool
	HasLock   bool
}

// ReadModuleFacts parses every .tf file of dir with HashiCorp's HCL parser.
func ReadModuleFacts(dir string) (ModuleFacts, error) {
	facts := ModuleFacts{Variables: map[string]bool{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return facts, err
	}
	if len(files) == 0 {
		return facts, fmt.Errorf("%s: no .tf files", dir)
	}
	sort.Strings(files)
	for _, fn := range files {
		src, err := os.ReadFile(fn)
		if err != nil {
			return facts, err
		}
		f, diags := hclsyntax.ParseConfig(src, fn, hcl.InitialPos)
		if diags.HasErrors() {
			return facts, diags
		}
		body := f.Body.(*hclsyntax.Body)
		for _, b := range body.Blocks {
			switch b.Type {
			case "variable":
				if len(b.Labels) == 1 {
					facts.Variables[b.Labels[0]] = true
				}
			case "provider":
				if len(b.Labels) != 1 {
					continue
				}
				pb := ProviderBlock{Name: b.Labels[0], Range: b.DefRange()}
				if a, ok := b.Body.Attributes["alias"]; ok {
					v, d := a.Expr.Value(nil)
					if d.HasErrors() || v.Type() != cty.String {
						return facts, fmt.Errorf("%s: provider alias is not a literal string", a.SrcRange)
					}
					pb.Alias = v.AsString()
				}
				if a, ok := b.Body.Attributes["allowed_account_ids"]; ok {
					pb.HasAllowedIDs = true
					v, d := a.Expr.Value(nil)
					if !d.HasErrors() && (v.Type().IsTupleType() || v.Type().IsListType() || v.Type().IsSetType()) {
						for it := v.ElementIterator(); it.Next(); {
							_, ev := it.Element()
							if ev.Type() == cty.String && ev.IsKnown() && !ev.IsNull() {
								pb.AllowedAccountIDs = append(pb.AllowedAccountIDs, ev.AsString())
							}
						}
					}
				}
				facts.Providers = append(facts.Providers, pb)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".terraform.lock.hcl")); err == nil {
		facts.HasLock = true
	}
	return facts, nil
}

// OverrideFileName is the test-only file the harness adds to its copy of a module. OpenTofu
// merges *_override.tf files over the module's own blocks; the module's files are not changed.
const OverrideFileName = "zz_e2e_override.tf"

// Fake credentials: the provider must be given some, and these reach nothing.
const (
	FakeAccessKey = "AKIAE2EFAKEFAKEFAKE0"
	FakeSecretKey = "e2e-fake-secret-key-reaches-nothing"
)

// OverrideFile is the content of OverrideFileName for a module:
//   - a local backend, so neither init nor plan reaches a remote state backend;
//   - `assume_role_arn` defaulted to null (when the module declares it), so no provider
//     assumes a role (that would call STS);
//   - for every aws provider configuration (default and each alias): fake static credentials
//     and the skip flags, so configuring the provider calls nothing; and allowed_account_ids
//     cleared, because with skip_requesting_account_id the provider knows no account ID and
//     rejects every non-empty allowed_account_ids ("AWS account ID not allowed: ").
//     ReadModuleFacts records the original allowed_account_ids; AssertProvidersPinAccount
//     checks them instead.
func OverrideFile(facts ModuleFacts) string {
	var sb strings.Builder
	sb.WriteString("# Written by the e2e harness into its temporary copy of the module; never shipped.\n")
	sb.WriteString("terraform {\n  backend \"local\" {\n    path = \"e2e.tfstate\"\n  }\n}\n")
	if facts.Variables["assume_role_arn"] {
		sb.WriteString("\nvariable \"assume_role_arn\" {\n  default = null\n}\n")
	}
	for _, p := range facts.Providers {
		if p.Name != "aws" {
			continue
		}
		sb.WriteString("\nprovider \"aws\" {\n")
		if p.Alias != "" {
			fmt.Fprintf(&sb, "  alias = %q\n", p.Alias)
		}
		fmt.Fprintf(&sb, "  access_key                  = %q\n", FakeAccessKey)
		fmt.Fprintf(&sb, "  secret_key                  = %q\n", FakeSecretKey)
		sb.WriteString("  skip_credentials_validation = true\n")
		sb.WriteString("  skip_requesting_account_id  = true\n")
		sb.WriteString("  skip_metadata_api_check     = true\n")
		sb.WriteString("  skip_region_validation      = true\n")
		sb.WriteString("  allowed_account_ids         = null\n")
		sb.WriteString("}\n")
	}
	return sb.String()
}

// CopyModule copies a module directory (without .terraform and state) to dst.
func CopyModule(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && (d.Name() == ".terraform") {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(d.Name(), ".tfstate") || strings.HasSuffix(d.Name(), ".tfstate.backup") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// DefaultRoots are the golden generated roots committed by the generator's tests.
func DefaultRoots(e2eDir string) []string {
	pattern := filepath.Join(e2eDir, "..", "generator-core", "src", "test", "resources", "golden", "*", "apply-order.json")
	matches, _ := filepath.Glob(pattern)
	var roots []string
	for _, m := range matches {
		roots = append(roots, filepath.Clean(filepath.Dir(m)))
	}
	sort.Strings(roots)
	return roots
}

// RootsFromEnv returns E2E_ROOTS (colon-separated), or the golden roots when it is unset.
func RootsFromEnv(e2eDir string) (roots []string, fromEnv bool) {
	if v, ok := os.LookupEnv("E2E_ROOTS"); ok && strings.TrimSpace(v) != "" {
		for _, r := range strings.Split(v, ":") {
			if r = strings.TrimSpace(r); r != "" {
				if !filepath.IsAbs(r) {
					r = filepath.Join(e2eDir, r)
				}
				roots = append(roots, filepath.Clean(r))
			}
		}
		return roots, true
	}
	return DefaultRoots(e2eDir), false
}
