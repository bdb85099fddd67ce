// Command terraform-provider-aws (stand-in) is a schema-only stand-in for the hashicorp/aws
// provider, used by the e2e tier only where the real provider binary cannot be built (see
// ../README.md). It serves, over the real plugin protocol 5, the provider and resource
// schemas that extract_schema.py takes from @cdktf/provider-aws@21.22.1 (generated from
// hashicorp/aws 6.25.0). OpenTofu itself then checks every argument name, type, required
// argument and block count against that schema during validate and plan. The stand-in:
//   - plans a create as the configuration with every unset computed attribute unknown;
//   - reads its data sources from "organization facts", a JSON file named by E2E_ORG_FACTS
//     that the harness writes (data.go): the configuration with computed attributes filled in;
//   - never talks to AWS, has none of the real provider's value validators, and refuses apply;
//   - mimics two provider-configure checks of the real provider that decide how the e2e
//     override must look: it needs credentials (access_key/secret_key or the usual
//     environment variables) unless told otherwise, and with skip_requesting_account_id it
//     rejects a non-empty allowed_account_ids, as the real provider does (see README.md).
//
// It announces itself on stderr and in every diagnostic-free response it can: the harness
// prints a loud banner whenever it runs against this binary.
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5/tf5server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

//go:embed schema/aws-6.25.0.json
var schemaJSON []byte

// StandinMarker is printed by `terraform-provider-aws -standin-info`; the harness uses it to
// tell the stand-in from the real provider.
const StandinMarker = "backup-catalogue e2e STAND-IN for hashicorp/aws (schema-only)"

type jsonSchemaFile struct {
	Source          string `json:"source"`
	ProviderVersion string `json:"provider_version"`
	ProviderSchemas map[string]struct {
		Provider        jsonSchema            `json:"provider"`
		ResourceSchemas map[string]jsonSchema `json:"resource_schemas"`
		DataSchemas     map[string]jsonSchema `json:"data_source_schemas"`
	} `json:"provider_schemas"`
}

type jsonSchema struct {
	Version int64     `json:"version"`
	Block   jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes map[string]jsonAttr      `json:"attributes"`
	BlockTypes map[string]jsonBlockType `json:"block_types"`
}

type jsonAttr struct {
	Type     json.RawMessage `json:"type"`
	Required bool            `json:"required"`
	Optional bool            `json:"optional"`
	Computed bool            `json:"computed"`
}

type jsonBlockType struct {
	NestingMode string    `json:"nesting_mode"`
	MinItems    int64     `json:"min_items"`
	MaxItems    int64     `json:"max_items"`
	Block       jsonBlock `json:"block"`
}

