// Check 2: every block conforms to the AWS provider schema or to Terraform's own block grammar.
// The schema is the project's one extracted provider schema, in Terraform's
// `providers schema -json` format: e2e/standin-provider/schema/aws-6.25.0.json (written by
// e2e/standin-provider/extract_schema.py from @cdktf/provider-aws, embedded by the e2e tier's
// stand-in provider).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_FILE = path.resolve(HERE, "..", "..", "..", "e2e", "standin-provider", "schema", "aws-6.25.0.json");

// Terraform's block schema -> { attributes: {name: {required}}, blocks: {name: {nesting, max_items, required, block}} }
function convertBlock(b) {
  const attributes = {};
  for (const [name, a] of Object.entries(b.attributes ?? {})) {
    if (a.required || a.optional) attributes[name] = { type: a.type, required: !!a.required };
  }
  const blocks = {};
  for (const [name, bt] of Object.entries(b.block_types ?? {})) {
    const single = bt.nesting_mode === "single" || bt.max_items === 1;
    blocks[name] = { nesting: single ? "single" : bt.nesting_mode, max_items: single ? 1 : (bt.max_items ?? null), required: (bt.min_items ?? 0) > 0, block: convertBlock(bt.block) };
  }
  return { attributes, blocks };
}

/**
 * Loads the schema file into { source: {package, terraform_provider}, provider,
 * resources: {type: {attributes, blocks, readable_attributes}}, dataSources: {type: {...}} }.
 */
export function convertSchema(file) {
  const [address, ps] = Object.entries(file.provider_schemas)[0];
  const resources = {};
  for (const [type, r] of Object.entries(ps.resource_schemas)) {
    const readable = [...Object.keys(r.block.attributes ?? {}), ...Object.keys(r.block.block_types ?? {})].sort();
    resources[type] = { ...convertBlock(r.block), readable_attributes: readable };
  }
  const dataSources = {};
  for (const [type, r] of Object.entries(ps.data_source_schemas ?? {})) {
    const readable = [...Object.keys(r.block.attributes ?? {}), ...Object.keys(r.block.block_types ?? {})].sort();
    dataSources[type] = { ...convertBlock(r.block), readable_attributes: readable };
  }
  const pkg = file.source.split(" ")[0];
  return { source: { package: pkg, terraform_provider: `${address.split("/").slice(1).join("/")}@${file.provider_version}` }, provider: convertBlock(ps.provider.block), resources, dataSources };
}

