// Reads .tf files with HashiCorp's own parser: runs verify/hclread (a small Go program over
// github.com/hashicorp/hcl/v2/hclsyntax, built by verify/setup.sh into the tools cache) and
// turns its JSON into the shapes the checks use, with JavaScript string offsets and columns.
//
//   File  = { path, rel, src, tokens, body, diagnostics }
//   Body  = { attributes: Attr[], blocks: Block[] }
//   Attr  = { name, line, col, expr }
//   Block = { type, labels, line, col, body, closeLine }
//   Expr  = { kind, line, col, source, value?, template?, call?, traversals: [{segs, text, line, col}] }
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const HCLREAD_DIR = path.resolve(HERE, "..", "hclread");
const SOURCES = ["go.mod", "go.sum", "main.go"];

/** Where verify/setup.sh puts the binary: the tools cache, keyed by a hash of its sources. */
export function hclreadBinary() {
  if (process.env.VERIFY_HCLREAD) return path.resolve(process.env.VERIFY_HCLREAD);
  const hash = createHash("sha256");
  for (const f of SOURCES) hash.update(fs.readFileSync(path.join(HCLREAD_DIR, f)));
  const cache = process.env.BACKUP_CATALOGUE_TOOLS_CACHE || path.join(os.homedir(), ".cache", "backup-catalogue");
  return path.join(cache, `hclread-${hash.digest("hex").slice(0, 12)}`, "hclread");
}

/** Byte offset -> { offset (UTF-16), line, col } for one source text. */
function positions(src) {
  const buf = Buffer.from(src, "utf8");
  const ascii = buf.length === src.length;
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === "\n") lineStarts.push(i + 1);
  const offsetOf = ascii ? (b) => b : (b) => buf.subarray(0, b).toString("utf8").length;
  return (byte) => {
    const offset = offsetOf(byte);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, col: offset - lineStarts[lo] + 1 };
  };
}

export class HclReadError extends Error {}

/**
 * Parses files (absolute or relative paths) with hclread. Returns File objects in the order
 * given; a file with syntax errors has body null and its diagnostics as {file, line, col, message}.
 */
export function readFiles(filePaths) {
  if (!filePaths.length) return [];
  const bin = hclreadBinary();
  if (!fs.existsSync(bin)) throw new HclReadError(`the HCL reader is not built (${bin}): run verify/setup.sh`);
  const r = spawnSync(bin, filePaths, { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new HclReadError(`hclread failed: ${(r.stderr || "").trim()}`);
  const byPath = new Map(JSON.parse(r.stdout).files.map((f) => [f.path, f]));
  return filePaths.map((p) => adaptFile(byPath.get(p), p));
}

/** Parses one source text (for tests): writes it to a temporary file. */
export function parseSource(src, name = "t.tf") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hclread-"));
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, src);
    const [f] = readFiles([file]);
    return { ...f, rel: name, diagnostics: f.diagnostics.map((d) => ({ ...d, file: name })) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function adaptFile(raw, p) {
  const src = fs.readFileSync(p, "utf8");
  const rel = path.relative(process.cwd(), path.resolve(p)) || p;
  const at = positions(src);
  const pos = (range) => {
    const x = at(range.byte);
    return { line: x.line, col: x.col };
  };
  const tokens = raw.tokens.map((t) => {
    const x = at(t.byte);
    return { type: t.type, text: t.text, line: x.line, col: x.col, offset: x.offset };
  });
  const diagnostics = raw.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ file: rel, ...(d.range ? pos(d.range) : { line: 1, col: 1 }), message: d.detail ? `${d.summary}; ${d.detail}` : d.summary }));
  const expr = (e) => ({
    kind: e.kind,
    ...pos(e.range),
    source: e.source,
    value: e.value,
    constant: e.constant,
    template: e.template && {
      kind: e.template.kind,
      ...pos(e.range),
      parts: e.template.parts.map((p) =>
        p.lit !== undefined
          ? { lit: p.lit, posAt: litPositions(p, at) }
          : { interp: p.interp, control: !!p.control, ...pos(p.range) },
      ),
    },
    call: e.call && { name: e.call.name, args: e.call.args.map(expr) },
    traversals: e.traversals.map((t) => ({ segs: t.segs, text: t.segs.join(".").replace(/\.\[/g, "["), ...pos(t.range) })),
  });
  const body = (b) => ({
    attributes: b.attributes.map((a) => ({ name: a.name, ...pos(a.range), expr: expr(a.expr) })),
    blocks: b.blocks.map((k) => ({ type: k.type, labels: k.labels, ...pos(k.range), closeLine: pos(k.closeBrace).line, body: body(k.body) })),
  });
  return { path: path.resolve(p), rel, src, tokens, body: raw.body ? body(raw.body) : null, diagnostics };
}

// Position of character k of a decoded literal part, from hclread's runs [index, byte].
function litPositions(part, at) {
  const runs = part.map ?? [[0, part.range.byte]];
  return (k) => {
    let r = runs[0];
    for (const x of runs) if (x[0] <= k) r = x;
    const { line, col } = at(r[1]);
    return { line, col: col + (k - r[0]) };
  };
}

/**
 * Renders a string template, replacing each interpolation by substitute(part, insideJsonString).
 * Returns { text, posAt(offset) -> {line, col} }.
 */
export function renderTemplate(tpl, substitute = (p) => "${" + p.interp + "}") {
  let text = "";
  const pos = [];
  let inString = false;
  let escaped = false;
  for (const p of tpl.parts) {
    if (p.lit !== undefined) {
      for (let j = 0; j < p.lit.length; j++) {
        const ch = p.lit[j];
        if (escaped) escaped = false;
        else if (inString && ch === "\\") escaped = true;
        else if (ch === '"') inString = !inString;
        text += ch;
        pos.push(p.posAt(j));
      }
    } else {
      const rep = substitute(p, inString);
      text += rep;
      for (let j = 0; j < rep.length; j++) pos.push({ line: p.line, col: p.col });
    }
  }
  return { text, posAt: (offset) => pos[Math.min(offset, pos.length - 1)] ?? { line: tpl.line, col: tpl.col } };
}

/** The brackets a token opens (+1) or closes (-1), as hclwrite counts them. */
export function bracketChange(t) {
  switch (t.type) {
    case "OBrace":
    case "OBrack":
    case "OParen":
    case "TemplateInterp":
    case "TemplateControl":
      return 1;
    case "CBrace":
    case "CBrack":
    case "CParen":
    case "TemplateSeqEnd":
      return -1;
    default:
      return 0;
  }
}
