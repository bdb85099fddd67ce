#!/usr/bin/env node
// Extracts the Terraform schema of the resource types the generator emits from the
// prebuilt CDKTF AWS provider package (@cdktf/provider-aws, generated from hashicorp/aws),
// and writes verify/aws-provider-schema.json.
//
// Usage:
//   node verify/extract-schema.mjs                 # fetches the pinned package with `npm pack`,
//                                                  # checks its integrity, extracts, writes JSON
//   node verify/extract-schema.mjs --package DIR   # use an already unpacked package directory
//   node verify/extract-schema.mjs --check         # exit 1 if the committed JSON differs
//
// Sources inside the package:
//   .jsii                 - the jsii assembly: every Config interface / nested struct, which
//                           properties are optional, and whether a nested block is a single
//                           struct (max items 1) or an array of structs;
//   lib/<dir>/index.js    - `X.tfResourceType = "aws_..."` and the *ToTerraform functions that
//                           map each jsii property name to its Terraform attribute name.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, "aws-provider-schema.json");

export const PACKAGE = "@cdktf/provider-aws";
export const VERSION = "21.22.1";
// sha512 integrity of the npm tarball of @cdktf/provider-aws@21.22.1 (as `npm view ... dist.integrity`).
const INTEGRITY =
  "sha512-BuSHeaQFUL9l33pBzIMRT7cTQ69AM2mLtijjteCPhVQRmvuhuj9Lvfymf7knAMhYqAT6+Lrls9jiGVW/Us3zrQ==";

export const RESOURCE_TYPES = [
  "aws_organizations_policy",
  "aws_organizations_policy_attachment",
  "aws_organizations_delegated_administrator",
  "aws_organizations_resource_policy",
  "aws_backup_global_settings",
  "aws_backup_vault",
  "aws_backup_vault_lock_configuration",
  "aws_backup_vault_policy",
  "aws_backup_vault_notifications",
  "aws_kms_key",
  "aws_kms_alias",
  "aws_iam_role",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_backup_plan",
  "aws_backup_selection",
];