func parseType(raw json.RawMessage) (tftypes.Type, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		switch s {
		case "string":
			return tftypes.String, nil
		case "number":
			return tftypes.Number, nil
		case "bool":
			return tftypes.Bool, nil
		case "dynamic":
			return tftypes.DynamicPseudoType, nil
		}
		return nil, fmt.Errorf("unknown type %q", s)
	}
	var arr []json.RawMessage
	if err := json.Unmarshal(raw, &arr); err != nil || len(arr) != 2 {
		return nil, fmt.Errorf("bad type %s", raw)
	}
	var kind string
	if err := json.Unmarshal(arr[0], &kind); err != nil {
		return nil, err
	}
	if kind == "object" {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(arr[1], &fields); err != nil {
			return nil, err
		}
		at := map[string]tftypes.Type{}
		for k, v := range fields {
			t, err := parseType(v)
			if err != nil {
				return nil, err
			}
			at[k] = t
		}
		return tftypes.Object{AttributeTypes: at}, nil
	}
	el, err := parseType(arr[1])
	if err != nil {
		return nil, err
	}
	switch kind {
	case "list":
		return tftypes.List{ElementType: el}, nil
	case "set":
		return tftypes.Set{ElementType: el}, nil
	case "map":
		return tftypes.Map{ElementType: el}, nil
	}
	return nil, fmt.Errorf("unknown collection %q", kind)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (b jsonBlock) proto() (*tfprotov5.SchemaBlock, error) {
	out := &tfprotov5.SchemaBlock{}
	for _, name := range sortedKeys(b.Attributes) {
		a := b.Attributes[name]
		t, err := parseType(a.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out.Attributes = append(out.Attributes, &tfprotov5.SchemaAttribute{
			Name: name, Type: t, Required: a.Required, Optional: a.Optional, Computed: a.Computed,
		})
	}
	for _, name := range sortedKeys(b.BlockTypes) {
		bt := b.BlockTypes[name]
		inner, err := bt.Block.proto()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		nb := &tfprotov5.SchemaNestedBlock{TypeName: name, Block: inner, MinItems: bt.MinItems, MaxItems: bt.MaxItems}
		switch bt.NestingMode {
		case "list":
			nb.Nesting = tfprotov5.SchemaNestedBlockNestingModeList
		case "set":
			nb.Nesting = tfprotov5.SchemaNestedBlockNestingModeSet
		case "single":
			nb.Nesting = tfprotov5.SchemaNestedBlockNestingModeSingle
			nb.MinItems, nb.MaxItems = 0, 0
		default:
			return nil, fmt.Errorf("%s: nesting %q", name, bt.NestingMode)
		}
		out.BlockTypes = append(out.BlockTypes, nb)
	}
	return out, nil
}

// valueType is the object type of a block's value.
func (b jsonBlock) valueType() tftypes.Type {
	at := map[string]tftypes.Type{}
	for name, a := range b.Attributes {
		t, _ := parseType(a.Type)
		at[name] = t
	}
	for name, bt := range b.BlockTypes {
		inner := bt.Block.valueType()
		switch bt.NestingMode {
		case "list":
			at[name] = tftypes.List{ElementType: inner}
		case "set":
			at[name] = tftypes.Set{ElementType: inner}
		default:
			at[name] = inner
		}
	}
	return tftypes.Object{AttributeTypes: at}
}

// attrAt returns the attribute that path names directly (not something inside an
// attribute's value), or nil.
func (b jsonBlock) attrAt(path *tftypes.AttributePath) *jsonAttr {
	steps := path.Steps()
	cur := b
	for i := 0; i < len(steps); i++ {
		name, ok := steps[i].(tftypes.AttributeName)
		if !ok {
			return nil
		}
		if a, ok := cur.Attributes[string(name)]; ok {
			if i == len(steps)-1 {
				return &a
			}
			return nil
		}
		bt, ok := cur.BlockTypes[string(name)]
		if !ok {
			return nil
		}
		if bt.NestingMode != "single" {
			i++ // skip the element key
			if i >= len(steps) {
				return nil
			}
		}
		cur = bt.Block
	}
	return nil
}

type server struct {
	file      jsonSchemaFile
	provider  jsonSchema
	resources map[string]jsonSchema
	protoProv *tfprotov5.Schema
	protoRes  map[string]*tfprotov5.Schema

	dataSources map[string]jsonSchema
	protoData   map[string]*tfprotov5.Schema
}

func newServer() (*server, error) {
	s := &server{resources: map[string]jsonSchema{}, protoRes: map[string]*tfprotov5.Schema{},
		dataSources: map[string]jsonSchema{}, protoData: map[string]*tfprotov5.Schema{}}
	if err := json.Unmarshal(schemaJSON, &s.file); err != nil {
		return nil, err
	}
	for _, ps := range s.file.ProviderSchemas {
		s.provider = ps.Provider
		for name, rs := range ps.ResourceSchemas {
			s.resources[name] = rs
		}
		for name, ds := range ps.DataSchemas {
			s.dataSources[name] = ds
		}
	}
	pb, err := s.provider.Block.proto()
	if err != nil {
		return nil, err
	}
	s.protoProv = &tfprotov5.Schema{Version: s.provider.Version, Block: pb}
	for name, rs := range s.resources {
		b, err := rs.Block.proto()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s.protoRes[name] = &tfprotov5.Schema{Version: rs.Version, Block: b}
	}
	for name, ds := range s.dataSources {
		b, err := ds.Block.proto()
		if err != nil {
			return nil, fmt.Errorf("data %s: %w", name, err)
		}
		s.protoData[name] = &tfprotov5.Schema{Version: ds.Version, Block: b}
	}
	return s, nil
}

func errDiag(summary, detail string) []*tfprotov5.Diagnostic {
	return []*tfprotov5.Diagnostic{{Severity: tfprotov5.DiagnosticSeverityError, Summary: summary, Detail: detail}}
}

func (s *server) GetMetadata(context.Context, *tfprotov5.GetMetadataRequest) (*tfprotov5.GetMetadataResponse, error) {
	resp := &tfprotov5.GetMetadataResponse{ServerCapabilities: &tfprotov5.ServerCapabilities{PlanDestroy: true}}
	for _, name := range sortedKeys(s.resources) {
		resp.Resources = append(resp.Resources, tfprotov5.ResourceMetadata{TypeName: name})
	}
	for _, name := range sortedKeys(s.dataSources) {
		resp.DataSources = append(resp.DataSources, tfprotov5.DataSourceMetadata{TypeName: name})
	}
	return resp, nil
}

func (s *server) GetProviderSchema(context.Context, *tfprotov5.GetProviderSchemaRequest) (*tfprotov5.GetProviderSchemaResponse, error) {
	return &tfprotov5.GetProviderSchemaResponse{
		ServerCapabilities: &tfprotov5.ServerCapabilities{PlanDestroy: true},
		Provider:           s.protoProv,
		ResourceSchemas:    s.protoRes,
		DataSourceSchemas:  s.protoData,
	}, nil
}

func (s *server) GetResourceIdentitySchemas(context.Context, *tfprotov5.GetResourceIdentitySchemasRequest) (*tfprotov5.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov5.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov5.ResourceIdentitySchema{}}, nil
}

