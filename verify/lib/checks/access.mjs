// Check 8: the access matrix. A generated root's access-matrix.json asks questions such as "may
// AWS Backup assume the backup role" or "may an administrator of the account delete a recovery
// point"; each is answered by simulating AWS's policy evaluation (@cloud-copilot/iam-simulate,
// AGPL-3.0, a test-time tool of this tier only) over the policy documents of the generated .tf
// files (identity, resource, trust and key policies) and the AWS managed policies pinned in
// verify/testdata/managed-policies/, and compared with the expected decision.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { renderTemplate } from "../hclread.mjs";
import { declarations } from "../module.mjs";
import { policySource } from "./policies.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MANAGED_DIR = path.resolve(HERE, "..", "..", "testdata", "managed-policies");
export const MATRIX_FILE = "access-matrix.json";
const DECISIONS = ["Allowed", "ImplicitlyDenied", "ExplicitlyDenied", "Denied"];

/** The pinned AWS managed policy `name` ({name, arn, versionId, source, document}). */
export function managedPolicy(name) {
  const file = path.join(MANAGED_DIR, `${name}.json`);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

const accountOf = (arn) => arn.match(/^arn:aws[\w-]*:[^:]*:[^:]*:(\d{12}):/)?.[1] ?? null;

class MatrixError extends Error {}

// The root user of an account is not governed by identity policies: it may do anything in its
// own account that no SCP, RCP or explicit deny forbids (and, for a KMS key, only what the key
// policy lets the account do). iam-simulate models an account principal like any IAM principal,
// whose identity policies must allow too, so the tier gives the root user its implicit
// allow-everything identity.
const isRootUser = (arn) => /^arn:aws[\w-]*:iam::\d{12}:root$/.test(arn);
const ROOT_USER_POLICY = {
  name: "the root user's implicit full access",
  doc: { Version: "2012-10-17", Statement: [{ Sid: "RootUser", Effect: "Allow", Action: "*", Resource: "*" }] },
};

/**
 * Looks up resources of the generated modules. `modules` maps a module path of
 * apply-order.json ("accounts/payments-prod") to a loaded module.
 */
class Resources {
  constructor(modules, deployers = {}) {
    this.modules = modules;
    this.deployers = deployers;
    this.decls = new Map();
  }
  module(name) {
    const m = this.modules.get(name);
    if (!m) throw new MatrixError(`no module "${name}" in this root (modules: ${[...this.modules.keys()].join(", ")})`);
    if (!this.decls.has(name)) this.decls.set(name, declarations(m));
    return { m, d: this.decls.get(name) };
  }
  resource(name, address) {
    const { d } = this.module(name);
    const r = d.resources.get(address);
    if (!r) throw new MatrixError(`module ${name} has no resource ${address}`);
    return r;
  }
  /**
   * What an aws_kms_grant lets its grantee do, as the key-policy statement it amounts to
   * (attribute "grant"): the grantee principal may call the grant's operations on the key. KMS
   * authorizes a request that a grant allows whatever the key policy says ("Grants in AWS KMS").
   */
  grant(name, address) {
    const r = this.resource(name, address);
    if (r.type !== "aws_kms_grant") throw new MatrixError(`${name}: ${address} is not an aws_kms_grant`);
    const attr = (n) => r.block.body.attributes.find((a) => a.name === n);
    const grantee = attr("grantee_principal");
    const operations = attr("operations")?.expr.constant;
    if (!grantee || !Array.isArray(operations)) throw new MatrixError(`${name}: ${address} needs grantee_principal and a literal operations list`);
    const literal = grantee.expr.value ?? grantee.expr.constant;
    const principal = typeof literal === "string" ? literal
      : grantee.expr.traversals.length === 1 ? this.resolve(name, grantee.expr.traversals[0].text, `${address}.grantee_principal`) : null;
    if (!principal) throw new MatrixError(`${name}: ${address}.grantee_principal is neither a literal nor a role reference`);
    const doc = { Version: "2012-10-17", Statement: [{ Sid: "KmsGrant", Effect: "Allow", Principal: { AWS: principal }, Action: operations.map((o) => `kms:${o}`), Resource: "*" }] };
    return { doc, where: `${name}/${address} (grant)`, file: r.file, line: r.block.line, col: r.block.col };
  }
  /** The JSON document of `attribute` of a resource, as Terraform will send it. */
  document(name, address, attribute) {
    if (attribute === "grant") return this.grant(name, address);
    const { d } = this.module(name);
    const r = this.resource(name, address);
    const attr = r.block.body.attributes.find((a) => a.name === attribute);
    if (!attr) throw new MatrixError(`${name}: ${address} has no attribute "${attribute}"`);
    const src = policySource(attr.expr, r.file, d);
    if (!src) throw new MatrixError(`${name}: ${address}.${attribute} is not a string, heredoc or local value holding a policy document`);
    const text = this.render(name, src.tpl, `${address}.${attribute}`);
    try {
      return { doc: JSON.parse(text), where: `${name}/${address}.${attribute}`, file: src.file, line: attr.line, col: attr.col };
    } catch (e) {
      throw new MatrixError(`${name}: ${address}.${attribute} is not JSON: ${e.message}`);
    }
  }
  /**
   * The value an interpolation of a policy document of module `name` takes at apply time. Only
   * two are known before apply, and exactly: `aws_iam_role.X.arn` (a role of the same module:
   * arn:aws:iam::<the module's account>:role<path><name>) and
   * `data.aws_iam_session_context.deployer.issuer_arn` (the role applying the module: the
   * matrix's `deployers[<module>]`). Anything else cannot be simulated.
   */
  resolve(name, interp, where) {
    const e = interp.trim();
    const { m, d } = this.module(name);
    let g;
    if ((g = e.match(/^aws_iam_role\.([A-Za-z0-9_-]+)\.arn$/))) {
      const role = d.resources.get(`aws_iam_role.${g[1]}`);
      if (!role) throw new MatrixError(`${name}: ${where} interpolates \${${e}}, but the module has no aws_iam_role.${g[1]}`);
      const attr = (n) => role.block.body.attributes.find((a) => a.name === n);
      const roleName = attr("name")?.expr.value;
      const rolePath = attr("path") ? attr("path").expr.value : "/";
      if (typeof roleName !== "string" || typeof rolePath !== "string") {
        throw new MatrixError(`${name}: ${where} interpolates \${${e}}, but the role's name and path are not literal strings, so its ARN is not known before apply`);
      }
      if (!/^\d{12}$/.test(String(m.account_id ?? ""))) throw new MatrixError(`${name}: ${where} interpolates \${${e}}, but apply-order.json gives the module no account id`);
      return `arn:aws:iam::${m.account_id}:role${rolePath}${roleName}`;
    }
    if (e === "data.aws_iam_session_context.deployer.issuer_arn") {
      if (!d.data.has("aws_iam_session_context.deployer")) throw new MatrixError(`${name}: ${where} interpolates \${${e}}, but the module declares no data "aws_iam_session_context" "deployer"`);
      const arn = this.deployers[name];
      if (typeof arn !== "string") throw new MatrixError(`${name}: ${where} interpolates \${${e}} (the identity applying the module), but the matrix's "deployers" has no entry for module "${name}"`);
      return arn;
    }
    throw new MatrixError(`${name}: ${where} interpolates \${${e}}: the access matrix resolves only aws_iam_role.<name>.arn of the same module and data.aws_iam_session_context.deployer.issuer_arn`);
  }
  /** Renders a policy template of module `name` with its interpolations resolved. */
  render(name, tpl, where) {
    const control = tpl.parts.find((p) => p.control);
    if (control) throw new MatrixError(`${name}: ${where} has a template directive %{${control.interp}}`);
    return renderTemplate(tpl, (p, inString) => {
      const v = this.resolve(name, p.interp, where);
      return inString ? v : JSON.stringify(v);
    }).text;
  }
  /** A role's identity policies: its aws_iam_role_policy resources, inline_policy blocks and managed policy attachments. */
  rolePolicies(name, address) {
    const { m, d } = this.module(name);
    const role = this.resource(name, address);
    if (role.type !== "aws_iam_role") throw new MatrixError(`${name}: ${address} is not an aws_iam_role`);
    const roleName = role.block.body.attributes.find((a) => a.name === "name")?.expr.value;
    const refersToRole = (attr) =>
      attr && (attr.expr.traversals.some((t) => t.segs[0] === "aws_iam_role" && t.segs[1] === role.name) || (roleName !== undefined && attr.expr.value === roleName));
    const out = [];
    for (const ib of role.block.body.blocks.filter((b) => b.type === "inline_policy")) {
      const p = ib.body.attributes.find((a) => a.name === "policy");
      const n = ib.body.attributes.find((a) => a.name === "name")?.expr.value ?? "inline_policy";
      if (p) out.push({ name: `${name}/${address}.inline_policy.${n}`, ...this.documentOfAttr(name, role, p) });
    }
    for (const [addr, r] of d.resources) {
      const roleAttr = r.block.body.attributes.find((a) => a.name === "role");
      if (!refersToRole(roleAttr)) continue;
      if (r.type === "aws_iam_role_policy") out.push({ name: `${name}/${addr}`, ...this.document(name, addr, "policy") });
      if (r.type === "aws_iam_role_policy_attachment") {
        const arn = r.block.body.attributes.find((a) => a.name === "policy_arn")?.expr.value;
        const managed = arn?.match(/^arn:aws:iam::aws:policy\/(?:.*\/)?([\w+=,.@-]+)$/)?.[1];
        if (!managed) throw new MatrixError(`${name}: ${addr}.policy_arn is not an AWS managed policy ARN the tier can look up (${arn ?? "not a literal"})`);
        out.push(this.managed(managed, `${name}/${addr}`));
      }
    }
    void m;
    return out;
  }
  documentOfAttr(name, res, attr) {
    const { d } = this.module(name);
    const src = policySource(attr.expr, res.file, d);
    if (!src) throw new MatrixError(`${name}: ${res.type}.${res.name}: inline policy is not a literal document`);
    const text = this.render(name, src.tpl, `${res.type}.${res.name}.inline_policy`);
    try {
      return { doc: JSON.parse(text) };
    } catch (e) {
      throw new MatrixError(`${name}: ${res.type}.${res.name}.inline_policy is not JSON: ${e.message}`);
    }
  }
  managed(policyName, via) {
    const mp = managedPolicy(policyName);
    if (!mp) throw new MatrixError(`AWS managed policy ${policyName}${via ? ` (attached by ${via})` : ""} is not pinned in ${path.relative(process.cwd(), MANAGED_DIR)}/`);
    return { name: `${policyName} (${mp.versionId})`, doc: mp.document };
  }
}

/** The request context keys AWS sets for the principal, under the question's own keys. */
export function requestContext(q, matrix) {
  const ctx = {};
  const p = q.principal.arn;
  if (p.startsWith("arn:")) {
    const account = accountOf(p);
    ctx["aws:PrincipalArn"] = p;
    ctx["aws:PrincipalAccount"] = account;
    ctx["aws:PrincipalIsAWSService"] = "false";
    ctx["aws:PrincipalType"] = p.endsWith(":root") ? "Account" : "AssumedRole";
    if (matrix.organizationId && matrix.accounts.has(account)) ctx["aws:PrincipalOrgID"] = matrix.organizationId;
    if (q.action.startsWith("kms:")) ctx["kms:CallerAccount"] = account;
  } else {
    ctx["aws:PrincipalIsAWSService"] = "true";
    ctx["aws:PrincipalServiceName"] = p;
  }
  for (const [k, v] of Object.entries(q.context ?? {})) {
    if (v === null) delete ctx[k];
    else ctx[k] = v;
  }
  return ctx;
}

function validateQuestion(q, k, seen) {
  const problems = [];
  const need = (cond, msg) => cond || problems.push(msg);
  need(typeof q?.id === "string" && q.id, `questions[${k}] needs an "id"`);
  if (q?.id) need(!seen.has(q.id), `questions[${k}]: duplicate id "${q.id}"`);
  need(typeof q?.account === "string", `questions[${k}] needs an "account"`);
  need(typeof q?.question === "string" && q.question, `questions[${k}] needs a "question" in plain words`);
  need(typeof q?.principal?.arn === "string", `questions[${k}] needs "principal": {"arn", "identity"}`);
  need(Array.isArray(q?.principal?.identity ?? []), `questions[${k}]: principal.identity must be a list`);
  need(typeof q?.action === "string" && /^[\w-]+:\w+$/.test(q.action), `questions[${k}] needs an "action" like "backup:CopyIntoBackupVault"`);
  need(typeof q?.resource === "string", `questions[${k}] needs a "resource" ARN`);
  need(typeof q?.resourceAccount === "string" && /^\d{12}$/.test(q.resourceAccount), `questions[${k}] needs a 12-digit "resourceAccount"`);
  need(DECISIONS.includes(q?.expected), `questions[${k}]: "expected" must be one of ${DECISIONS.join(", ")}`);
  return problems;
}

/** Decisive statements of a simulation result, as printable lines. */
function decidingStatements(result, policies) {
  const a = result?.analysis ?? {};
  const lines = [];
  const show = (label, list) => {
    for (const s of list ?? []) {
      const stmt = s.statement ?? s;
      const sid = stmt?.sid?.() ?? stmt?.Sid ?? s.explain?.identifier ?? s.identifier;
      const policyId = s.policyId ?? s.policy?.name ?? s.explain?.policyId;
      lines.push(`${label}: ${policyId ? `${policyId} ` : ""}statement ${sid ?? "?"}${s.explain ? ` (${s.explain.effect})` : ""}`);
    }
  };
  show("identity deny", a.identityAnalysis?.denyStatements);
  show("identity allow", a.identityAnalysis?.allowStatements);
  show("resource deny", a.resourceAnalysis?.denyStatements);
  show("resource allow", a.resourceAnalysis?.allowStatements);
  if (!lines.length) lines.push(`no statement matched (${policies})`);
  return lines;
}

/** Why an implicit deny: which of the policies that must allow did not. */
function missingAllows(result, resourceDoc, crossAccount) {
  const a = result?.analysis ?? {};
  const out = [];
  if (!a.identityAnalysis?.allowStatements?.length && (crossAccount || !a.resourceAnalysis?.allowStatements?.length)) out.push("no identity policy statement allows it");
  if (resourceDoc && !a.resourceAnalysis?.allowStatements?.length && (crossAccount || !a.identityAnalysis?.allowStatements?.length)) {
    out.push(`no statement of the resource policy ${resourceDoc.where} allows it`);
  }
  return out;
}

/**
 * Runs every question of `<root>/access-matrix.json`. Returns null when the root has none,
 * else { diags, asked, allowed, denied, file }.
 */
export async function checkAccessMatrix(rootDir, modules, rel = (p) => p) {
  // One file at the root, or (as the generator writes it, so that a large organization never holds
  // the whole matrix in memory) one per module, each holding the questions about that module's
  // resources: merged here into one matrix.
  const rootFile = path.join(rootDir, MATRIX_FILE);
  const files = fs.existsSync(rootFile)
    ? [rootFile]
    : [...modules.keys()].map((name) => path.join(rootDir, name, MATRIX_FILE)).filter((f) => fs.existsSync(f));
  if (!files.length) return null;
  const file = files[0];
  const where = { file: rel(file), line: 1, col: 1 };
  const diags = [];
  let matrix;
  try {
    const parts = files.map((f) => {
      try {
        return JSON.parse(fs.readFileSync(f, "utf8"));
      } catch (e) {
        throw new Error(`${rel(f)}: ${e.message}`);
      }
    });
    matrix = parts.length === 1 ? parts[0] : {
      version: parts.every((m) => m.version === 1) ? 1 : parts.find((m) => m.version !== 1).version,
      organizationId: parts.find((m) => m.organizationId !== undefined)?.organizationId,
      deployers: Object.assign({}, ...parts.map((m) => m.deployers ?? {})),
      questions: parts.flatMap((m) => (Array.isArray(m.questions) ? m.questions : [])),
    };
  } catch (e) {
    return { diags: [{ ...where, message: `not valid JSON: ${e.message}` }], asked: 0, allowed: 0, denied: 0, file };
  }
  if (matrix.version !== 1) diags.push({ ...where, message: `"version" must be 1` });
  if (!Array.isArray(matrix.questions) || !matrix.questions.length) diags.push({ ...where, message: `"questions" must be a non-empty list` });
  if (matrix.organizationId !== undefined && (typeof matrix.organizationId !== "string" || !/^o-[a-z0-9]{10,32}$/.test(matrix.organizationId))) {
    diags.push({ ...where, message: `"organizationId" must be an organization id like "o-a1b2c3d4e5" (or absent for a root outside an organization)` });
  }
  const deployers = matrix.deployers ?? {};
  if (typeof deployers !== "object" || Array.isArray(deployers) || deployers === null) diags.push({ ...where, message: `"deployers" must map module paths to the ARN of the identity applying each` });
  else {
    for (const [k, v] of Object.entries(deployers)) {
      if (!modules.has(k)) diags.push({ ...where, message: `"deployers": no module "${k}" in this root` });
      if (typeof v !== "string" || !/^arn:aws[\w-]*:iam::\d{12}:(role|user)\/.+/.test(v)) diags.push({ ...where, message: `"deployers"."${k}" must be an IAM role or user ARN, not ${JSON.stringify(v)}` });
    }
  }
  if (diags.length) return { diags, asked: 0, allowed: 0, denied: 0, file };

  const applyOrder = path.join(rootDir, "apply-order.json");
  const accounts = new Set(fs.existsSync(applyOrder) ? JSON.parse(fs.readFileSync(applyOrder, "utf8")).modules.map((m) => String(m.account_id)) : []);
  const ctxMatrix = { organizationId: matrix.organizationId, accounts };
  const res = new Resources(modules, deployers);
  const seen = new Set();
  let asked = 0;
  let allowed = 0;
  let denied = 0;
  for (const [k, q] of matrix.questions.entries()) {
    const problems = validateQuestion(q, k, seen);
    if (q?.id) seen.add(q.id);
    if (problems.length) {
      for (const p of problems) diags.push({ ...where, message: p });
      continue;
    }
    const label = `${q.id}: ${q.question}`;
    let simulation;
    let resourceDoc = null;
    const identityPolicies = [];
    try {
      for (const idp of q.principal.identity ?? []) {
        if (idp.managed) identityPolicies.push(res.managed(idp.managed));
        else if (idp.module && idp.address?.startsWith("aws_iam_role.")) identityPolicies.push(...res.rolePolicies(idp.module, idp.address));
        else if (idp.module && idp.address) identityPolicies.push({ name: `${idp.module}/${idp.address}`, ...res.document(idp.module, idp.address, idp.attribute ?? "policy") });
        else throw new MatrixError(`principal.identity entries are {"module", "address"} or {"managed"}: ${JSON.stringify(idp)}`);
      }
      if (isRootUser(q.principal.arn)) {
        if (identityPolicies.length) throw new MatrixError(`principal ${q.principal.arn} is an account's root user, which has no identity policies: its "identity" must be []`);
        identityPolicies.push(ROOT_USER_POLICY);
      }
      if (q.resourcePolicy) resourceDoc = res.document(q.resourcePolicy.module, q.resourcePolicy.address, q.resourcePolicy.attribute ?? "policy");
      simulation = {
        request: {
          principal: q.principal.arn,
          action: q.action,
          resource: { resource: q.resource, accountId: q.resourceAccount },
          contextVariables: requestContext(q, ctxMatrix),
        },
        identityPolicies: identityPolicies.map((p) => ({ name: p.name, policy: p.doc })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(resourceDoc ? { resourcePolicy: resourceDoc.doc } : {}),
      };
    } catch (e) {
      if (!(e instanceof MatrixError)) throw e;
      diags.push({ ...where, message: `${label}: ${e.message}` });
      continue;
    }
    asked++;
    const r = await runSimulation(simulation, {});
    if (r.resultType === "error") {
      diags.push({ ...where, message: `${label}: iam-simulate rejected the simulation: ${JSON.stringify(r.errors)}` });
      continue;
    }
    const got = r.overallResult;
    if (got === "Allowed") allowed++;
    else denied++;
    const ok = q.expected === "Denied" ? got !== "Allowed" : got === q.expected;
    if (!ok) {
      const at = resourceDoc ? { file: resourceDoc.file, line: resourceDoc.line, col: resourceDoc.col } : where;
      const policies = [...identityPolicies.map((p) => p.name), ...(resourceDoc ? [`resource policy ${resourceDoc.where}`] : [])].join("; ") || "no policies";
      const deciding = decidingStatements(r.result, policies);
      if (got === "ImplicitlyDenied") deciding.push(...missingAllows(r.result, resourceDoc, accountOf(q.principal.arn) !== q.resourceAccount));
      diags.push({
        ...at,
        message: `${label}: expected ${q.expected}, simulated ${got} for ${q.principal.arn} ${q.action} on ${q.resource} [deciding: ${deciding.join("; ")}] [policies: ${policies}]`,
      });
    }
  }
  return { diags, asked, allowed, denied, file };
}
