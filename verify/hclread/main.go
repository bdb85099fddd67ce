// Command hclread reads every .tf file under the given directories with HashiCorp's own HCL
// parser (github.com/hashicorp/hcl/v2/hclsyntax) and prints, as JSON, what the verify tier's
// checks need, with source positions for everything:
//
//	{"files": [{"path", "tokens": [{type, text, line, col, byte}],
//	            "body": {"attributes": [Attr], "blocks": [Block]},
//	            "diagnostics": [{severity, summary, detail, range}]}]}
//	Block = {type, labels, range, typeRange, labelRanges, openBrace, closeBrace, body}
//	Attr  = {name, range, nameRange, expr}
//	Expr  = {kind, range, source, value?, template?, call?, traversals}
//
// kind is the hclsyntax node type (TemplateExpr, ScopeTraversalExpr, FunctionCallExpr, ...);
// source is the expression as written; value is HCL's decoded value of a string literal,
// quoted string or heredoc without interpolation; template lists the parts of a string
// template (decoded literal text with a map back to the source, interpolation sources);
// call gives a function call's name and arguments; traversals are the variables it refers to.
// A range is {file, line, col, byte, endLine, endCol, endByte} (byte offsets from 0).
//
// Usage: hclread DIR_OR_FILE...   (directories are walked; hidden directories are skipped)
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

type Range struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Byte    int    `json:"byte"`
	EndLine int    `json:"endLine"`
	EndCol  int    `json:"endCol"`
	EndByte int    `json:"endByte"`
}

func rng(r hcl.Range) Range {
	return Range{r.Filename, r.Start.Line, r.Start.Column, r.Start.Byte, r.End.Line, r.End.Column, r.End.Byte}
}

