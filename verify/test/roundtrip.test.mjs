// Issue 10, part 4: every string the generator accepts reaches Terraform exactly, as HashiCorp's
// HCL parser reads it. The batch comes from generator-core's property tests (CataloguePropertiesTest
// writes generator-core/target/hcl-roundtrip: case-NNNN/*.tf and expected.json), so run Maven
// first (./run-tests does). Each expected string must be among the strings HashiCorp's parser
// decodes from that case's files, or among the strings of a JSON document (heredoc) it decodes.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { readFiles, renderTemplate } from "../lib/hclread.mjs";
import { VERIFY_DIR } from "../lib/testkit.mjs";

const BATCH = process.env.HCL_ROUNDTRIP_DIR ?? path.resolve(VERIFY_DIR, "..", "generator-core", "target", "hcl-roundtrip");
const EXPECTED = path.join(BATCH, "expected.json");

// HashiCorp's parser (hclread, over hashicorp/hcl/v2 hclsyntax) decodes every constant expression:
// strings, heredocs, tag maps. A template with interpolations (a key policy naming its module's
// role) is decoded part by part, each interpolation kept as ${...}.
function collect(value, into) {
  if (typeof value === "string") {
    into.add(value);
    const trimmed = value.trim();
    if (trimmed.startsWith("{")) {
      // The generator's heredocs are JSON documents; a quoted string (a description) may only look
      // like one. The property test, which knows which is which, fails on a heredoc that does not parse.
      let doc;
      try {
        doc = JSON.parse(trimmed);
      } catch {
        doc = undefined;
      }
      if (doc !== undefined) collect(doc, into);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => collect(v, into));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      collect(v, into);
    }
  }
}

function collectBody(body, into) {
  for (const a of body.attributes) collectExpr(a.expr, into);
  for (const b of body.blocks) {
    b.labels.forEach((l) => into.add(l));
    collectBody(b.body, into);
  }
}

function collectExpr(expr, into) {
  if (expr.constant !== undefined) collect(expr.constant, into);
  else if (expr.template) collect(renderTemplate(expr.template).text, into);
  if (expr.call) expr.call.args.forEach((a) => collectExpr(a, into));
}

test("accepted catalogue strings round-trip exactly through HashiCorp's HCL parser", async (t) => {
  if (!fs.existsSync(EXPECTED)) {
    t.skip(`no batch at ${BATCH}: run ./mvnw -B verify (or the CataloguePropertiesTest test) first`);
    return;
  }
  const { cases } = JSON.parse(fs.readFileSync(EXPECTED, "utf8"));
  assert.ok(cases.length > 0, "the batch has no cases");
  let strings = 0;
  let files = 0;
  for (const c of cases) {
    const dir = path.join(BATCH, c.dir);
    const decoded = new Set();
    const names = fs.readdirSync(dir).filter((f) => f.endsWith(".tf")).sort().map((f) => path.join(dir, f));
    for (const f of readFiles(names)) {
      assert.deepEqual(f.diagnostics, [], `${c.dir}: HashiCorp's parser reports errors`);
      collectBody(f.body, decoded);
      files++;
    }
    for (const s of c.strings) {
      assert.ok(decoded.has(s), `${c.dir}: the accepted string ${JSON.stringify(s)} is not in the output as HashiCorp's parser reads it`);
      strings++;
    }
  }
  t.diagnostic(`${cases.length} cases, ${files} files, ${strings} strings compared`);
});
