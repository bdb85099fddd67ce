package e2e

// Assertions over `tofu show -json` plans. They are written over what any generated module
// looks like (resource types and references), not over one golden output, and each returns
// every problem it finds rather than stopping at the first.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// S3ManagedPolicyARNs are the AWS managed policies a backup role needs to back up and
// restore S3 (besides the service-role policies for the other resource types).
var S3ManagedPolicyARNs = []string{
	"arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
	"arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
}

// BackupPolicyMaxChars is the size limit AWS Organizations puts on a backup policy document.
const BackupPolicyMaxChars = 10000

func rootConfigResources(plan *tfjson.Plan) []*tfjson.ConfigResource {
	if plan == nil || plan.Config == nil || plan.Config.RootModule == nil {
		return nil
	}
	return plan.Config.RootModule.Resources
}

// ConfigResourcesOfType returns the managed resources of a type in the plan's root module
// configuration.
func ConfigResourcesOfType(plan *tfjson.Plan, typ string) []*tfjson.ConfigResource {
	var out []*tfjson.ConfigResource
	for _, r := range rootConfigResources(plan) {
		if r.Mode == tfjson.ManagedResourceMode && r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// PlannedResourcesOfType returns the planned values of a type's instances in the root module.
func PlannedResourcesOfType(plan *tfjson.Plan, typ string) []*tfjson.StateResource {
	if plan == nil || plan.PlannedValues == nil || plan.PlannedValues.RootModule == nil {
		return nil
	}
	var out []*tfjson.StateResource
	for _, r := range plan.PlannedValues.RootModule.Resources {
		if r.Mode == tfjson.ManagedResourceMode && r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// plannedByConfigAddress: the planned instances of one configuration address ("type.name"):
// one, or several with count/for_each.
func plannedByConfigAddress(plan *tfjson.Plan, typ, name string) []*tfjson.StateResource {
	var out []*tfjson.StateResource
	for _, r := range PlannedResourcesOfType(plan, typ) {
		if r.Name == name {
			out = append(out, r)
		}
	}
	return out
}

func refs(r *tfjson.ConfigResource, attr string) []string {
	if r == nil || r.Expressions == nil {
		return nil
	}
	e, ok := r.Expressions[attr]
	if !ok || e == nil || e.ExpressionData == nil {
		return nil
	}
	return e.References
}

func constant(r *tfjson.ConfigResource, attr string) (interface{}, bool) {
	if r == nil || r.Expressions == nil {
		return nil, false
	}
	e, ok := r.Expressions[attr]
	if !ok || e == nil || e.ExpressionData == nil || e.ConstantValue == nil {
		return nil, false
	}
	return e.ConstantValue, true
}

var refIndex = regexp.MustCompile(`\[[^\]]*\]`)

// referencedNames: the names of resources of type typ that a list of references names
// ("aws_kms_key.backup.arn" and "aws_kms_key.backup" both name "backup").
func referencedNames(references []string, typ string) []string {
	seen := map[string]bool{}
	var out []string
	for _, ref := range references {
		parts := strings.Split(refIndex.ReplaceAllString(ref, ""), ".")
		if len(parts) >= 2 && parts[0] == typ && !seen[parts[1]] {
			seen[parts[1]] = true
			out = append(out, parts[1])
		}
	}
	return out
}

func findConfig(plan *tfjson.Plan, typ, name string) *tfjson.ConfigResource {
	for _, r := range ConfigResourcesOfType(plan, typ) {
		if r.Name == name {
			return r
		}
	}
	return nil
}

func providerKey(r *tfjson.ConfigResource) string {
	if r.ProviderConfigKey == "" {
		return "aws"
	}
	return r.ProviderConfigKey
}

// existingKeyARN matches the key ARN of an existing customer-managed key (never an alias ARN).
var existingKeyARN = regexp.MustCompile(`^arn:aws:kms:[a-z0-9-]+:\d{12}:key/[0-9a-zA-Z-]+$`)

// CheckVaults: every aws_backup_vault is encrypted with a customer-managed key created in the
// same module and the same provider configuration (so the same account and region), or with an
// existing key given by its key ARN, and has
// an aws_backup_vault_lock_configuration in the same provider configuration naming it.
func CheckVaults(plan *tfjson.Plan) []error {
	var errs []error
	locks := ConfigResourcesOfType(plan, "aws_backup_vault_lock_configuration")
	for _, v := range ConfigResourcesOfType(plan, "aws_backup_vault") {
		keys := referencedNames(refs(v, "kms_key_arn"), "aws_kms_key")
		switch {
		case len(keys) == 0:
			if c, ok := constant(v, "kms_key_arn"); ok {
				// An existing key the catalogue names (encryption.key: existing) is written as its key
				// ARN; an alias (alias/aws/backup is the AWS managed key) is not a key we can vouch for.
				if s, isString := c.(string); !isString || !existingKeyARN.MatchString(s) {
					errs = append(errs, fmt.Errorf("%s: kms_key_arn is the constant %v, neither a customer-managed aws_kms_key of this module nor a KMS key ARN", v.Address, c))
				}
			} else if len(refs(v, "kms_key_arn")) > 0 {
				errs = append(errs, fmt.Errorf("%s: kms_key_arn refers to %v, not to an aws_kms_key of this module", v.Address, refs(v, "kms_key_arn")))
			} else {
				errs = append(errs, fmt.Errorf("%s: no kms_key_arn: the vault would use the AWS-managed key", v.Address))
			}
		default:
			for _, k := range keys {
				kr := findConfig(plan, "aws_kms_key", k)
				if kr == nil {
					errs = append(errs, fmt.Errorf("%s: kms_key_arn refers to aws_kms_key.%s, which this module does not declare", v.Address, k))
					continue
				}
				if providerKey(kr) != providerKey(v) {
					errs = append(errs, fmt.Errorf("%s (provider %s) uses aws_kms_key.%s from provider %s: a key must be in the vault's region",
						v.Address, providerKey(v), k, providerKey(kr)))
				}
			}
		}
		var found bool
		for _, l := range locks {
			for _, n := range referencedNames(refs(l, "backup_vault_name"), "aws_backup_vault") {
				if n == v.Name {
					found = true
					if providerKey(l) != providerKey(v) {
						errs = append(errs, fmt.Errorf("%s: its lock %s uses provider %s, the vault %s", v.Address, l.Address, providerKey(l), providerKey(v)))
					}
				}
			}
		}
		if !found {
			errs = append(errs, fmt.Errorf("%s: no aws_backup_vault_lock_configuration refers to it", v.Address))
		}
	}
	return errs
}

// OrgPolicyContents maps each planned aws_organizations_policy instance address to its
// planned content (unknown content maps to "" and is reported by CheckBackupPolicies).
func OrgPolicyContents(plan *tfjson.Plan) map[string]string {
	out := map[string]string{}
	for _, r := range PlannedResourcesOfType(plan, "aws_organizations_policy") {
		s, _ := r.AttributeValues["content"].(string)
		out[r.Address] = s
	}
	return out
}

// CheckBackupPolicies: every aws_organizations_policy is a BACKUP_POLICY whose content is
// known at plan time, a JSON object with "plans", and within the size limit.
func CheckBackupPolicies(plan *tfjson.Plan) []error {
	var errs []error
	for _, r := range PlannedResourcesOfType(plan, "aws_organizations_policy") {
		if t, _ := r.AttributeValues["type"].(string); t != "BACKUP_POLICY" {
			errs = append(errs, fmt.Errorf("%s: type is %q, want BACKUP_POLICY", r.Address, t))
		}
		content, ok := r.AttributeValues["content"].(string)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: content is not known at plan time", r.Address))
			continue
		}
		var doc map[string]interface{}
		if err := json.Unmarshal([]byte(content), &doc); err != nil {
			errs = append(errs, fmt.Errorf("%s: content is not a JSON object: %v", r.Address, err))
			continue
		}
		if _, ok := doc["plans"]; !ok {
			errs = append(errs, fmt.Errorf("%s: content has no \"plans\"", r.Address))
		}
		if n := len([]rune(content)); n > BackupPolicyMaxChars {
			errs = append(errs, fmt.Errorf("%s: content is %d characters, over the %d limit", r.Address, n, BackupPolicyMaxChars))
		}
	}
	return errs
}

// CanonicalJSON re-encodes a JSON document with sorted keys and no insignificant whitespace.
func CanonicalJSON(doc []byte) (string, error) {
	var v interface{}
	if err := json.Unmarshal(doc, &v); err != nil {
		return "", err
	}
	b, err := json.Marshal(v) // encoding/json sorts map keys
	return string(b), err
}

// AssertOrgPolicyContentEquals is the org-policy equality check: the planned content of the
// aws_organizations_policy at address (e.g. "aws_organizations_policy.daily") must be the same
// JSON document as expectedJSON, the policy JSON the generator meant to write. Key order and
// whitespace do not matter; everything else does.
func AssertOrgPolicyContentEquals(plan *tfjson.Plan, address string, expectedJSON []byte) error {
	contents := OrgPolicyContents(plan)
	got, ok := contents[address]
	if !ok {
		var have []string
		for a := range contents {
			have = append(have, a)
		}
		sort.Strings(have)
		return fmt.Errorf("no planned aws_organizations_policy %s (plan has %v)", address, have)
	}
	want, err := CanonicalJSON(expectedJSON)
	if err != nil {
		return fmt.Errorf("expected JSON for %s does not parse: %v", address, err)
	}
	gotC, err := CanonicalJSON([]byte(got))
	if err != nil {
		return fmt.Errorf("%s: planned content does not parse: %v", address, err)
	}
	var gv, wv interface{}
	_ = json.Unmarshal([]byte(gotC), &gv)
	_ = json.Unmarshal([]byte(want), &wv)
	if !reflect.DeepEqual(gv, wv) {
		return fmt.Errorf("%s: planned content differs from the generator's JSON\n  planned:  %s\n  expected: %s", address, gotC, want)
	}
	return nil
}

var roleARNName = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[^:]*:role/(?:.*/)?([^/]+)$`)

// collectStrings walks a decoded JSON value and calls f for every string in it, with the key
// path leading to it.
func collectStrings(v interface{}, path []string, f func(path []string, s string)) {
	switch x := v.(type) {
	case map[string]interface{}:
		for k, e := range x {
			collectStrings(e, append(append([]string{}, path...), k), f)
		}
	case []interface{}:
		for _, e := range x {
			collectStrings(e, path, f)
		}
	case string:
		f(path, x)
	}
}

func pathHas(path []string, key string) bool {
	for _, p := range path {
		if p == key {
			return true
		}
	}
	return false
}

// BackupRoleNames: the IAM role names AWS Backup is told to assume: iam_role_arn values in org
// backup policies ("arn:aws:iam::$account:role/NAME") and the roles aws_backup_selection
// resources refer to (by reference to an aws_iam_role, or by a constant ARN).
func BackupRoleNames(plans map[string]*tfjson.Plan) []string {
	set := map[string]bool{}
	for _, plan := range plans {
		for _, content := range OrgPolicyContents(plan) {
			var doc interface{}
			if json.Unmarshal([]byte(content), &doc) != nil {
				continue
			}
			collectStrings(doc, nil, func(path []string, s string) {
				if pathHas(path, "iam_role_arn") {
					if m := roleARNName.FindStringSubmatch(s); m != nil {
						set[m[1]] = true
					}
				}
			})
		}
		for _, sel := range ConfigResourcesOfType(plan, "aws_backup_selection") {
			for _, n := range referencedNames(refs(sel, "iam_role_arn"), "aws_iam_role") {
				for _, r := range plannedByConfigAddress(plan, "aws_iam_role", n) {
					if name, ok := r.AttributeValues["name"].(string); ok {
						set[name] = true
					}
				}
			}
			if c, ok := constant(sel, "iam_role_arn"); ok {
				if s, ok := c.(string); ok {
					if m := roleARNName.FindStringSubmatch(s); m != nil {
						set[m[1]] = true
					}
				}
			}
		}
	}
	var out []string
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// roleManagedPolicies: for each planned aws_iam_role (by configuration name), the managed
// policy ARNs attached to it in the same module.
func roleManagedPolicies(plan *tfjson.Plan) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(role, arn string) {
		if out[role] == nil {
			out[role] = map[string]bool{}
		}
		out[role][arn] = true
	}
	roleByName := map[string]string{} // planned role name -> config name
	for _, r := range PlannedResourcesOfType(plan, "aws_iam_role") {
		if name, ok := r.AttributeValues["name"].(string); ok {
			roleByName[name] = r.Name
		}
		if arns, ok := r.AttributeValues["managed_policy_arns"].([]interface{}); ok {
			for _, a := range arns {
				if s, ok := a.(string); ok {
					add(r.Name, s)
				}
			}
		}
	}
	for _, att := range ConfigResourcesOfType(plan, "aws_iam_role_policy_attachment") {
		var arns []string
		for _, p := range plannedByConfigAddress(plan, "aws_iam_role_policy_attachment", att.Name) {
			if s, ok := p.AttributeValues["policy_arn"].(string); ok {
				arns = append(arns, s)
			}
		}
		roles := referencedNames(refs(att, "role"), "aws_iam_role")
		if c, ok := constant(att, "role"); ok {
			if s, ok := c.(string); ok && roleByName[s] != "" {
				roles = append(roles, roleByName[s])
			}
		}
		for _, role := range roles {
			for _, a := range arns {
				add(role, a)
			}
		}
	}
	for _, ex := range ConfigResourcesOfType(plan, "aws_iam_role_policy_attachments_exclusive") {
		for _, p := range plannedByConfigAddress(plan, "aws_iam_role_policy_attachments_exclusive", ex.Name) {
			arns, _ := p.AttributeValues["policy_arns"].([]interface{})
			for _, role := range referencedNames(refs(ex, "role_name"), "aws_iam_role") {
				for _, a := range arns {
					if s, ok := a.(string); ok {
						add(role, s)
					}
				}
			}
		}
	}
	return out
}

// S3Scope is one thing that backs up S3 and the roles it makes AWS Backup assume: a plan of an
// org backup policy (its target vault names say which accounts it runs in: those with a vault
// of that name), or an aws_backup_selection of one module.
type S3Scope struct {
	Source     string          // "<module>:<policy address>:<plan name>" or "<module>:<selection address>"
	RoleNames  map[string]bool // roles AWS Backup assumes for it
	VaultNames map[string]bool // target vault names (org plans); empty: every module
	Module     string          // the module an aws_backup_selection belongs to ("" for org plans)
}

// pathHasNegation: a key path through not_resources / not_resource_types (exclusions).
func pathHasNegation(path []string) bool {
	for _, p := range path {
		if strings.HasPrefix(p, "not_") {
			return true
		}
	}
	return false
}

func s3Selected(s string) bool { return strings.HasPrefix(s, "arn:aws:s3:") || s == "*" }

// S3Scopes finds, across a root's plans, every selection of an org backup plan and every
// aws_backup_selection that selects S3 (an S3 ARN or "*" among its resource types; tag-only
// selections do not count), each with the role it names.
func S3Scopes(plans map[string]*tfjson.Plan) []S3Scope {
	var out []S3Scope
	modules := sortedModules(plans)
	for _, m := range modules {
		plan := plans[m]
		contents := OrgPolicyContents(plan)
		var addrs []string
		for a := range contents {
			addrs = append(addrs, a)
		}
		sort.Strings(addrs)
		for _, addr := range addrs {
			var doc struct {
				Plans map[string]map[string]interface{} `json:"plans"`
			}
			if json.Unmarshal([]byte(contents[addr]), &doc) != nil {
				continue
			}
			var names []string
			for n := range doc.Plans {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, name := range names {
				bp := doc.Plans[name]
				vaults := map[string]bool{}
				collectStrings(bp["rules"], nil, func(path []string, s string) {
					if pathHas(path, "target_backup_vault_name") {
						vaults[s] = true
					}
				})
				// Each selection on its own: its role is the one AWS Backup assumes for what it selects
				// (a plan may give its selections different roles).
				groups, _ := bp["selections"].(map[string]interface{})
				for _, group := range sortedKeys(groups) {
					if group != "resources" {
						continue // operators; "tags" selections select by tag alone, not counted
					}
					entries, _ := groups[group].(map[string]interface{})
					for _, sel := range sortedKeys(entries) {
						if strings.HasPrefix(sel, "@@") {
							continue
						}
						sc := S3Scope{Source: m + ":" + addr + ":" + name + ":" + sel, RoleNames: map[string]bool{}, VaultNames: vaults}
						s3 := false
						collectStrings(entries[sel], nil, func(path []string, s string) {
							if pathHas(path, "iam_role_arn") {
								if mm := roleARNName.FindStringSubmatch(s); mm != nil {
									sc.RoleNames[mm[1]] = true
								}
							} else if pathHas(path, "resource_types") && !pathHasNegation(path) && s3Selected(s) {
								s3 = true
							}
						})
						if s3 {
							out = append(out, sc)
						}
					}
				}
			}
		}
		for _, r := range PlannedResourcesOfType(plan, "aws_backup_selection") {
			list, _ := r.AttributeValues["resources"].([]interface{})
			s3 := false
			for _, e := range list {
				if s, ok := e.(string); ok && s3Selected(s) {
					s3 = true
				}
			}
			if !s3 {
				continue
			}
			sc := S3Scope{Source: m + ":" + r.Address, RoleNames: map[string]bool{}, VaultNames: map[string]bool{}, Module: m}
			if cfg := findConfig(plan, "aws_backup_selection", r.Name); cfg != nil {
				for _, n := range referencedNames(refs(cfg, "iam_role_arn"), "aws_iam_role") {
					for _, role := range plannedByConfigAddress(plan, "aws_iam_role", n) {
						if name, ok := role.AttributeValues["name"].(string); ok {
							sc.RoleNames[name] = true
						}
					}
				}
			}
			if s, ok := r.AttributeValues["iam_role_arn"].(string); ok {
				if mm := roleARNName.FindStringSubmatch(s); mm != nil {
					sc.RoleNames[mm[1]] = true
				}
			}
			out = append(out, sc)
		}
	}
	return out
}

// SelectsS3 says whether anything in the plans backs up S3 (see S3Scopes).
func SelectsS3(plans map[string]*tfjson.Plan) bool { return len(S3Scopes(plans)) > 0 }

func sortedKeys(m map[string]interface{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedModules(plans map[string]*tfjson.Plan) []string {
	var modules []string
	for m := range plans {
		modules = append(modules, m)
	}
	sort.Strings(modules)
	return modules
}

// RolesMissingS3Policies: for everything that backs up S3 (S3Scopes), each module it runs in
// must give the role it names both S3ManagedPolicyARNs. An org plan runs in the modules that
// create a vault named as one of its target vaults (all modules if it names none); an
// aws_backup_selection runs in its own module. plans maps a module path to its plan; the
// check spans the whole root because an org policy in one module names roles created in
// others.
func RolesMissingS3Policies(plans map[string]*tfjson.Plan) []error {
	var errs []error
	seen := map[string]bool{}
	for _, sc := range S3Scopes(plans) {
		for _, m := range sortedModules(plans) {
			plan := plans[m]
			if sc.Module != "" && sc.Module != m {
				continue
			}
			if len(sc.VaultNames) > 0 {
				inScope := false
				for _, v := range PlannedResourcesOfType(plan, "aws_backup_vault") {
					if name, ok := v.AttributeValues["name"].(string); ok && sc.VaultNames[name] {
						inScope = true
					}
				}
				if !inScope {
					continue
				}
			}
			attached := roleManagedPolicies(plan)
			for _, r := range PlannedResourcesOfType(plan, "aws_iam_role") {
				name, _ := r.AttributeValues["name"].(string)
				if !sc.RoleNames[name] {
					continue
				}
				for _, arn := range S3ManagedPolicyARNs {
					key := m + "|" + r.Address + "|" + arn
					if !attached[r.Name][arn] && !seen[key] {
						seen[key] = true
						errs = append(errs, fmt.Errorf("%s: %s (role %q) backs up S3 for %s but lacks the managed policy %s",
							m, r.Address, name, sc.Source, arn))
					}
				}
			}
		}
	}
	return errs
}

// BackupRolesNotCreated: backup role names (BackupRoleNames) that no module of the root
// creates as an aws_iam_role.
func BackupRolesNotCreated(plans map[string]*tfjson.Plan) []string {
	created := map[string]bool{}
	for _, plan := range plans {
		for _, r := range PlannedResourcesOfType(plan, "aws_iam_role") {
			if name, ok := r.AttributeValues["name"].(string); ok {
				created[name] = true
			}
		}
	}
	var out []string
	for _, n := range BackupRoleNames(plans) {
		if !created[n] {
			out = append(out, n)
		}
	}
	return out
}

var vaultARN = regexp.MustCompile(`^arn:aws[a-z-]*:backup:([^:]*):([0-9]{12}):backup-vault:(.+)$`)

// CopyDestinations: the vault ARNs org backup policies copy into (target_backup_vault_arn).
func CopyDestinations(plans map[string]*tfjson.Plan) []string {
	set := map[string]bool{}
	for _, plan := range plans {
		for _, content := range OrgPolicyContents(plan) {
			var doc interface{}
			if json.Unmarshal([]byte(content), &doc) != nil {
				continue
			}
			collectStrings(doc, nil, func(path []string, s string) {
				if pathHas(path, "target_backup_vault_arn") && vaultARN.MatchString(s) {
					set[s] = true
				}
			})
		}
	}
	var out []string
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// BackupRoleARNs: the ARNs of the backup roles (BackupRoleNames) a module creates, in the
// module's account (from apply-order.json).
func BackupRoleARNs(plans map[string]*tfjson.Plan, entry ModuleEntry) []string {
	names := map[string]bool{}
	for _, n := range BackupRoleNames(plans) {
		names[n] = true
	}
	var out []string
	for _, r := range PlannedResourcesOfType(plans[entry.Path], "aws_iam_role") {
		name, _ := r.AttributeValues["name"].(string)
		if !names[name] {
			continue
		}
		path, _ := r.AttributeValues["path"].(string)
		if path == "" {
			path = "/"
		}
		out = append(out, "arn:aws:iam::"+entry.AccountID+":role"+path+name)
	}
	sort.Strings(out)
	return out
}

// CheckCentralKeyPrincipals: the key of every vault that org policies copy into (the central
// backup account's vaults) names exactly the backup roles of the central account itself and of
// the accounts that copy into it. The source accounts are taken from apply-order.json: the
// account modules the central module is ordered after (the generator orders it after exactly
// those, because its key policies can only name roles that exist).
func CheckCentralKeyPrincipals(ao ApplyOrder, plans map[string]*tfjson.Plan) []error {
	var errs []error
	byPath := map[string]ModuleEntry{}
	for _, m := range ao.Modules {
		byPath[m.Path] = m
	}
	for _, dest := range CopyDestinations(plans) {
		mm := vaultARN.FindStringSubmatch(dest)
		account, vaultName := mm[2], mm[3]
		var host *ModuleEntry
		for i, m := range ao.Modules {
			if m.AccountID != account {
				continue
			}
			// a logically air-gapped vault is a copy destination too; its key is AWS owned (or an
			// existing key the module does not create), so only standard vaults' keys are checked below
			for _, typ := range []string{"aws_backup_vault", "aws_backup_logically_air_gapped_vault"} {
				for _, v := range PlannedResourcesOfType(plans[m.Path], typ) {
					if n, _ := v.AttributeValues["name"].(string); n == vaultName {
						host = &ao.Modules[i]
					}
				}
			}
		}
		if host == nil {
			errs = append(errs, fmt.Errorf("org policies copy into %s, but no module creates vault %q in account %s", dest, vaultName, account))
			continue
		}
		expected := BackupRoleARNs(plans, *host)
		for _, a := range host.After {
			if src, ok := byPath[a]; ok {
				expected = append(expected, BackupRoleARNs(plans, src)...)
			}
		}
		plan := plans[host.Path]
		for _, v := range ConfigResourcesOfType(plan, "aws_backup_vault") {
			var named bool
			for _, pv := range plannedByConfigAddress(plan, "aws_backup_vault", v.Name) {
				if n, _ := pv.AttributeValues["name"].(string); n == vaultName {
					named = true
				}
			}
			if !named {
				continue
			}
			for _, k := range referencedNames(refs(v, "kms_key_arn"), "aws_kms_key") {
				if err := AssertKeyPolicyPrincipalsExactly(plan, "aws_kms_key."+k, expected); err != nil {
					errs = append(errs, fmt.Errorf("%s (key of copy destination %s): %v", host.Path, dest, err))
				}
			}
		}
	}
	return errs
}

// KeyPolicyPrincipals: the AWS principals of the Allow statements of a planned aws_kms_key's
// policy, leaving out account roots ("arn:aws:iam::ID:root", the key administration
// statement). Sorted, without duplicates.
func KeyPolicyPrincipals(plan *tfjson.Plan, keyAddress string) ([]string, error) {
	for _, r := range PlannedResourcesOfType(plan, "aws_kms_key") {
		if r.Address != keyAddress {
			continue
		}
		policy, ok := r.AttributeValues["policy"].(string)
		if !ok {
			return nil, fmt.Errorf("%s: policy is not known at plan time", keyAddress)
		}
		var doc struct {
			Statement []struct {
				Effect    string
				Principal interface{}
			}
		}
		if err := json.Unmarshal([]byte(policy), &doc); err != nil {
			return nil, fmt.Errorf("%s: policy is not JSON: %v", keyAddress, err)
		}
		set := map[string]bool{}
		for _, st := range doc.Statement {
			if st.Effect != "Allow" {
				continue
			}
			p, ok := st.Principal.(map[string]interface{})
			if !ok {
				continue
			}
			collectStrings(p["AWS"], nil, func(_ []string, s string) {
				if !strings.HasSuffix(s, ":root") {
					set[s] = true
				}
			})
		}
		var out []string
		for s := range set {
			out = append(out, s)
		}
		sort.Strings(out)
		return out, nil
	}
	return nil, fmt.Errorf("no planned aws_kms_key %s", keyAddress)
}

// AssertKeyPolicyPrincipalsExactly: the key policy names exactly the expected principals
// (e.g. the central key names exactly the source accounts' backup roles).
func AssertKeyPolicyPrincipalsExactly(plan *tfjson.Plan, keyAddress string, expected []string) error {
	got, err := KeyPolicyPrincipals(plan, keyAddress)
	if err != nil {
		return err
	}
	want := append([]string{}, expected...)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
		return fmt.Errorf("%s: key policy names %v, want exactly %v", keyAddress, got, want)
	}
	return nil
}

// AssertProvidersPinAccount: every aws provider configuration of the module (as written, before
// the harness's override) has allowed_account_ids = [the module's account_id].
func AssertProvidersPinAccount(facts ModuleFacts, entry ModuleEntry) []error {
	var errs []error
	n := 0
	for _, p := range facts.Providers {
		if p.Name != "aws" {
			continue
		}
		n++
		label := "aws"
		if p.Alias != "" {
			label += "." + p.Alias
		}
		if !p.HasAllowedIDs {
			errs = append(errs, fmt.Errorf("%s: provider %s has no allowed_account_ids", p.Range, label))
			continue
		}
		if entry.AccountID != "" && !reflect.DeepEqual(p.AllowedAccountIDs, []string{entry.AccountID}) {
			errs = append(errs, fmt.Errorf("%s: provider %s allows %v, want [%s] (apply-order.json)", p.Range, label, p.AllowedAccountIDs, entry.AccountID))
		}
	}
	if n == 0 {
		errs = append(errs, fmt.Errorf("module %s declares no aws provider", entry.Path))
	}
	return errs
}

// CheckAllCreates: an offline plan of a new module creates every resource and changes nothing
// else. A plan that creates nothing is an error, unless the module declares no managed
// resources but only data sources (a module of checks only: its postconditions ran in the plan).
func CheckAllCreates(plan *tfjson.Plan) []error {
	var errs []error
	for _, rc := range plan.ResourceChanges {
		if rc.Change == nil || !rc.Change.Actions.Create() {
			var acts tfjson.Actions
			if rc.Change != nil {
				acts = rc.Change.Actions
			}
			errs = append(errs, fmt.Errorf("%s: planned actions %v, want [create]", rc.Address, acts))
		}
	}
	if len(plan.ResourceChanges) == 0 && !checksOnly(plan) {
		errs = append(errs, fmt.Errorf("the plan creates nothing"))
	}
	return errs
}

// checksOnly: the module's configuration declares data sources and no managed resources.
func checksOnly(plan *tfjson.Plan) bool {
	if plan == nil || plan.Config == nil || plan.Config.RootModule == nil {
		return false
	}
	data := 0
	for _, r := range plan.Config.RootModule.Resources {
		if r.Mode == tfjson.ManagedResourceMode {
			return false
		}
		data++
	}
	return data > 0
}
