// Check 4: files are in `terraform fmt` canonical form.
//
// This re-implements the rules of hashicorp/hcl's hclwrite formatter (format.go: formatIndent,
// formatSpaces/spaceAfterToken, formatCells) plus the two rewrites Terraform's fmt command
// adds (interpolation-only strings unwrapped, quoted variable types unquoted), and the file
// hygiene the generator promises (LF, one trailing newline, no trailing whitespace, no double
// blank lines, a blank line between top-level blocks). Where a `terraform` binary is installed
// the tier additionally cross-checks with `terraform fmt -check` (see bin/verify.mjs).
import { bracketChange } from "../hclread.mjs";

const NIL = { type: "Nil", text: "" };

function isKeyword(t, word) {
  return t.type === "Ident" && t.text === word;
}

// Port of hclwrite's spaceAfterToken.
export function spaceAfterToken(subject, before, after) {
  const s = subject.type;
  const a = after.type;
  if (a === "Newline" || a === "Nil") return false;
  if (s === "Ident" && a === "OParen") return false;
  if ((s === "Ident" && a === "DoubleColon") || (s === "DoubleColon" && a === "Ident")) return false;
  if (s === "Dot" || a === "Dot") return false;
  if (a === "Comma" || a === "Ellipsis") return false;
  if (s === "Comma") return true;
  if (
    s === "QuotedLit" ||
    s === "StringLit" ||
    s === "OQuote" ||
    s === "OHeredoc" ||
    a === "QuotedLit" ||
    a === "StringLit" ||
    a === "CQuote" ||
    a === "CHeredoc"
  ) {
    return false;
  }
  if (isKeyword(subject, "in") && a === "OBrack") return true; // [for x in [foo] : x]
  if (a === "OBrack" && (s === "Ident" || s === "NumberLit" || bracketChange(subject) < 0)) return false;
  if (s === "Minus") {
    switch (before.type) {
      case "Nil":
      case "OParen":
      case "OBrace":
      case "OBrack":
      case "Equal":
      case "Colon":
      case "Comma":
      case "Question":
      case "Plus":
      case "Star":
      case "Slash":
      case "Percent":
      case "Minus":
      case "EqualOp":
      case "NotEqual":
      case "GreaterThan":
      case "GreaterThanEq":
      case "LessThan":
      case "LessThanEq":
      case "And":
      case "Or":
      case "Bang":
        return false;
      default:
        return true;
    }
  }
  if (s === "OBrace" || a === "CBrace") {
    return !(s === "OBrace" && a === "CBrace");
  }
  if ((s === "TemplateInterp" || s === "TemplateControl") && a === "OBrace") return true;
  if (s === "CBrace" && a === "TemplateSeqEnd") return true;
  if (s === "TemplateSeqEnd" && (a === "TemplateInterp" || a === "TemplateControl")) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}

/** Splits tokens into hclwrite's logical lines (a heredoc belongs to the line that opens it). */
function logicalLines(tokens) {
  const lines = [];
  let cur = [];
  for (const t of tokens) {
    if (t.type === "EOF") break;
    cur.push(t);
    if (t.type === "Newline" || (t.type === "Comment" && t.text.endsWith("\n"))) {
      lines.push(cur);
      cur = [];
    }
  }
  if (cur.length) lines.push(cur);
  return lines.map((toks) => {
    const content = toks.filter((t) => t.type !== "Newline");
    let lead = content;
    let comment = null;
    if (lead.length > 1 && lead[lead.length - 1].type === "Comment") {
      comment = lead[lead.length - 1];
      lead = lead.slice(0, -1);
    }
    let assign = null;
    for (let k = 1; k < lead.length; k++) {
      if (lead[k].type === "Equal") {
        let net = 0;
        for (const t of lead.slice(k)) {
          net += bracketChange(t);
          if (t.type === "OHeredoc") break;
        }
        if (net === 0) {
          assign = lead.slice(k);
          lead = lead.slice(0, k);
        }
        break;
      }
    }
    return { toks, lead, assign, comment, blank: content.length === 0 };
  });
}

