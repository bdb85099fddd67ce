// Check 3: every reference a module makes (aws_*.name.attr, var.*, local.*, data.*, module.*,
// provider aliases aws.x) is declared in that same module. The references of an expression
// are HCL's own (hclsyntax Variables(), as reported by verify/hclread).
import { declarations } from "../module.mjs";
import { loadSchema } from "./schema.mjs";

const BUILTIN_ROOTS = new Set(["path", "terraform", "count", "each", "self"]);

// Yields every attribute with its block path and the names bound around it: the iterator of
// each enclosing `dynamic "x"` block (x, or its `iterator` argument) inside that block's content.
function* walkAttributes(body, pathNames = [], bound = []) {
  for (const a of body.attributes) yield { attr: a, path: pathNames, bound };
  for (const b of body.blocks) {
    let inner = bound;
    if (b.type === "dynamic" && b.labels[0]) {
      const it = b.body.attributes.find((a) => a.name === "iterator");
      const name = it && it.expr.kind === "ScopeTraversalExpr" && it.expr.traversals.length === 1 ? it.expr.traversals[0].segs[0] : b.labels[0];
      for (const a of b.body.attributes) if (a.name !== "iterator") yield { attr: a, path: [...pathNames, "dynamic"], bound };
      for (const c of b.body.blocks) {
        yield* walkAttributes(c.body, [...pathNames, b.labels[0]], c.type === "content" ? [...bound, name] : bound);
      }
      continue;
    }
    yield* walkAttributes(b.body, [...pathNames, b.type], inner);
  }
}

export function checkReferences(module) {
  const d = declarations(module);
  const schema = loadSchema();
  const diags = [...d.duplicates];
  let count = 0;
  const fail = (file, r, msg) => diags.push({ file, line: r.line, col: r.col, message: msg });

  for (const f of module.files) {
    if (!f.body) continue;
    for (const top of f.body.blocks) {
      if (top.type === "terraform") continue;
      const isProviderBlock = top.type === "provider";
      for (const { attr, path, bound } of walkAttributes(top.body)) {
        if (top.type === "variable" && path.length === 0 && attr.name === "type") continue;
        if (path[path.length - 1] === "lifecycle" && attr.name === "ignore_changes") continue;
        if (isProviderBlock && path.length === 0 && attr.name === "alias") continue;
        // removed { from = TYPE.NAME }: an address of a resource this module no longer declares, not a reference
        if (top.type === "removed" && path.length === 0 && attr.name === "from") continue;
        for (const r of attr.expr.traversals) {
          count++;
          const [root, second, third] = r.segs;
          const attrSeg = r.segs.slice(2).find((s) => !s.startsWith("["));
          if (bound.includes(root)) {
            // iterator of an enclosing dynamic block: x.key / x.value
            if (second !== undefined && second !== "key" && second !== "value") fail(f.rel, r, `dynamic block iterator ${root} has only .key and .value, not .${second}`);
          } else if (root === "var") {
            if (!d.variables.has(second)) fail(f.rel, r, `reference to undeclared input variable "${second}" (${r.text}): no variable "${second}" block in this module`);
          } else if (root === "local") {
            if (!d.locals.has(second)) fail(f.rel, r, `reference to undeclared local value "${second}" (${r.text})`);
          } else if (root === "data") {
            const dataAttr = r.segs.slice(3).find((s) => !s.startsWith("["));
            if (!d.data.has(`${second}.${third}`)) fail(f.rel, r, `reference to undeclared data source "data.${second}.${third}"`);
            else if (dataAttr && schema.dataSources[second] && !schema.dataSources[second].readable_attributes.includes(dataAttr)) {
              fail(f.rel, r, `${r.text}: data source ${second} has no attribute "${dataAttr}"`);
            }
          } else if (root === "module") {
            if (!d.modules.has(second)) fail(f.rel, r, `reference to undeclared module "${second}"`);
          } else if (BUILTIN_ROOTS.has(root)) {
            // path.module, terraform.workspace, count.index, each.key, self.*
          } else if (root === "aws") {
            if (attr.name !== "provider" && attr.name !== "providers" && path.length === 0) {
              fail(f.rel, r, `"${r.text}" refers to a provider configuration outside a provider argument`);
            } else if (second === undefined) {
              if (!d.providers.has("aws")) fail(f.rel, r, `reference to the default aws provider, but this module declares no provider "aws" block without alias`);
            } else if (!d.providers.has(`aws.${second}`)) {
              const known = [...d.providers.keys()].filter((k) => k.startsWith("aws.")).join(", ") || "none";
              fail(f.rel, r, `reference to undeclared provider configuration "aws.${second}" (aliases declared here: ${known})`);
            }
          } else if (/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(root)) {
            if (!second) {
              fail(f.rel, r, `"${root}" is a resource type; a reference needs a resource name (${root}.NAME)`);
              continue;
            }
            const res = d.resources.get(`${root}.${second}`);
            if (!res) {
              const same = [...d.resources.keys()].filter((k) => k.startsWith(`${root}.`));
              fail(f.rel, r, `reference to undeclared resource "${root}.${second}"${same.length ? ` (declared ${root} resources: ${same.join(", ")})` : ""}`);
              continue;
            }
            const rs = schema.resources[root];
            if (rs && attrSeg && !rs.readable_attributes.includes(attrSeg)) {
              fail(f.rel, r, `${r.text}: resource type ${root} has no attribute "${attrSeg}"`);
            }
          } else {
            fail(f.rel, r, `reference to undeclared name "${r.text}"`);
          }
        }
      }
    }
  }
  return { diags, references: count };
}
