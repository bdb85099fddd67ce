// Issue 10, part 4: every string the generator accepts reaches Terraform exactly, as HashiCorp's
// HCL parser reads it. The batch comes from generator-core's property tests (CataloguePropertiesTest
// writes generator-core/target/hcl-roundtrip: case-NNNN/*.tf and expected.json), so run Maven
// first (./run-tests does). Each expected string must be among the strings HashiCorp's parser
// decodes from that case's files, or among the strings of a JSON document (heredoc) it decodes.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse as hcl2json } from "@cdktf/hcl2json";
import { VERIFY_DIR } from "../lib/testkit.mjs";

const BATCH = process.env.HCL_ROUNDTRIP_DIR ?? path.resolve(VERIFY_DIR, "..", "generator-core", "target", "hcl-roundtrip");
const EXPECTED = path.join(BATCH, "expected.json");

// hcl2json writes template strings back in HCL's own form, a literal ${ or %{ as $${ or %%{ (a
// lone ${ is an interpolation); the generated strings have no interpolations, so this decodes them.
const literal = (s) => s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");

function collect(value, into) {
  if (typeof value === "string") {
    value = literal(value);
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
      into.add(literal(k));
      collect(v, into);
    }
  }
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
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".tf")).sort()) {
      const json = await hcl2json(name, fs.readFileSync(path.join(dir, name), "utf8"));
      collect(json, decoded);
      files++;
    }
    for (const s of c.strings) {
      assert.ok(decoded.has(s), `${c.dir}: the accepted string ${JSON.stringify(s)} is not in the output as HashiCorp's parser reads it`);
      strings++;
    }
  }
  t.diagnostic(`${cases.length} cases, ${files} files, ${strings} strings compared`);
});