func (s *server) PrepareProviderConfig(_ context.Context, req *tfprotov5.PrepareProviderConfigRequest) (*tfprotov5.PrepareProviderConfigResponse, error) {
	return &tfprotov5.PrepareProviderConfigResponse{PreparedConfig: req.Config}, nil
}

func getString(obj map[string]tftypes.Value, name string) (string, bool) {
	v, ok := obj[name]
	if !ok || v.IsNull() || !v.IsKnown() {
		return "", false
	}
	var s string
	if err := v.As(&s); err != nil {
		return "", false
	}
	return s, true
}

func getBool(obj map[string]tftypes.Value, name string) bool {
	v, ok := obj[name]
	if !ok || v.IsNull() || !v.IsKnown() {
		return false
	}
	var b bool
	if err := v.As(&b); err != nil {
		var s string
		if v.As(&s) == nil {
			return s == "true"
		}
		return false
	}
	return b
}

func (s *server) ConfigureProvider(_ context.Context, req *tfprotov5.ConfigureProviderRequest) (*tfprotov5.ConfigureProviderResponse, error) {
	resp := &tfprotov5.ConfigureProviderResponse{}
	v, err := req.Config.Unmarshal(s.provider.Block.valueType())
	if err != nil {
		resp.Diagnostics = errDiag("stand-in: cannot read provider configuration", err.Error())
		return resp, nil
	}
	obj := map[string]tftypes.Value{}
	if err := v.As(&obj); err != nil {
		resp.Diagnostics = errDiag("stand-in: cannot read provider configuration", err.Error())
		return resp, nil
	}
	_, hasKey := getString(obj, "access_key")
	_, hasSecret := getString(obj, "secret_key")
	envCreds := os.Getenv("AWS_ACCESS_KEY_ID") != "" && os.Getenv("AWS_SECRET_ACCESS_KEY") != ""
	if !(hasKey && hasSecret) && !envCreds {
		resp.Diagnostics = errDiag("No valid credential sources found",
			"stand-in for hashicorp/aws: the real provider would look up credentials here (and reach the network); "+
				"the e2e override must set access_key and secret_key")
		return resp, nil
	}
	if getBool(obj, "skip_requesting_account_id") {
		if ids, ok := obj["allowed_account_ids"]; ok && ids.IsKnown() && !ids.IsNull() {
			var elems []tftypes.Value
			if ids.As(&elems) == nil && len(elems) > 0 {
				resp.Diagnostics = errDiag("AWS account ID not allowed",
					"stand-in for hashicorp/aws: with skip_requesting_account_id the provider knows no account ID, "+
						"so a non-empty allowed_account_ids cannot be verified (the e2e override must clear it)")
				return resp, nil
			}
		}
	}
	return resp, nil
}

func (s *server) StopProvider(context.Context, *tfprotov5.StopProviderRequest) (*tfprotov5.StopProviderResponse, error) {
	return &tfprotov5.StopProviderResponse{}, nil
}

func (s *server) ValidateResourceTypeConfig(_ context.Context, req *tfprotov5.ValidateResourceTypeConfigRequest) (*tfprotov5.ValidateResourceTypeConfigResponse, error) {
	if _, ok := s.resources[req.TypeName]; !ok {
		return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: errDiag("stand-in: unsupported resource type "+req.TypeName,
			"the stand-in knows only the resource types listed in extract_schema.py")}, nil
	}
	return &tfprotov5.ValidateResourceTypeConfigResponse{}, nil
}