export function checkFormat(file) {
  const diags = [];
  const { src, rel, tokens, body } = file;
  const add = (line, col, message) => diags.push({ file: rel, line, col, message });

  // --- file hygiene -------------------------------------------------------------------------
  const physical = src.split("\n");
  const crAt = physical.findIndex((l) => l.includes("\r"));
  if (crAt >= 0) add(crAt + 1, physical[crAt].indexOf("\r") + 1, "carriage return: files must use LF line endings");
  if (src.length === 0) add(1, 1, "empty file");
  else if (!src.endsWith("\n")) add(physical.length, physical[physical.length - 1].length + 1, "no newline at end of file");
  else if (/\n[ \t]*\n$/.test(src) || src === "\n") add(physical.length - 1, 1, "blank line(s) at end of file: end with exactly one newline");

  // lines that lie inside heredoc bodies (their content is a string: not re-indented by fmt)
  const heredocLines = new Set();
  for (const t of tokens ?? []) {
    if (t.type === "StringLit" || t.type === "CHeredoc") heredocLines.add(t.line);
  }
  physical.forEach((l, k) => {
    const m = l.match(/[ \t]+\r?$/);
    if (m && l.trim() !== "" ) add(k + 1, m.index + 1, "trailing whitespace");
    else if (m && l.length) add(k + 1, 1, "whitespace-only line");
  });
  for (let k = 1; k < physical.length; k++) {
    if (physical[k] === "" && physical[k - 1] === "" && k < physical.length - 1 && !heredocLines.has(k + 1)) {
      add(k + 1, 1, "more than one consecutive blank line");
    }
  }
  if (physical[0] === "" && src.length > 1) add(1, 1, "blank line at start of file");
  if (!tokens) return diags;

  // --- indentation (formatIndent) --------------------------------------------------------------
  const lines = logicalLines(tokens);
  const indents = [];
  for (const line of lines) {
    if (line.blank) continue;
    const first = line.lead[0] ?? line.comment;
    let net = 0;
    for (const t of [...line.lead, ...(line.assign ?? [])]) {
      net += bracketChange(t);
      if (t.type === "OHeredoc") break;
    }
    let level;
    if (net > 0) {
      level = indents.length;
      indents.push(net);
    } else if (net < 0) {
      let closed = -net;
      while (closed > 0 && indents.length) {
        const topN = indents[indents.length - 1];
        if (closed > topN) {
          closed -= topN;
          indents.pop();
        } else if (closed < topN) {
          indents[indents.length - 1] -= closed;
          closed = 0;
        } else {
          indents.pop();
          closed = 0;
        }
      }
      level = indents.length;
    } else level = indents.length;
    const want = 2 * level + 1;
    const lineText = physical[first.line - 1];
    const leading = lineText.match(/^[ \t]*/)[0];
    if (leading.includes("\t")) add(first.line, 1, "tab in indentation: indent with two spaces per level");
    else if (first.col !== want) {
      add(first.line, first.col, `indented ${first.col - 1} spaces, terraform fmt indents this line ${want - 1} (two per nesting level)`);
    }
  }

  // --- spacing within lines (formatSpaces) ------------------------------------------------------
  for (const line of lines) {
    const seq = [...line.lead, ...(line.assign ?? [])];
    for (let k = 0; k < seq.length - 1; k++) {
      const subj = seq[k];
      const after = seq[k + 1];
      if (line.assign && after === line.assign[0]) continue; // '=' placement: alignment below
      const before = k > 0 ? seq[k - 1] : NIL;
      const endLine = subj.line + (subj.text.match(/\n/g)?.length ?? 0);
      if (endLine !== after.line) continue; // spans lines (heredoc or multi-line interpolation)
      if (subj.type === "OHeredoc" || subj.type === "StringLit" || after.type === "StringLit" || after.type === "CHeredoc") continue;
      const gap = after.offset - (subj.offset + subj.text.length);
      const want = spaceAfterToken(subj, before, after) ? 1 : 0;
      if (gap !== want) {
        const what = want ? `one space between ${show(subj)} and ${show(after)}` : `no space between ${show(subj)} and ${show(after)}`;
        add(after.line, subj.col + subj.text.length, `spacing: terraform fmt writes ${what}`);
      }
    }
    if (line.assign && line.assign.length > 1) {
      const eq = line.assign[0];
      const nxt = line.assign[1];
      if (nxt.line === eq.line && nxt.offset - (eq.offset + 1) !== 1) add(eq.line, eq.col, `spacing: terraform fmt writes one space after "="`);
    }
    if (line.comment && seq.length) {
      const last = seq[seq.length - 1];
      if (last.line === line.comment.line && line.comment.offset === last.offset + last.text.length) {
        add(line.comment.line, line.comment.col, "spacing: terraform fmt separates a trailing comment from the code");
      }
    }
  }

  // --- alignment of '=' (formatCells) ------------------------------------------------------------
  let chain = [];
  const closeChain = () => {
    if (chain.length) {
      const leadEnd = (l) => {
        const last = l.lead[l.lead.length - 1];
        return last.col + last.text.length;
      };
      const max = Math.max(...chain.map(leadEnd));
      for (const l of chain) {
        const eq = l.assign[0];
        const want = max + 1;
        if (eq.col !== want) {
          const names = chain.length > 1 ? ` (aligned with the longest name among ${chain.length} consecutive lines ${chain[0].lead[0].line}-${chain[chain.length - 1].lead[0].line})` : "";
          add(eq.line, eq.col, `"=" at column ${eq.col}, terraform fmt puts it at column ${want}${names}`);
        }
      }
    }
    chain = [];
  };
  for (const line of lines) {
    if (line.assign) chain.push(line);
    else closeChain();
  }
  closeChain();

  // --- Terraform fmt's own rewrites ----------------------------------------------------------
  const visit = (b, inVariable) => {
    for (const a of b.body.attributes) {
      const e = a.expr;
      if (e.kind === "TemplateWrapExpr") {
        add(e.line, e.col, `interpolation-only expression: terraform fmt rewrites "\${...}" to the bare expression`);
      }
      if (inVariable && a.name === "type" && e.source.startsWith('"')) {
        add(e.line, e.col, "quoted type constraint: terraform fmt writes the type unquoted (e.g. string)");
      }
    }
    for (const c of b.body.blocks) visit(c, false);
  };
  for (const b of body?.blocks ?? []) visit(b, b.type === "variable");

  // --- a blank line between top-level blocks ------------------------------------------------------
  const blocks = body?.blocks ?? [];
  for (let k = 1; k < blocks.length; k++) {
    const prevEnd = blocks[k - 1].closeLine;
    const start = blocks[k].line;
    // comments directly above a block belong to it
    let firstLine = start;
    while (firstLine - 1 > prevEnd && /^\s*(#|\/\/)/.test(physical[firstLine - 2])) firstLine--;
    if (firstLine - prevEnd < 2) add(start, 1, `no blank line between this block and the one ending on line ${prevEnd}`);
  }
  diags.sort((x, y) => x.line - y.line || x.col - y.col);
  return diags;
}

function show(t) {
  return t.type === "Ident" || t.type === "NumberLit" ? t.text : JSON.stringify(t.text);
}