function parseArgs(argv) {
  const args = { packageDir: null, check: false, out: OUT };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--package") args.packageDir = argv[++i];
    else if (argv[i] === "--check") args.check = true;
    else if (argv[i] === "--out") args.out = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

function fetchPackage() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "provider-aws-"));
  execFileSync("npm", ["pack", `${PACKAGE}@${VERSION}`, "--pack-destination", tmp, "--silent"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const tgz = fs.readdirSync(tmp).find((f) => f.endsWith(".tgz"));
  const data = fs.readFileSync(path.join(tmp, tgz));
  const got = "sha512-" + createHash("sha512").update(data).digest("base64");
  if (got !== INTEGRITY) throw new Error(`integrity mismatch for ${tgz}: ${got}`);
  execFileSync("tar", ["xzf", path.join(tmp, tgz), "-C", tmp]);
  return { dir: path.join(tmp, "package"), cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

// Parses `{ tf_name: <mapper>(this._camel ...) }` / `(struct.camel)` object literals.
function jsKeyMap(body, accessor) {
  const map = new Map(); // camel -> { tf, list }
  const re = new RegExp(String.raw`^\s*([a-z0-9_]+): (.*)\(${accessor}(\w+)(?:\.internalValue)?\),?$`, "gm");
  for (const m of body.matchAll(re)) {
    map.set(m[3], { tf: m[1], list: m[2].includes("listMapper(") && /ToTerraform, true\)$/.test(m[2]) });
  }
  return map;
}

function functionBody(js, name) {
  const start = js.indexOf(`function ${name}(struct) {`);
  if (start < 0) return null;
  const end = js.indexOf("\n}\n", start);
  return js.slice(start, end);
}

function typeToString(t) {
  if (!t) return "unknown";
  if (t.primitive) return t.primitive === "boolean" ? "bool" : t.primitive === "any" ? "any" : t.primitive;
  if (t.union) {
    const parts = t.union.types.filter((x) => x.fqn !== "cdktf.IResolvable");
    return parts.length === 1 ? typeToString(parts[0]) : parts.map(typeToString).join("|");
  }
  if (t.collection) {
    const k = t.collection.kind === "map" ? "map" : "list";
    return `${k}(${typeToString(t.collection.elementtype)})`;
  }
  if (t.fqn) return t.fqn;
  return "unknown";
}

// If the property is a nested block, returns { fqn, single }.
function blockOf(t, types) {
  const isStruct = (fqn) => types[fqn] && types[fqn].datatype === true;
  if (t.fqn && isStruct(t.fqn)) return { fqn: t.fqn, single: true };
  const cand = t.union ? t.union.types : [t];
  for (const c of cand) {
    if (c.collection && c.collection.kind === "array" && c.collection.elementtype.fqn && isStruct(c.collection.elementtype.fqn)) {
      return { fqn: c.collection.elementtype.fqn, single: false };
    }
    if (c.fqn && isStruct(c.fqn)) return { fqn: c.fqn, single: true };
  }
  return null;
}

function anchorName(p) {
  const text = `${p.docs?.summary ?? ""} ${p.docs?.remarks ?? ""}`;
  const m = text.match(/#([a-z0-9_]+) [A-Za-z0-9]+#\1\}/);
  return m ? m[1] : null;
}

function describeStruct(fqn, keyMap, types, js, problems, where) {
  const iface = types[fqn];
  const out = { attributes: {}, blocks: {} };
  for (const p of iface.properties ?? []) {
    const mapped = keyMap.get(p.name);
    const tfName = mapped?.tf ?? anchorName(p);
    if (!tfName) {
      problems.push(`${where}: no Terraform name for property ${p.name}`);
      continue;
    }
    if (mapped && anchorName(p) && anchorName(p) !== mapped.tf) {
      problems.push(`${where}: ${p.name} maps to ${mapped.tf} in lib/ but ${anchorName(p)} in the docs`);
    }
    const required = !p.optional;
    const blk = blockOf(p.type, types);
    if (blk) {
      const childName = types[blk.fqn].name;
      const body = functionBody(js, `${lowerFirst(childName)}ToTerraform`);
      if (!body) problems.push(`${where}: no ${lowerFirst(childName)}ToTerraform in lib/`);
      if (mapped && mapped.list === blk.single) {
        problems.push(`${where}: ${tfName} nesting differs between .jsii (${blk.single ? "single" : "list"}) and lib/`);
      }
      out.blocks[tfName] = {
        nesting: blk.single ? "single" : "list",
        max_items: blk.single ? 1 : null,
        required,
        block: describeStruct(blk.fqn, body ? jsKeyMap(body, "struct\\.") : new Map(), types, js, problems, `${where}.${tfName}`),
      };
    } else {
      out.attributes[tfName] = { type: typeToString(p.type), required };
    }
  }
  out.attributes = Object.fromEntries(Object.entries(out.attributes).sort(([a], [b]) => a.localeCompare(b)));
  out.blocks = Object.fromEntries(Object.entries(out.blocks).sort(([a], [b]) => a.localeCompare(b)));
  return out;
}

function extractOne(pkgDir, types, libDir, tfType, problems) {
  const js = fs.readFileSync(path.join(pkgDir, "lib", libDir, "index.js"), "utf8");
  const m = js.match(/(\w+)\.tfResourceType = "([a-z0-9_]+)";/);
  if (!m || m[2] !== tfType) throw new Error(`lib/${libDir}/index.js does not define ${tfType}`);
  const className = m[1];
  const cfgFqn = Object.keys(types).find(
    (k) => types[k].name === `${className}Config` && types[k].locationInModule?.filename === `src/${libDir}/index.ts`,
  );
  if (!cfgFqn) throw new Error(`no ${className}Config in .jsii for ${tfType}`);
  const synth = js.slice(js.indexOf("synthesizeAttributes() {"), js.indexOf("synthesizeHclAttributes() {"));
  const keyMap = jsKeyMap(synth, "this\\._");
  const schema = describeStruct(cfgFqn, keyMap, types, js, problems, tfType);
  // Every attribute an expression may read (arguments and computed attributes alike):
  // the class getters call this.get*Attribute('<terraform name>').
  const classStart = js.indexOf(`class ${className} extends`);
  const classEnd = js.indexOf(`${className}.tfResourceType =`);
  const classBody = classStart >= 0 ? js.slice(classStart, classEnd) : "";
  const readable = new Set([...Object.keys(schema.attributes), ...Object.keys(schema.blocks)]);
  for (const g of classBody.matchAll(/this\.get\w*Attribute\('([a-z0-9_]+)'\)/g)) readable.add(g[1]);
  if (tfType !== "aws") schema.readable_attributes = [...readable].sort();
  return { jsii_config: cfgFqn, ...schema };
}

export function extract(pkgDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  const assembly = JSON.parse(fs.readFileSync(path.join(pkgDir, ".jsii"), "utf8"));
  const types = assembly.types;
  const problems = [];
  const resources = {};
  for (const t of RESOURCE_TYPES) {
    resources[t] = extractOne(pkgDir, types, t.replace(/^aws_/, "").replace(/_/g, "-"), t, problems);
  }
  const provider = extractOne(pkgDir, types, "provider", "aws", problems);
  if (problems.length) throw new Error("schema extraction problems:\n  " + problems.join("\n  "));
  const tfProvider = pkg.cdktf?.provider ?? {};
  return {
    $comment:
      "Generated by verify/extract-schema.mjs from the npm package named below; do not edit. " +
      "nesting 'single' = block with max items 1; meta-arguments (provider, lifecycle, depends_on, count, for_each) are not listed.",
    source: {
      package: `${pkg.name}@${pkg.version}`,
      // the provider's source address without its registry host
      terraform_provider: `${(tfProvider.name ?? "hashicorp/aws").split("/").slice(-2).join("/")}@${tfProvider.version ?? "?"}`,
      integrity: INTEGRITY,
    },
    provider,
    resources,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let pkgDir = args.packageDir;
  let cleanup = () => {};
  if (!pkgDir) ({ dir: pkgDir, cleanup } = fetchPackage());
  try {
    const schema = extract(pkgDir);
    const text = JSON.stringify(schema, null, 2) + "\n";
    if (args.check) {
      const old = fs.existsSync(args.out) ? fs.readFileSync(args.out, "utf8") : "";
      if (old !== text) {
        console.error(`${path.relative(process.cwd(), args.out)}: differs from what ${PACKAGE}@${VERSION} yields`);
        process.exit(1);
      }
      console.log(`${path.relative(process.cwd(), args.out)}: up to date`);
    } else {
      fs.writeFileSync(args.out, text);
      const n = Object.keys(schema.resources).length;
      console.log(`wrote ${path.relative(process.cwd(), args.out)}: ${n} resource types + provider from ${schema.source.package}`);
    }
  } finally {
    cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