func (s *server) UpgradeResourceState(_ context.Context, req *tfprotov5.UpgradeResourceStateRequest) (*tfprotov5.UpgradeResourceStateResponse, error) {
	rs, ok := s.resources[req.TypeName]
	if !ok {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: errDiag("stand-in: unsupported resource type "+req.TypeName, "")}, nil
	}
	t := rs.Block.valueType()
	v, err := req.RawState.UnmarshalWithOpts(t, tfprotov5.UnmarshalOpts{ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true}})
	if err != nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: errDiag("stand-in: cannot read state", err.Error())}, nil
	}
	dv, err := tfprotov5.NewDynamicValue(t, v)
	if err != nil {
		return nil, err
	}
	return &tfprotov5.UpgradeResourceStateResponse{UpgradedState: &dv}, nil
}

func (s *server) ReadResource(_ context.Context, req *tfprotov5.ReadResourceRequest) (*tfprotov5.ReadResourceResponse, error) {
	return &tfprotov5.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
}

// PlanFor returns the planned new state for a proposed new state: unset computed attributes
// become unknown on create; an existing object keeps its prior computed values.
func PlanFor(b jsonBlock, proposed, prior tftypes.Value) (tftypes.Value, error) {
	if proposed.IsNull() {
		return proposed, nil
	}
	creating := prior.IsNull()
	return tftypes.Transform(proposed, func(path *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		a := b.attrAt(path)
		if a == nil || !a.Computed || !v.IsNull() {
			return v, nil
		}
		if creating {
			return tftypes.NewValue(v.Type(), tftypes.UnknownValue), nil
		}
		// an update (never reached offline): keep the prior value of an unset computed attribute
		if pv, _, err := tftypes.WalkAttributePath(prior, path); err == nil {
			if pval, ok := pv.(tftypes.Value); ok {
				return pval, nil
			}
		}
		return v, nil
	})
}

func (s *server) PlanResourceChange(_ context.Context, req *tfprotov5.PlanResourceChangeRequest) (*tfprotov5.PlanResourceChangeResponse, error) {
	rs, ok := s.resources[req.TypeName]
	if !ok {
		return &tfprotov5.PlanResourceChangeResponse{Diagnostics: errDiag("stand-in: unsupported resource type "+req.TypeName, "")}, nil
	}
	t := rs.Block.valueType()
	proposed, err := req.ProposedNewState.Unmarshal(t)
	if err != nil {
		return &tfprotov5.PlanResourceChangeResponse{Diagnostics: errDiag("stand-in: cannot read proposed state", err.Error())}, nil
	}
	prior := tftypes.NewValue(t, nil)
	if req.PriorState != nil {
		if p, err := req.PriorState.Unmarshal(t); err == nil {
			prior = p
		}
	}
	planned, err := PlanFor(rs.Block, proposed, prior)
	if err != nil {
		return &tfprotov5.PlanResourceChangeResponse{Diagnostics: errDiag("stand-in: cannot plan", err.Error())}, nil
	}
	dv, err := tfprotov5.NewDynamicValue(t, planned)
	if err != nil {
		return nil, err
	}
	return &tfprotov5.PlanResourceChangeResponse{PlannedState: &dv, PlannedPrivate: req.PriorPrivate}, nil
}

func (s *server) ApplyResourceChange(context.Context, *tfprotov5.ApplyResourceChangeRequest) (*tfprotov5.ApplyResourceChangeResponse, error) {
	return &tfprotov5.ApplyResourceChangeResponse{Diagnostics: errDiag("stand-in provider cannot apply",
		StandinMarker+": it exists only for offline validate and plan")}, nil
}

func (s *server) ImportResourceState(context.Context, *tfprotov5.ImportResourceStateRequest) (*tfprotov5.ImportResourceStateResponse, error) {
	return &tfprotov5.ImportResourceStateResponse{Diagnostics: errDiag("stand-in provider cannot import", StandinMarker)}, nil
}

func (s *server) MoveResourceState(context.Context, *tfprotov5.MoveResourceStateRequest) (*tfprotov5.MoveResourceStateResponse, error) {
	return &tfprotov5.MoveResourceStateResponse{Diagnostics: errDiag("stand-in provider cannot move state", StandinMarker)}, nil
}

func (s *server) UpgradeResourceIdentity(context.Context, *tfprotov5.UpgradeResourceIdentityRequest) (*tfprotov5.UpgradeResourceIdentityResponse, error) {
	return &tfprotov5.UpgradeResourceIdentityResponse{Diagnostics: errDiag("stand-in provider has no resource identities", StandinMarker)}, nil
}