let cached;
export function loadSchema() {
  cached ??= convertSchema(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")));
  return cached;
}

const any = Symbol("any");
const attrs = (names, required = []) =>
  Object.fromEntries(names.map((n) => [n, { required: required.includes(n) }]));
const single = (block, required = false) => ({ nesting: "single", max_items: 1, required, block });
const list = (block, required = false) => ({ nesting: "list", max_items: null, required, block });
const condition = { attributes: attrs(["condition", "error_message"], ["condition", "error_message"]), blocks: {} };

const LIFECYCLE = {
  attributes: attrs(["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by"]),
  blocks: { precondition: list(condition), postcondition: list(condition) },
};
const RESOURCE_META_ATTRS = attrs(["count", "for_each", "provider", "depends_on"]);
const RESOURCE_META_BLOCKS = { lifecycle: single(LIFECYCLE) };
// A data block's lifecycle takes only pre- and postconditions (Terraform's data block grammar).
const DATA_META_BLOCKS = { lifecycle: single({ attributes: {}, blocks: { precondition: list(condition), postcondition: list(condition) } }) };

// Terraform's own top-level blocks (language grammar, not the provider's schema).
const TOP_LEVEL = {
  terraform: {
    labels: 0,
    schema: {
      attributes: attrs(["required_version", "experiments"]),
      blocks: {
        required_providers: single({ attributes: any, blocks: {} }),
        // backend "s3" { ... }: the one nested block of the language that takes a label (the backend type)
        backend: { ...single({ attributes: any, blocks: any }), labels: 1 },
        cloud: single({ attributes: any, blocks: any }),
        provider_meta: list({ attributes: any, blocks: any }),
      },
    },
  },
  variable: {
    labels: 1,
    schema: {
      attributes: attrs(["description", "type", "default", "sensitive", "nullable", "ephemeral"]),
      blocks: { validation: list(condition) },
    },
  },
  output: {
    labels: 1,
    schema: {
      attributes: attrs(["value", "description", "sensitive", "depends_on", "ephemeral"], ["value"]),
      blocks: { precondition: list(condition) },
    },
  },
  locals: { labels: 0, schema: { attributes: any, blocks: {} } },
  moved: { labels: 0, schema: { attributes: attrs(["from", "to"], ["from", "to"]), blocks: {} } },
  removed: { labels: 0, schema: { attributes: attrs(["from"], ["from"]), blocks: { lifecycle: single({ attributes: attrs(["destroy"]), blocks: {} }) } } },
  import: { labels: 0, schema: { attributes: attrs(["to", "id", "identity", "provider", "for_each"], ["to"]), blocks: {} } },
};

function levenshtein(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function suggest(name, candidates) {
  let best = null;
  let score = Infinity;
  for (const c of candidates) {
    const s = levenshtein(name, c);
    if (s < score || (s === score && c < best)) {
      best = c;
      score = s;
    }
  }
  const close = best && (score <= Math.max(2, Math.floor(name.length / 3)) || best.startsWith(name) || name.startsWith(best));
  return close ? ` (did you mean "${best}"?)` : "";
}

/**
 * Checks a block body against a schema node. `where` names the block for messages,
 * e.g. `aws_backup_plan.nightly` or `aws_backup_plan.nightly.rule.lifecycle`.
 */
function checkBody(body, schema, where, file, diags, { metaAttrs = {}, metaBlocks = {}, source }) {
  if (schema.attributes === any && schema.blocks === any) return;
  const allAttrs = schema.attributes === any ? null : { ...schema.attributes, ...metaAttrs };
  const allBlocks = schema.blocks === any ? null : { ...schema.blocks, ...metaBlocks };
  const known = [...Object.keys(allAttrs ?? {}), ...Object.keys(allBlocks ?? {})];
  const seenAttrs = new Set();
  for (const a of body.attributes) {
    seenAttrs.add(a.name);
    if (!allAttrs) continue;
    if (allAttrs[a.name]) continue;
    if (allBlocks && allBlocks[a.name]) {
      diags.push({ file, line: a.line, col: a.col, message: `${where}: "${a.name}" is a block in ${source}, not an argument: write ${a.name} { ... }` });
      continue;
    }
    diags.push({ file, line: a.line, col: a.col, message: `${where}: unsupported argument "${a.name}" (not in ${source})${suggest(a.name, known)}` });
  }
  const counts = new Map();
  for (const b of body.blocks) {
    let name = b.type;
    let inner = b.body;
    if (name === "dynamic") {
      name = b.labels[0];
      const content = b.body.blocks.find((x) => x.type === "content");
      inner = content ? content.body : { attributes: [], blocks: [] };
    }
    counts.set(name, [...(counts.get(name) ?? []), b]);
    if (!allBlocks) continue;
    const spec = allBlocks[name];
    if (!spec) {
      if (allAttrs && allAttrs[name]) {
        diags.push({ file, line: b.line, col: b.col, message: `${where}: "${name}" is an argument in ${source}, not a block: write ${name} = ...` });
      } else {
        diags.push({ file, line: b.line, col: b.col, message: `${where}: unsupported block type "${name}" (not in ${source})${suggest(name, known)}` });
      }
      continue;
    }
    const labels = spec.labels ?? 0;
    if (b.type !== "dynamic" && b.labels.length !== labels) {
      diags.push({ file, line: b.line, col: b.col, message: labels === 0 ? `${where}: block "${name}" takes no labels`
        : `${where}: block "${name}" takes ${labels} label(s)` });
    }
    const isMeta = metaBlocks[name] && !schema.blocks?.[name];
    checkBody(inner, spec.block, `${where}.${name}`, file, diags, { source: isMeta ? "Terraform's lifecycle meta-argument" : source });
  }
  if (allBlocks) {
    for (const [name, blocks] of counts) {
      const spec = allBlocks[name];
      if (spec && spec.nesting === "single" && blocks.length > 1) {
        const b = blocks[1];
        diags.push({ file, line: b.line, col: b.col, message: `${where}: at most one "${name}" block is allowed (max items 1 in ${source}), found ${blocks.length}` });
      }
    }
    for (const [name, spec] of Object.entries(schema.blocks)) {
      if (spec.required && !counts.has(name)) {
        diags.push({ file, line: body.line, col: body.col, message: `${where}: missing required block "${name}"` });
      }
    }
  }
  if (allAttrs && schema.attributes !== any) {
    for (const [name, spec] of Object.entries(schema.attributes)) {
      if (spec.required && !seenAttrs.has(name)) {
        diags.push({ file, line: body.line, col: body.col, message: `${where}: missing required argument "${name}"` });
      }
    }
  }
}

/** Runs the schema check over a loaded module; returns diagnostics and a count of checked blocks. */
export function checkSchema(module) {
  const schema = loadSchema();
  const source = `the hashicorp/aws ${schema.source.terraform_provider.split("@")[1]} schema`;
  const diags = [];
  let resources = 0;
  let dataSources = 0;
  for (const f of module.files) {
    if (!f.body) continue;
    for (const b of f.body.blocks) {
      // positions of a block's body for "missing ..." messages: the block header
      const withPos = (blk) => {
        Object.assign(blk.body, { line: blk.line, col: blk.col });
        markSubPositions(blk.body);
      };
      if (b.type === "resource") {
        resources++;
        const [type, name] = b.labels;
        const where = `${type}.${name}`;
        if (b.labels.length !== 2) {
          diags.push({ file: f.rel, line: b.line, col: b.col, message: `resource blocks take two labels (type and name)` });
          continue;
        }
        const rs = schema.resources[type];
        if (!rs) {
          diags.push({
            file: f.rel,
            line: b.line,
            col: b.col,
            message: `${where}: resource type "${type}" is not among the types the generator emits (${Object.keys(schema.resources).length} extracted in ${path.basename(SCHEMA_FILE)})${suggest(type, Object.keys(schema.resources))}`,
          });
          continue;
        }
        withPos(b);
        checkBody(b.body, rs, where, f.rel, diags, { metaAttrs: RESOURCE_META_ATTRS, metaBlocks: RESOURCE_META_BLOCKS, source });
      } else if (b.type === "provider") {
        if (b.labels[0] !== "aws") {
          diags.push({ file: f.rel, line: b.line, col: b.col, message: `provider "${b.labels[0]}" is not expected; generated modules configure only the aws provider` });
          continue;
        }
        withPos(b);
        checkBody(b.body, schema.provider, `provider "aws"`, f.rel, diags, { metaAttrs: attrs(["alias"]), source });
      } else if (b.type === "data") {
        const [type, name] = b.labels;
        const where = `data.${type}.${name}`;
        if (b.labels.length !== 2) {
          diags.push({ file: f.rel, line: b.line, col: b.col, message: `data blocks take two labels (type and name)` });
          continue;
        }
        dataSources++;
        const ds = schema.dataSources[type];
        if (!ds) {
          diags.push({
            file: f.rel,
            line: b.line,
            col: b.col,
            message: `${where}: data source "${type}" is not among the data sources the generator emits (${Object.keys(schema.dataSources).length} extracted in ${path.basename(SCHEMA_FILE)}: ${Object.keys(schema.dataSources).join(", ") || "none"})${suggest(type, Object.keys(schema.dataSources))}`,
          });
          continue;
        }
        withPos(b);
        checkBody(b.body, ds, where, f.rel, diags, { metaAttrs: RESOURCE_META_ATTRS, metaBlocks: DATA_META_BLOCKS, source });
      } else if (b.type === "module") {
        diags.push({ file: f.rel, line: b.line, col: b.col, message: `module "${b.labels[0]}": generated modules call no other modules` });
      } else if (TOP_LEVEL[b.type]) {
        const spec = TOP_LEVEL[b.type];
        if (b.labels.length !== spec.labels) {
          diags.push({ file: f.rel, line: b.line, col: b.col, message: `${b.type} blocks take ${spec.labels} label(s), found ${b.labels.length}` });
        }
        withPos(b);
        checkBody(b.body, spec.schema, b.labels.length ? `${b.type} "${b.labels[0]}"` : b.type, f.rel, diags, { source: "the Terraform language" });
      } else {
        diags.push({ file: f.rel, line: b.line, col: b.col, message: `unsupported top-level block type "${b.type}"${suggest(b.type, ["resource", "data", "provider", ...Object.keys(TOP_LEVEL)])}` });
      }
    }
  }
  return { diags, resources, dataSources };
}

// Nested bodies get their header position too (for "missing required" inside nested blocks).
function markSubPositions(body) {
  for (const b of body.blocks) {
    Object.assign(b.body, { line: b.line, col: b.col });
    markSubPositions(b.body);
  }
}
