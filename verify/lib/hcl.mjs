// A small, position-keeping reader for HCL native syntax: a tokenizer modelled on the
// token types of hashicorp/hcl's hclsyntax scanner, and a structural parser producing
// bodies (attributes and blocks) with line/column for every element.
//
// The authoritative syntax check is HashiCorp's own parser (@cdktf/hcl2json, see
// checks/syntax.mjs); this reader runs only on files that parser accepted, and exists
// because that parser reports no source positions for valid input.

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

const OPS3 = { "...": "Ellipsis" };
const OPS2 = {
  "==": "EqualOp",
  "!=": "NotEqual",
  "=>": "FatArrow",
  ">=": "GTE",
  "<=": "LTE",
  "&&": "And",
  "||": "Or",
  "::": "DoubleColon",
};
const OPS1 = {
  "{": "OBrace",
  "}": "CBrace",
  "[": "OBrack",
  "]": "CBrack",
  "(": "OParen",
  ")": "CParen",
  ",": "Comma",
  ".": "Dot",
  "=": "Equal",
  ":": "Colon",
  "?": "Question",
  "+": "Plus",
  "-": "Minus",
  "*": "Star",
  "/": "Slash",
  "%": "Percent",
  "!": "Bang",
  ">": "GT",
  "<": "LT",
};

export class HclReadError extends Error {
  constructor(file, line, col, message) {
    super(`${file}:${line}:${col}: ${message}`);
    this.file = file;
    this.line = line;
    this.col = col;
  }
}