func (s *server) GenerateResourceConfig(context.Context, *tfprotov5.GenerateResourceConfigRequest) (*tfprotov5.GenerateResourceConfigResponse, error) {
	return &tfprotov5.GenerateResourceConfigResponse{Diagnostics: errDiag("stand-in provider cannot generate configuration", StandinMarker)}, nil
}

func (s *server) ValidateDataSourceConfig(_ context.Context, req *tfprotov5.ValidateDataSourceConfigRequest) (*tfprotov5.ValidateDataSourceConfigResponse, error) {
	return &tfprotov5.ValidateDataSourceConfigResponse{Diagnostics: s.dataDiag(req.TypeName)}, nil
}

// ReadDataSource returns the configuration with its computed attributes filled from the
// organization facts (data.go); no facts, or none for this data source, is an error.
func (s *server) ReadDataSource(_ context.Context, req *tfprotov5.ReadDataSourceRequest) (*tfprotov5.ReadDataSourceResponse, error) {
	if d := s.dataDiag(req.TypeName); d != nil {
		return &tfprotov5.ReadDataSourceResponse{Diagnostics: d}, nil
	}
	ds := s.dataSources[req.TypeName]
	t := ds.Block.valueType()
	config, err := req.Config.Unmarshal(t)
	if err != nil {
		return &tfprotov5.ReadDataSourceResponse{Diagnostics: errDiag("stand-in: cannot read data source configuration", err.Error())}, nil
	}
	facts, err := loadFacts()
	if err != nil {
		return &tfprotov5.ReadDataSourceResponse{Diagnostics: errDiag("stand-in: no organization facts for data source "+req.TypeName, err.Error())}, nil
	}
	state, err := ReadData(req.TypeName, ds.Block, config, facts)
	if err != nil {
		return &tfprotov5.ReadDataSourceResponse{Diagnostics: errDiag("stand-in: cannot read data source "+req.TypeName+" from the organization facts",
			err.Error()+" ("+FactsEnv+"="+os.Getenv(FactsEnv)+")")}, nil
	}
	dv, err := tfprotov5.NewDynamicValue(t, state)
	if err != nil {
		return nil, err
	}
	return &tfprotov5.ReadDataSourceResponse{State: &dv}, nil
}

func (s *server) CallFunction(context.Context, *tfprotov5.CallFunctionRequest) (*tfprotov5.CallFunctionResponse, error) {
	return &tfprotov5.CallFunctionResponse{Error: &tfprotov5.FunctionError{Text: "stand-in: no provider functions"}}, nil
}

func (s *server) GetFunctions(context.Context, *tfprotov5.GetFunctionsRequest) (*tfprotov5.GetFunctionsResponse, error) {
	return &tfprotov5.GetFunctionsResponse{Functions: map[string]*tfprotov5.Function{}}, nil
}

func (s *server) ValidateEphemeralResourceConfig(context.Context, *tfprotov5.ValidateEphemeralResourceConfigRequest) (*tfprotov5.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov5.ValidateEphemeralResourceConfigResponse{Diagnostics: errDiag("stand-in: no ephemeral resources", "")}, nil
}

func (s *server) OpenEphemeralResource(context.Context, *tfprotov5.OpenEphemeralResourceRequest) (*tfprotov5.OpenEphemeralResourceResponse, error) {
	return &tfprotov5.OpenEphemeralResourceResponse{Diagnostics: errDiag("stand-in: no ephemeral resources", "")}, nil
}

func (s *server) RenewEphemeralResource(context.Context, *tfprotov5.RenewEphemeralResourceRequest) (*tfprotov5.RenewEphemeralResourceResponse, error) {
	return &tfprotov5.RenewEphemeralResourceResponse{Diagnostics: errDiag("stand-in: no ephemeral resources", "")}, nil
}

func (s *server) CloseEphemeralResource(context.Context, *tfprotov5.CloseEphemeralResourceRequest) (*tfprotov5.CloseEphemeralResourceResponse, error) {
	return &tfprotov5.CloseEphemeralResourceResponse{}, nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-standin-info" {
		var f jsonSchemaFile
		_ = json.Unmarshal(schemaJSON, &f)
		fmt.Printf("%s\nschema: %s\n", StandinMarker, f.Source)
		return
	}
	s, err := newServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "stand-in: bad embedded schema:", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, StandinMarker)
	err = tf5server.Serve("registry.opentofu.org/hashicorp/aws", func() tfprotov5.ProviderServer { return s })
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
