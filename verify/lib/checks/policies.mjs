// Check 6 (part 1): every policy document the module embeds parses as JSON (no duplicate keys),
// follows the IAM policy grammar, grants nothing to a wildcard principal where that is unsafe,
// and keeps every KMS key manageable. Also extracts the documents for parliament and the
// organization backup policies for checks/orgpolicy.mjs.
import { renderTemplate } from "../hclread.mjs";
import { parseJson, JsonError, entry } from "../json.mjs";
import { checkBackupPolicy } from "./orgpolicy.mjs";
import { declarations } from "../module.mjs";

// resource type -> attribute -> kind of document
export const POLICY_ATTRIBUTES = {
  aws_iam_role: { assume_role_policy: "trust" },
  aws_iam_role_policy: { policy: "identity" },
  aws_kms_key: { policy: "key" },
  aws_backup_vault_policy: { policy: "vault" },
  aws_sns_topic_policy: { policy: "topic" },
  aws_cloudwatch_event_bus_policy: { policy: "event-bus" },
  aws_organizations_resource_policy: { content: "organizations-resource" },
  aws_organizations_policy: { content: "organizations" },
};

const FAKE_ACCOUNT = "111122223333";
const FAKE_REGION = "us-east-1";

/** A value standing in for an interpolation, shaped like what it will be at apply time. */
export function placeholder(expr) {
  const e = expr.trim();
  let m;
  if ((m = e.match(/^aws_iam_role\.([A-Za-z0-9_-]+)(\[\d+\])?\.arn$/))) return `arn:aws:iam::${FAKE_ACCOUNT}:role/${m[1]}`;
  // the role whose session applies the module (the issuer of the caller's assumed-role session)
  if (/^data\.aws_iam_session_context\.[A-Za-z0-9_-]+\.issuer_arn$/.test(e)) return `arn:aws:iam::${FAKE_ACCOUNT}:role/deployer`;
  if (/^data\.aws_caller_identity\.[A-Za-z0-9_-]+\.arn$/.test(e)) return `arn:aws:sts::${FAKE_ACCOUNT}:assumed-role/deployer/session`;
  if ((m = e.match(/^aws_kms_key\.([A-Za-z0-9_-]+)(\[\d+\])?\.arn$/))) return `arn:aws:kms:${FAKE_REGION}:${FAKE_ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;
  if ((m = e.match(/^aws_backup_vault\.([A-Za-z0-9_-]+)(\[\d+\])?\.arn$/))) return `arn:aws:backup:${FAKE_REGION}:${FAKE_ACCOUNT}:backup-vault:${m[1]}`;
  if ((m = e.match(/^aws_backup_vault\.([A-Za-z0-9_-]+)(\[\d+\])?\.(name|id)$/))) return m[1];
  if (/\.arn$/.test(e)) return `arn:aws:iam::${FAKE_ACCOUNT}:role/placeholder`;
  if (/account_id|account$/i.test(e)) return FAKE_ACCOUNT;
  if (/org(anization)?_?id/i.test(e)) return "o-a1b2c3d4e5";
  if (/region/i.test(e)) return FAKE_REGION;
  if (/partition/i.test(e)) return "aws";
  return "PLACEHOLDER";
}

function substitute(seg, insideString) {
  const v = placeholder(seg.interp);
  return insideString ? v : JSON.stringify(v);
}

function* policyAttributes(module) {
  for (const f of module.files) {
    if (!f.body) continue;
    for (const b of f.body.blocks) {
      if (b.type !== "resource") continue;
      const [type, name] = b.labels;
      const spec = POLICY_ATTRIBUTES[type];
      if (!spec) continue;
      for (const a of b.body.attributes) {
        if (spec[a.name]) yield { f, block: b, type, name, attr: a, kind: spec[a.name] };
      }
      if (type === "aws_iam_role") {
        for (const ib of b.body.blocks.filter((x) => x.type === "inline_policy")) {
          for (const a of ib.body.attributes.filter((x) => x.name === "policy")) yield { f, block: b, type, name, attr: a, kind: "identity", sub: "inline_policy" };
        }
      }
    }
  }
}

const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function principalIsWildcard(p) {
  if (p === "*") return true;
  if (p && typeof p === "object") return asList(p.AWS).includes("*") || Object.values(p).some((v) => asList(v).includes("*"));
  return false;
}

const SCOPING_KEYS = /^(aws:PrincipalOrgID|aws:PrincipalOrgPaths|aws:SourceOrgID|aws:SourceOrgPaths|aws:PrincipalAccount|aws:SourceAccount|aws:SourceArn|aws:PrincipalArn|kms:CallerAccount)$/i;

function hasScopingCondition(cond) {
  if (!cond || typeof cond !== "object") return false;
  return Object.values(cond).some((kv) => kv && typeof kv === "object" && Object.keys(kv).some((k) => SCOPING_KEYS.test(k)));
}

function actionMatches(pattern, action) {
  const re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "i");
  return re.test(action);
}

/** IAM grammar and principal checks. `at(node)` maps a JSON node to a file position. */
function checkIamDocument(doc, root, kind, where, at, diags) {
  const add = (node, msg) => diags.push({ ...at(node), message: `${where}: ${msg}` });
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    add(root, "a policy document must be a JSON object");
    return;
  }
  const allowedTop = ["Version", "Id", "Statement"];
  for (const e of root.entries) if (!allowedTop.includes(e.key)) add(e.node, `unknown policy element "${e.key}"`);
  if (doc.Version !== "2012-10-17") add(entry(root, "Version")?.node ?? root, `"Version" must be "2012-10-17"`);
  const stNode = entry(root, "Statement")?.node;
  if (!stNode) {
    add(root, `no "Statement"`);
    return;
  }
  const statements = stNode.type === "array" ? stNode.items : [stNode];
  const resourcePolicy = kind !== "identity";
  let canAdminister = false;
  const sids = new Map();
  for (const sn of statements) {
    if (sn.type !== "object") {
      add(sn, "a statement must be an object");
      continue;
    }
    const s = sn.value;
    const known = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
    for (const e of sn.entries) if (!known.includes(e.key)) add(e.node, `unknown statement element "${e.key}"`);
    if (s.Sid !== undefined) {
      if (sids.has(s.Sid)) add(entry(sn, "Sid").node, `duplicate Sid "${s.Sid}"`);
      sids.set(s.Sid, true);
    }
    if (s.Effect !== "Allow" && s.Effect !== "Deny") add(entry(sn, "Effect")?.node ?? sn, `"Effect" must be "Allow" or "Deny"`);
    if (s.Action === undefined && s.NotAction === undefined) add(sn, `statement has neither "Action" nor "NotAction"`);
    if (resourcePolicy && s.Principal === undefined && s.NotPrincipal === undefined) add(sn, `a ${kind} policy statement needs a "Principal"`);
    if (!resourcePolicy && (s.Principal !== undefined || s.NotPrincipal !== undefined)) add(entry(sn, "Principal")?.node ?? sn, `an identity policy statement takes no "Principal"`);
    if (kind !== "trust" && s.Resource === undefined && s.NotResource === undefined) add(sn, `statement has neither "Resource" nor "NotResource"`);
    if (s.Effect === "Allow" && s.NotPrincipal !== undefined) add(entry(sn, "NotPrincipal").node, `"NotPrincipal" with "Allow" grants to everyone not listed`);
    if (s.Effect !== "Allow") continue;
    const pNode = entry(sn, "Principal")?.node ?? sn;
    if (principalIsWildcard(s.Principal)) {
      if (kind === "key") {
        add(pNode, `KMS key policy allows a wildcard principal ("*"): name the account root, the administrators and the backup roles instead`);
      } else if (!hasScopingCondition(s.Condition)) {
        add(pNode, `${kind} policy allows a wildcard principal ("*") without a condition scoping it to this organization or account (e.g. aws:PrincipalOrgID)`);
      }
    }
    if (kind === "key" && !principalIsWildcard(s.Principal)) {
      const actions = asList(s.Action);
      if (actions.some((a) => typeof a === "string" && (actionMatches(a, "kms:PutKeyPolicy")))) canAdminister = true;
    }
  }
  if (kind === "key" && !canAdminister) {
    add(stNode, "no statement allows any principal kms:PutKeyPolicy: nobody could ever change this key policy again (lock-out)");
  }
}

/**
 * Finds the JSON text of a policy attribute. Accepted forms: a string literal or heredoc; a
 * reference to a local value holding one (local.NAME); either wrapped in
 * jsonencode(jsondecode(...)), which Terraform sends minified. Returns { tpl, file, minified }.
 */
export function policySource(expr, file, decls) {
  let e = expr;
  let minified = false;
  if (e.call?.name === "jsonencode" && e.call.args.length === 1 && e.call.args[0].call?.name === "jsondecode" && e.call.args[0].call.args.length === 1) {
    e = e.call.args[0].call.args[0];
    minified = true;
  }
  if (e.kind === "TemplateExpr") return { tpl: e.template, file, minified };
  const t = e.kind === "ScopeTraversalExpr" && e.traversals.length === 1 ? e.traversals[0].segs : null;
  if (t && t.length === 2 && t[0] === "local") {
    const local = decls.locals.get(t[1]);
    if (local && local.attr.expr.kind === "TemplateExpr") return { tpl: local.attr.expr.template, file: local.file, minified, via: `local.${t[1]}` };
  }
  return null;
}

// Length of Terraform's jsonencode() output for a value: minified, with <, >, & and U+2028/9
// escaped as \uXXXX (Go's encoding/json HTML escaping).
export function jsonencodeLength(value) {
  const text = JSON.stringify(value);
  return text.length + 5 * (text.match(/[<>&\u2028\u2029]/g)?.length ?? 0);
}

/**
 * Returns { diags, documents, orgPolicies } where documents are IAM/KMS policies for parliament:
 * { file, line, col, where, type, attribute, kind, text, posAt }.
 */
export function checkPolicies(module) {
  const diags = [];
  const documents = [];
  const orgPolicies = [];
  let count = 0;
  const decls = declarations(module);
  const backupPolicies = [];
  for (const { f, type, name, attr, kind, sub } of policyAttributes(module)) {
    const where = `${type}.${name}.${sub ? sub + "." : ""}${attr.name}`;
    const src = policySource(attr.expr, f.rel, decls);
    if (!src) {
      diags.push({
        file: f.rel,
        line: attr.line,
        col: attr.col,
        message: `${where}: the policy document must be a string literal or heredoc holding JSON (directly, or through a local value, optionally as jsonencode(jsondecode(...))), so that it can be verified`,
      });
      continue;
    }
    const { tpl } = src;
    if (tpl.parts.some((s) => s.control)) {
      const s = tpl.parts.find((x) => x.control);
      diags.push({ file: f.rel, line: s.line, col: s.col, message: `${where}: template directives (%{...}) are not expected in a policy document` });
      continue;
    }
    count++;
    const rendered = renderTemplate(tpl, substitute);
    const at = (node) => ({ file: src.file, ...rendered.posAt(node?.offset ?? 0) });
    let parsed;
    try {
      parsed = parseJson(rendered.text);
    } catch (e) {
      if (!(e instanceof JsonError)) throw e;
      diags.push({ file: src.file, ...rendered.posAt(e.offset), message: `${where}: invalid JSON: ${e.message}` });
      continue;
    }
    for (const dup of parsed.duplicates) {
      diags.push({ file: src.file, ...rendered.posAt(dup.offset), message: `${where}: duplicate JSON key "${dup.key}" (AWS rejects duplicate keys)` });
    }
    if (kind === "organizations") {
      const typeAttr = module.files
        .flatMap((x) => x.body?.blocks ?? [])
        .find((b) => b.type === "resource" && b.labels[0] === type && b.labels[1] === name)
        ?.body.attributes.find((a) => a.name === "type");
      const policyType = typeAttr ? (typeAttr.expr.value ?? typeAttr.expr.source) : undefined;
      if (policyType !== "BACKUP_POLICY") {
        diags.push({
          file: f.rel,
          line: typeAttr?.line ?? attr.line,
          col: typeAttr?.col ?? attr.col,
          message: `${type}.${name}: type is ${policyType === undefined ? "not set (the provider then creates a SERVICE_CONTROL_POLICY)" : JSON.stringify(policyType)}; generated organization policies are BACKUP_POLICY`,
        });
      }
      // Policy size counts the characters of the document as submitted; interpolations are
      // counted at the length of their placeholder.
      const raw = renderTemplate(tpl, (s) => placeholder(s.interp)).text;
      const size = src.minified ? jsonencodeLength(parsed.value) : raw.length;
      backupPolicies.push({ root: parsed.root, value: parsed.value, size, where, at });
      orgPolicies.push({ where, size });
      continue;
    }
    checkIamDocument(parsed.value, parsed.root, kind, where, at, diags);
    documents.push({ file: src.file, line: attr.line, col: attr.col, where, type, attribute: (sub ? sub + "." : "") + attr.name, kind, text: rendered.text, posAt: rendered.posAt });
  }
  // A plan named in several of the module's backup policies is merged by AWS Organizations into
  // the accounts' effective policies; a lower (layered) policy then writes only what it changes
  // ("Backup policy examples", Example 5: "The child policy includes only the settings that need
  // to be different"), so such plans are not required to be complete in each document.
  const planCounts = new Map();
  for (const p of backupPolicies) {
    for (const plan of Object.keys(p.value?.plans ?? {})) planCounts.set(plan, (planCounts.get(plan) ?? 0) + 1);
  }
  const mergedPlans = new Set([...planCounts].filter(([, n]) => n > 1).map(([plan]) => plan));
  for (const p of backupPolicies) checkBackupPolicy(p.root, p.size, p.where, p.at, diags, mergedPlans);
  return { diags, documents, orgPolicies, count };
}
