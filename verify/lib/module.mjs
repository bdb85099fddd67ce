// Discovers generated modules under a root and loads their .tf files.
import fs from "node:fs";
import path from "node:path";
import { readFiles } from "./hclread.mjs";

/**
 * Returns the modules of a root: from <root>/apply-order.json when present, otherwise the root
 * itself when it holds .tf files, otherwise each sub-directory holding .tf files.
 * Result: { root, modules: [{ dir, name, order?, account_id? }], problems: [diag] }
 */
export function discover(root) {
  const problems = [];
  const abs = path.resolve(root);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    return { root: abs, modules: [], problems: [{ file: root, line: 1, col: 1, message: "not a directory" }] };
  }
  const hasTf = (d) => fs.readdirSync(d).some((f) => f.endsWith(".tf"));
  const indexFile = path.relative(process.cwd(), path.join(abs, "apply-order.json")) || "apply-order.json";
  if (fs.existsSync(indexFile)) {
    let index;
    try {
      index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
    } catch (e) {
      return { root: abs, modules: [], problems: [{ file: indexFile, line: 1, col: 1, message: `apply-order.json is not valid JSON: ${e.message}` }] };
    }
    const modules = [];
    const listed = new Set();
    const entries = Array.isArray(index?.modules) ? index.modules : [];
    if (!Array.isArray(index?.modules)) problems.push({ file: indexFile, line: 1, col: 1, message: 'apply-order.json has no "modules" array' });
    entries.forEach((m, k) => {
      const where = { file: indexFile, line: 1, col: 1 };
      if (typeof m?.path !== "string" || m.path === "" || path.isAbsolute(m.path) || m.path.split(/[\\/]/).includes("..")) {
        problems.push({ ...where, message: `modules[${k}].path must be a relative path inside the output directory` });
        return;
      }
      for (const key of ["order", "account_name", "account_id", "purpose"]) {
        if (m[key] === undefined) problems.push({ ...where, message: `modules[${k}] (${m.path}) has no "${key}"` });
      }
      if (m.account_id !== undefined && !/^\d{12}$/.test(String(m.account_id))) {
        problems.push({ ...where, message: `modules[${k}].account_id ${JSON.stringify(m.account_id)} is not a 12-digit account id` });
      }
      if (m.order !== undefined && m.order !== k + 1) {
        problems.push({ ...where, message: `modules[${k}].order is ${m.order}, expected ${k + 1} (entries in apply order, numbered from 1)` });
      }
      const dir = path.join(abs, m.path);
      listed.add(path.resolve(dir));
      if (!fs.existsSync(dir) || !hasTf(dir)) {
        problems.push({ ...where, message: `module ${m.path} is listed but ${path.relative(process.cwd(), dir)} has no .tf files` });
        return;
      }
      modules.push({ dir, name: m.path, order: m.order, account_id: m.account_id });
    });
    // decommission stubs (accounts that left the catalogue) are modules too: checked like the others
    const stubs = Array.isArray(index?.decommissioned) ? index.decommissioned : [];
    stubs.forEach((m, k) => {
      const where = { file: indexFile, line: 1, col: 1 };
      if (typeof m?.path !== "string" || m.path === "" || path.isAbsolute(m.path) || m.path.split(/[\\/]/).includes("..")) {
        problems.push({ ...where, message: `decommissioned[${k}].path must be a relative path inside the output directory` });
        return;
      }
      const dir = path.join(abs, m.path);
      listed.add(path.resolve(dir));
      if (!fs.existsSync(dir) || !hasTf(dir)) {
        problems.push({ ...where, message: `decommission stub ${m.path} is listed but has no .tf files` });
        return;
      }
      modules.push({ dir, name: m.path, order: entries.length + k + 1, account_id: m.account_id, stub: true });
    });
    // every directory with .tf files must be listed
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (!e.isDirectory() || e.name.startsWith(".")) continue;
        const sub = path.join(d, e.name);
        if (hasTf(sub) && !listed.has(path.resolve(sub))) {
          problems.push({ file: indexFile, line: 1, col: 1, message: `module directory ${path.relative(abs, sub)} is not listed in apply-order.json` });
        }
        walk(sub);
      }
    };
    walk(abs);
    return { root: abs, modules, problems };
  }
  if (hasTf(abs)) return { root: abs, modules: [{ dir: abs, name: path.basename(abs) }], problems };
  const modules = fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isDirectory() && hasTf(path.join(abs, e.name)))
    .map((e) => ({ dir: path.join(abs, e.name), name: e.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!modules.length) problems.push({ file: root, line: 1, col: 1, message: "no apply-order.json and no module with .tf files" });
  return { root: abs, modules, problems };
}

/**
 * Loads a module: parses each .tf file with HashiCorp's HCL parser (verify/hclread).
 * Returns { files: [{ path, rel, src, body, tokens }], syntaxErrors }; a file with syntax
 * errors has body null.
 */
export async function loadModule(mod) {
  const names = fs.readdirSync(mod.dir).filter((f) => f.endsWith(".tf")).sort();
  const files = readFiles(names.map((n) => path.join(mod.dir, n)));
  const syntaxErrors = files.flatMap((f) => f.diagnostics);
  return { ...mod, files, syntaxErrors };
}

/** Collects the declarations of a module. */
export function declarations(module) {
  const d = {
    resources: new Map(), // "type.name" -> block
    data: new Map(),
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    modules: new Map(),
    providers: new Map(), // "aws" / "aws.alias" -> block
    duplicates: [],
  };
  const put = (map, key, val, what) => {
    if (map.has(key)) d.duplicates.push({ file: val.file, line: val.line, col: val.col, message: `duplicate ${what} ${key} (first declared at ${map.get(key).file}:${map.get(key).line})` });
    else map.set(key, val);
  };
  for (const f of module.files) {
    if (!f.body) continue;
    for (const b of f.body.blocks) {
      const at = { file: f.rel, line: b.line, col: b.col, block: b };
      switch (b.type) {
        case "resource":
          put(d.resources, `${b.labels[0]}.${b.labels[1]}`, { ...at, type: b.labels[0], name: b.labels[1] }, "resource");
          break;
        case "data":
          put(d.data, `${b.labels[0]}.${b.labels[1]}`, at, "data source");
          break;
        case "variable":
          put(d.variables, b.labels[0], at, "variable");
          break;
        case "output":
          put(d.outputs, b.labels[0], at, "output");
          break;
        case "module":
          put(d.modules, b.labels[0], at, "module");
          break;
        case "locals":
          for (const a of b.body.attributes) put(d.locals, a.name, { file: f.rel, line: a.line, col: a.col, attr: a }, "local value");
          break;
        case "provider": {
          const alias = b.body.attributes.find((a) => a.name === "alias");
          const aliasName = alias ? aliasValue(alias) : null;
          put(d.providers, aliasName ? `${b.labels[0]}.${aliasName}` : b.labels[0], at, "provider configuration");
          break;
        }
        default:
          break;
      }
    }
  }
  return d;
}

function aliasValue(attr) {
  return attr.expr.value ?? null;
}