type Token struct {
	Type string `json:"type"`
	Text string `json:"text"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Byte int    `json:"byte"`
}

type Diag struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
	Range    *Range `json:"range,omitempty"`
}

type Traversal struct {
	Segs  []string `json:"segs"`
	Range Range    `json:"range"`
}

type Part struct {
	Lit     *string  `json:"lit,omitempty"`
	Map     [][2]int `json:"map,omitempty"` // runs [decoded UTF-16 index, source byte]
	Interp  *string  `json:"interp,omitempty"`
	Control bool     `json:"control,omitempty"`
	Range   Range    `json:"range"`
}

type Template struct {
	Kind  string `json:"kind"` // quoted | heredoc
	Parts []Part `json:"parts"`
}

type Call struct {
	Name string  `json:"name"`
	Args []*Expr `json:"args"`
}

type Expr struct {
	Kind   string  `json:"kind"`
	Range  Range   `json:"range"`
	Source string  `json:"source"`
	Value  *string `json:"value,omitempty"`
	// Constant is HCL's value of an expression that needs no variables or functions (object and
	// tuple constructors of literals, strings, heredocs without interpolation), as JSON.
	Constant   json.RawMessage `json:"constant,omitempty"`
	Template   *Template       `json:"template,omitempty"`
	Call       *Call           `json:"call,omitempty"`
	Traversals []Traversal     `json:"traversals"`
}

type Attr struct {
	Name      string `json:"name"`
	Range     Range  `json:"range"`
	NameRange Range  `json:"nameRange"`
	Expr      *Expr  `json:"expr"`
}

type Block struct {
	Type        string   `json:"type"`
	Labels      []string `json:"labels"`
	Range       Range    `json:"range"`
	TypeRange   Range    `json:"typeRange"`
	LabelRanges []Range  `json:"labelRanges"`
	OpenBrace   Range    `json:"openBrace"`
	CloseBrace  Range    `json:"closeBrace"`
	Body        *Body    `json:"body"`
}

type Body struct {
	Attributes []Attr  `json:"attributes"`
	Blocks     []Block `json:"blocks"`
}

type File struct {
	Path        string  `json:"path"`
	Tokens      []Token `json:"tokens"`
	Body        *Body   `json:"body"`
	Diagnostics []Diag  `json:"diagnostics"`
}

type reader struct{ src []byte }

func (rd reader) text(r hcl.Range) string {
	if r.Start.Byte < 0 || r.End.Byte > len(rd.src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	return string(rd.src[r.Start.Byte:r.End.Byte])
}

func (rd reader) body(b *hclsyntax.Body) *Body {
	out := &Body{Attributes: []Attr{}, Blocks: []Block{}}
	for _, a := range b.Attributes {
		out.Attributes = append(out.Attributes, Attr{a.Name, rng(a.SrcRange), rng(a.NameRange), rd.expr(a.Expr)})
	}
	sort.Slice(out.Attributes, func(i, j int) bool { return out.Attributes[i].Range.Byte < out.Attributes[j].Range.Byte })
	for _, blk := range b.Blocks {
		lr := []Range{}
		for _, r := range blk.LabelRanges {
			lr = append(lr, rng(r))
		}
		labels := append([]string{}, blk.Labels...)
		out.Blocks = append(out.Blocks, Block{blk.Type, labels, rng(blk.Range()), rng(blk.TypeRange), lr, rng(blk.OpenBraceRange), rng(blk.CloseBraceRange), rd.body(blk.Body)})
	}
	return out
}

func traversalSegs(t hcl.Traversal) []string {
	segs := []string{}
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			segs = append(segs, s.Name)
		case hcl.TraverseAttr:
			segs = append(segs, s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String {
				segs = append(segs, fmt.Sprintf("[%q]", s.Key.AsString()))
			} else if s.Key.Type() == cty.Number {
				segs = append(segs, "["+s.Key.AsBigFloat().Text('f', -1)+"]")
			} else {
				segs = append(segs, "[?]")
			}
		case hcl.TraverseSplat:
			segs = append(segs, "[*]")
		}
	}
	return segs
}

func (rd reader) expr(e hclsyntax.Expression) *Expr {
	r := e.Range()
	out := &Expr{Kind: reflect.TypeOf(e).Elem().Name(), Range: rng(r), Source: rd.text(r), Traversals: []Traversal{}}
	for _, t := range e.Variables() {
		out.Traversals = append(out.Traversals, Traversal{traversalSegs(t), rng(t.SourceRange())})
	}
	if len(out.Traversals) == 0 {
		if v, diags := e.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() && !v.IsNull() {
			if b, err := ctyjson.Marshal(v, v.Type()); err == nil {
				out.Constant = b
			}
		}
	}
	switch x := e.(type) {
	case *hclsyntax.TemplateExpr:
		out.Template = rd.template(x.Parts, out.Source)
		if x.IsStringLiteral() {
			if v, diags := x.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				s := v.AsString()
				out.Value = &s
			}
		}
	case *hclsyntax.TemplateWrapExpr:
		out.Template = rd.template([]hclsyntax.Expression{x.Wrapped}, out.Source)
	case *hclsyntax.LiteralValueExpr:
		if x.Val.Type() == cty.String && !x.Val.IsNull() {
			s := x.Val.AsString()
			out.Value = &s
		}
	case *hclsyntax.FunctionCallExpr:
		c := &Call{Name: x.Name, Args: []*Expr{}}
		for _, a := range x.Args {
			c.Args = append(c.Args, rd.expr(a))
		}
		out.Call = c
	}
	return out
}

func (rd reader) template(parts []hclsyntax.Expression, source string) *Template {
	t := &Template{Kind: "quoted", Parts: []Part{}}
	if strings.HasPrefix(source, "<<") {
		t.Kind = "heredoc"
	}
	for _, p := range parts {
		pr := p.Range()
		if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && !lit.Val.IsNull() {
			s := lit.Val.AsString()
			t.Parts = append(t.Parts, Part{Lit: &s, Map: rd.align(pr, s, t.Kind == "quoted"), Range: rng(pr)})
			continue
		}
		src := strings.TrimSpace(rd.text(pr))
		t.Parts = append(t.Parts, Part{Interp: &src, Control: rd.isControl(pr), Range: rng(pr)})
	}
	return t
}

// isControl reports whether the template part at r is a directive (%{...}) rather than an
// interpolation (${...}): the nearest opener before it decides.
func (rd reader) isControl(r hcl.Range) bool {
	for i := r.Start.Byte - 1; i > 0; i-- {
		if rd.src[i] == '{' && (rd.src[i-1] == '%' || rd.src[i-1] == '$') {
			return rd.src[i-1] == '%'
		}
	}
	return false
}

// align maps HCL's decoded text of a literal template part back to the source: runs of
// [index in the decoded text (UTF-16 units, as JavaScript counts), byte offset in the file]
// within which consecutive characters are consecutive in the source. It follows the escapes
// HCL decodes (\n \" \\ \uNNNN ... in quoted strings, $${ and %%{ everywhere) and the
// indentation a <<- heredoc strips; if the walk does not reproduce HCL's text, the whole part
// maps to its start.
func (rd reader) align(r hcl.Range, decoded string, quoted bool) [][2]int {
	raw := rd.text(r)
	fallback := [][2]int{{0, r.Start.Byte}}
	runs := [][2]int{}
	i, u, j := 0, 0, 0 // byte in decoded, UTF-16 index in decoded, byte in raw
	lastU, lastJ, contiguous := -2, -2, false
	mapChar := func(size int, at int, ascii bool) {
		if !(contiguous && u == lastU+1 && at == lastJ+1) {
			runs = append(runs, [2]int{u, r.Start.Byte + at})
		}
		lastU, lastJ, contiguous = u, at, ascii
		if size > 0 {
			rr, _ := utf8.DecodeRuneInString(decoded[i:])
			i += size
			u += utf16Len(rr)
		}
	}
	for i < len(decoded) {
		if j >= len(raw) {
			return fallback
		}
		d, dsize := utf8.DecodeRuneInString(decoded[i:])
		switch {
		case quoted && raw[j] == '\\' && j+1 < len(raw):
			n := 2
			if raw[j+1] == 'u' {
				n = 6
			} else if raw[j+1] == 'U' {
				n = 10
			}
			mapChar(dsize, j, false)
			j += n
		case strings.HasPrefix(raw[j:], "$${") || strings.HasPrefix(raw[j:], "%%{"):
			if !strings.HasPrefix(decoded[i:], raw[j:j+1]+"{") {
				return fallback
			}
			mapChar(1, j, false)
			mapChar(1, j+2, false)
			j += 3
		default:
			c, csize := utf8.DecodeRuneInString(raw[j:])
			if c == d {
				mapChar(dsize, j, csize == 1)
				j += csize
			} else if !quoted && (raw[j] == ' ' || raw[j] == '\t') {
				j++ // indentation removed from a <<- heredoc
				contiguous = false
			} else {
				return fallback
			}
		}
	}
	return runs
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func diagList(diags hcl.Diagnostics) []Diag {
	out := []Diag{}
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		var r *Range
		if d.Subject != nil {
			x := rng(*d.Subject)
			r = &x
		}
		out = append(out, Diag{sev, d.Summary, d.Detail, r})
	}
	return out
}

func readFile(path string) (File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	f := File{Path: path, Tokens: []Token{}, Diagnostics: []Diag{}}
	toks, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
	for _, t := range toks {
		f.Tokens = append(f.Tokens, Token{strings.TrimPrefix(t.Type.String(), "Token"), string(t.Bytes), t.Range.Start.Line, t.Range.Start.Column, t.Range.Start.Byte})
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	f.Diagnostics = diagList(diags)
	if !diags.HasErrors() {
		f.Body = reader{src}.body(file.Body.(*hclsyntax.Body))
	}
	return f, nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: hclread DIR_OR_FILE...")
		os.Exit(2)
	}
	var paths []string
	for _, arg := range os.Args[1:] {
		err := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != arg && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".tf") || p == arg) {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "hclread:", err)
			os.Exit(1)
		}
	}
	sort.Strings(paths)
	out := struct {
		Files []File `json:"files"`
	}{Files: []File{}}
	for _, p := range paths {
		f, err := readFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "hclread:", err)
			os.Exit(1)
		}
		out.Files = append(out.Files, f)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "hclread:", err)
		os.Exit(1)
	}
}