/** Tokenizes HCL source. Every token: {type, text, line, col, offset}. */
export function lex(src, file = "<input>") {
  const toks = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const stack = [{ mode: "normal", depth: 0, interp: false }];

  const advance = (n) => {
    for (let k = 0; k < n; k++) {
      if (src[i] === "\n") {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  const emit = (type, len, extra) => {
    const t = { type, text: src.slice(i, i + len), line, col, offset: i, ...extra };
    toks.push(t);
    advance(len);
    return t;
  };
  const fail = (msg) => {
    throw new HclReadError(file, line, col, msg);
  };

  // Reads template literal text until a closing delimiter or an interpolation.
  // stopAt(i) returns true where the literal ends. Returns the length read.
  const templateChunk = (stopAt, allowEscapes) => {
    let j = i;
    while (j < src.length && !stopAt(j)) {
      if (src.startsWith("$${", j) || src.startsWith("%%{", j)) {
        j += 3;
        continue;
      }
      if (src.startsWith("${", j) || src.startsWith("%{", j)) break;
      if (allowEscapes && src[j] === "\\") {
        j += 2;
        continue;
      }
      j++;
    }
    return j - i;
  };

  const openInterp = () => {
    const isControl = src[i] === "%";
    const len = src[i + 2] === "~" ? 3 : 2;
    emit(isControl ? "TemplateControl" : "TemplateInterp", len);
    stack.push({ mode: "normal", depth: 0, interp: true });
  };

  while (i < src.length) {
    const top = stack[stack.length - 1];
    if (top.mode === "quoted") {
      if (src[i] === '"') {
        emit("CQuote", 1);
        stack.pop();
        continue;
      }
      if (src[i] === "\n") fail("newline in quoted string");
      if ((src.startsWith("${", i) || src.startsWith("%{", i))) {
        openInterp();
        continue;
      }
      const n = templateChunk((j) => src[j] === '"' || src[j] === "\n", true);
      emit("QuotedLit", n);
      continue;
    }
    if (top.mode === "heredoc") {
      if (top.bol) {
        const m = src.slice(i).match(new RegExp(`^[ \\t]*${top.marker}[ \\t]*(?=\\r?\\n|$)`));
        if (m) {
          emit("CHeredoc", m[0].length);
          stack.pop();
          continue;
        }
      }
      if (src.startsWith("${", i) || src.startsWith("%{", i)) {
        top.bol = false;
        openInterp();
        continue;
      }
      const n = templateChunk((j) => j > i && src[j - 1] === "\n", false);
      const t = emit("StringLit", n);
      top.bol = t.text.endsWith("\n");
      continue;
    }
    // normal (expression / structural) mode
    const c = src[i];
    if (c === " " || c === "\t" || c === "\r") {
      advance(1);
      continue;
    }
    if (c === "\n") {
      emit("Newline", 1);
      continue;
    }
    if (c === "#" || (c === "/" && src[i + 1] === "/")) {
      let j = src.indexOf("\n", i);
      j = j < 0 ? src.length : j + 1;
      emit("Comment", j - i);
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const j = src.indexOf("*/", i + 2);
      if (j < 0) fail("unterminated comment");
      emit("Comment", j + 2 - i);
      continue;
    }
    if (c === '"') {
      emit("OQuote", 1);
      stack.push({ mode: "quoted" });
      continue;
    }
    if (c === "<" && src[i + 1] === "<") {
      const m = src.slice(i).match(/^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/);
      if (m) {
        emit("OHeredoc", m[0].length, { flush: m[1] === "-", marker: m[2] });
        stack.push({ mode: "heredoc", marker: m[2], flush: m[1] === "-", bol: true });
        continue;
      }
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_CHAR.test(src[j])) j++;
      emit("Ident", j - i);
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = src.slice(i).match(/^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/);
      emit("Number", m[0].length);
      continue;
    }
    if (c === "~" && src[i + 1] === "}" && top.interp && top.depth === 0) {
      emit("TemplateSeqEnd", 2);
      stack.pop();
      continue;
    }
    if (c === "}" && top.interp && top.depth === 0) {
      emit("TemplateSeqEnd", 1);
      stack.pop();
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (OPS3[three]) {
      emit(OPS3[three], 3);
      continue;
    }
    if (OPS2[two]) {
      emit(OPS2[two], 2);
      continue;
    }
    if (OPS1[c]) {
      if (c === "{" || c === "[" || c === "(") top.depth++;
      if (c === "}" || c === "]" || c === ")") top.depth--;
      emit(OPS1[c], 1);
      continue;
    }
    fail(`unexpected character ${JSON.stringify(c)}`);
  }
  if (stack.length !== 1) fail("unterminated string, heredoc or interpolation");
  toks.push({ type: "EOF", text: "", line, col, offset: i });
  return toks;
}

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

// Depth change used to find the end of an expression (quotes and heredocs included).
function exprDepth(t) {
  if (t.type === "OQuote" || t.type === "OHeredoc") return 1;
  if (t.type === "CQuote" || t.type === "CHeredoc") return -1;
  return bracketChange(t);
}

/**
 * Parses tokens into a body tree:
 *   Body  = { attributes: Attr[], blocks: Block[] }
 *   Attr  = { name, line, col, tokens (expression tokens), nameTok }
 *   Block = { type, labels: string[], labelToks, line, col, body, openTok, closeTok }
 */
export function parseTokens(toks, file = "<input>") {
  const structural = toks.filter((t) => !(t.type === "Comment" && !t.text.endsWith("\n")));
  // A line comment ends its line: treat it as a newline for structure.
  const ts = structural.map((t) => (t.type === "Comment" ? { ...t, type: "Newline" } : t));
  let p = 0;
  const fail = (t, msg) => {
    throw new HclReadError(file, t.line, t.col, msg);
  };

  function parseBody(closing) {
    const body = { attributes: [], blocks: [] };
    for (;;) {
      while (ts[p].type === "Newline") p++;
      const t = ts[p];
      if (t.type === "EOF") {
        if (closing) fail(t, "unexpected end of file, expected }");
        return body;
      }
      if (t.type === "CBrace") {
        if (!closing) fail(t, "unexpected }");
        return body;
      }
      if (t.type !== "Ident") fail(t, `expected an argument or block name, found ${t.text || t.type}`);
      p++;
      if (ts[p].type === "Equal") {
        p++;
        const start = p;
        let depth = 0;
        while (ts[p].type !== "EOF") {
          const u = ts[p];
          if (depth === 0 && (u.type === "Newline" || u.type === "CBrace")) break;
          depth += exprDepth(u);
          p++;
        }
        body.attributes.push({ name: t.text, line: t.line, col: t.col, nameTok: t, tokens: ts.slice(start, p) });
        continue;
      }
      const labels = [];
      const labelToks = [];
      while (ts[p].type === "OQuote" || ts[p].type === "Ident") {
        if (ts[p].type === "Ident") {
          labels.push(ts[p].text);
          labelToks.push(ts[p]);
          p++;
        } else {
          const q = ts[p];
          let text = "";
          p++;
          while (ts[p].type === "QuotedLit") text += decodeQuoted(ts[p++].text);
          if (ts[p].type !== "CQuote") fail(ts[p], "block labels must be literal strings");
          p++;
          labels.push(text);
          labelToks.push(q);
        }
      }
      if (ts[p].type !== "OBrace") fail(ts[p], `expected = or { after ${t.text}`);
      const openTok = ts[p];
      p++;
      const inner = parseBody(true);
      const closeTok = ts[p];
      p++;
      body.blocks.push({ type: t.text, labels, labelToks, line: t.line, col: t.col, nameTok: t, body: inner, openTok, closeTok });
    }
  }
  return parseBody(false);
}

export function parse(src, file) {
  const tokens = lex(src, file);
  return { tokens, body: parseTokens(tokens, file) };
}

function decodeQuoted(raw) {
  return decodeQuotedWithMap(raw, 0).text;
}

// Decodes the escapes of a quoted template literal chunk; map[k] = index in raw of decoded char k.
function decodeQuotedWithMap(raw) {
  let text = "";
  const map = [];
  for (let j = 0; j < raw.length; ) {
    const c = raw[j];
    if (c === "\\") {
      const e = raw[j + 1];
      const simple = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
      if (e in simple) {
        text += simple[e];
        map.push(j);
        j += 2;
        continue;
      }
      if (e === "u" || e === "U") {
        const n = e === "u" ? 4 : 8;
        const cp = parseInt(raw.slice(j + 2, j + 2 + n), 16);
        const s = String.fromCodePoint(cp);
        for (let k = 0; k < s.length; k++) map.push(j);
        text += s;
        j += 2 + n;
        continue;
      }
      text += c;
      map.push(j);
      j++;
      continue;
    }
    if (raw.startsWith("$${", j) || raw.startsWith("%%{", j)) {
      text += raw[j] + "{";
      map.push(j, j + 2);
      j += 3;
      continue;
    }
    text += c;
    map.push(j);
    j++;
  }
  return { text, map };
}

function decodeHeredocChunk(raw) {
  let text = "";
  const map = [];
  for (let j = 0; j < raw.length; ) {
    if (raw.startsWith("$${", j) || raw.startsWith("%%{", j)) {
      text += raw[j] + "{";
      map.push(j, j + 2);
      j += 3;
      continue;
    }
    text += raw[j];
    map.push(j);
    j++;
  }
  return { text, map };
}

// Position (line, col) of the raw character at index k of token t (t contains no newline before k
// except for heredoc lines, which only end with one).
function posIn(t, k) {
  return { line: t.line, col: t.col + k };
}

/**
 * If the expression is a string template (quoted or heredoc), returns
 *   { kind: "quoted"|"heredoc", segments: [{lit, pos: [{line,col}]}, {interp: "<source>", line, col}] }
 * otherwise null. Interpolation sources are given as written, without ${ }.
 */
export function stringTemplate(tokens) {
  if (!tokens.length) return null;
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const quoted = first.type === "OQuote" && last.type === "CQuote";
  const heredoc = first.type === "OHeredoc" && last.type === "CHeredoc";
  if (!quoted && !heredoc) return null;
  // make sure the whole expression is this one template
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    depth += exprDepth(tokens[k]);
    if (depth === 0 && k !== tokens.length - 1) return null;
  }
  const segments = [];
  for (let k = 1; k < tokens.length - 1; k++) {
    const t = tokens[k];
    if (t.type === "QuotedLit" || t.type === "StringLit") {
      const { text, map } = t.type === "QuotedLit" ? decodeQuotedWithMap(t.text) : decodeHeredocChunk(t.text);
      segments.push({ lit: text, pos: map.map((r) => posIn(t, r)) });
    } else if (t.type === "TemplateInterp" || t.type === "TemplateControl") {
      let d = 1;
      const start = k;
      k++;
      while (k < tokens.length && d > 0) {
        d += bracketChange(tokens[k]);
        if (d > 0) k++;
      }
      const inner = tokens.slice(start + 1, k);
      segments.push({
        interp: exprText(inner).replace(/\s+/g, " ").trim(),
        control: t.type === "TemplateControl",
        tokens: inner,
        line: t.line,
        col: t.col,
      });
    }
  }
  if (heredoc && first.flush) flushIndent(segments);
  return { kind: quoted ? "quoted" : "heredoc", segments, startTok: first };
}

// `<<-` heredocs: remove the smallest indentation of the non-blank lines from every line.
function flushIndent(segments) {
  let min = Infinity;
  let atBol = true;
  for (const s of segments) {
    if (s.lit === undefined) {
      atBol = false;
      continue;
    }
    const lines = s.lit.split("\n");
    lines.forEach((ln, idx) => {
      const bol = idx === 0 ? atBol : true;
      if (bol && ln.trim() !== "") min = Math.min(min, ln.match(/^[ \t]*/)[0].length);
    });
    atBol = s.lit.endsWith("\n");
  }
  if (!Number.isFinite(min) || min === 0) return;
  atBol = true;
  for (const s of segments) {
    if (s.lit === undefined) {
      atBol = false;
      continue;
    }
    let text = "";
    const pos = [];
    let bol = atBol;
    let strip = 0;
    for (let j = 0; j < s.lit.length; j++) {
      if (bol) {
        strip = min;
        bol = false;
      }
      const ch = s.lit[j];
      if (strip > 0 && (ch === " " || ch === "\t")) {
        strip--;
        continue;
      }
      strip = 0;
      text += ch;
      pos.push(s.pos[j]);
      if (ch === "\n") bol = true;
    }
    atBol = s.lit.endsWith("\n");
    s.lit = text;
    s.pos = pos;
  }
}

/** Renders a template, replacing each interpolation by substitute(segment, insideJsonString). */
export function renderTemplate(tpl, substitute = (s) => "${" + s.interp + "}") {
  let text = "";
  const pos = [];
  let inString = false;
  let escaped = false;
  for (const s of tpl.segments) {
    if (s.lit !== undefined) {
      for (let j = 0; j < s.lit.length; j++) {
        const ch = s.lit[j];
        if (escaped) escaped = false;
        else if (inString && ch === "\\") escaped = true;
        else if (ch === '"') inString = !inString;
        text += ch;
        pos.push(s.pos[j]);
      }
    } else {
      const rep = substitute(s, inString);
      text += rep;
      for (let j = 0; j < rep.length; j++) pos.push({ line: s.line, col: s.col });
    }
  }
  return { text, posAt: (offset) => pos[Math.min(offset, pos.length - 1)] ?? { line: tpl.startTok.line, col: tpl.startTok.col } };
}

/** Convenience: source text of an expression. */
export function exprText(tokens) {
  let out = "";
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    if (prev && t.offset > prev.offset + prev.text.length) out += " ";
    out += t.text;
  });
  return out;
}
