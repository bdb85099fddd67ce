// Check 6 (part 2): AWS Organizations backup policies (aws_organizations_policy.content with
// type BACKUP_POLICY) against the documented syntax: AWS Organizations User Guide,
// "Backup policy syntax and examples" (orgs_manage_policies_backup_syntax) and
// "Inheritance operators" (policy-operators).
//
// Every setting is an object holding an inheritance operator ({"@@assign": ...}); maps of
// user-named entries (plans, rules, selections, copy actions, tags, conditions) take no value
// operator; @@append / @@remove only on list settings; $account only in ARN settings.

const VALUE_OPS = new Set(["@@assign", "@@append", "@@remove"]);
const CHILD_OP = "@@operators_allowed_for_child_policies";
const CHILD_OP_VALUES = new Set(["@@all", "@@none", "@@assign", "@@append", "@@remove"]);
export const MAX_POLICY_CHARS = 10000;

const NAME = /^[A-Za-z0-9_.-]{1,50}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}|\$account):role\/[\w+=,.@/-]+$/;
const VAULT_ARN = /^arn:aws(-cn|-us-gov)?:backup:[a-z]{2}(-gov)?-[a-z]+-\d:(\d{12}|\$account):backup-vault:[A-Za-z0-9_-]{2,50}$/;
const LAG_VAULT_ARN = /^arn:aws(-cn|-us-gov)?:backup:([a-z]{2}(-gov)?-[a-z]+-\d|\$region):(\d{12}|\$account):backup-vault:[A-Za-z0-9_-]{2,50}$/;

const leaf = (opts = {}) => ({ leaf: true, ...opts });
const map = (child, opts = {}) => ({ map: child, ...opts });
const obj = (fields, required = [], opts = {}) => ({ fields, required, ...opts });

const ENABLED = ["enabled", "disabled"];
// Malware scanning ("Backup syntax: scan settings" and Example 8): keyed by the scanner, GUARDDUTY
// the only one (ScanAction, ScanSetting: "Currently only GUARDDUTY is supported").
const SCANNERS = ["GUARDDUTY"];
const SCANNED_TYPES = ["EBS", "EC2", "S3", "ALL"];
const LIFECYCLE = obj({
  move_to_cold_storage_after_days: leaf({ int: true, min: 1 }),
  delete_after_days: leaf({ int: true, min: 1 }),
  opt_in_to_archive_for_supported_resources: leaf({ bool: true }),
});
const TAG = obj({ tag_key: leaf({ maxLen: 128 }), tag_value: leaf({ stringOrList: true, maxLen: 256 }) }, ["tag_key", "tag_value"]);
const CONDITION = obj({ condition_key: leaf(), condition_value: leaf() }, ["condition_key", "condition_value"]);
const CONDITIONS = obj(
  {
    string_equals: map(CONDITION),
    string_not_equals: map(CONDITION),
    string_like: map(CONDITION),
    string_not_like: map(CONDITION),
  },
  [],
  { conditions: true },
);
const COPY_ACTION = obj({ target_backup_vault_arn: leaf({ arn: VAULT_ARN }), lifecycle: LIFECYCLE }, ["target_backup_vault_arn"]);
const RULE = obj(
  {
    schedule_expression: leaf({ pattern: /^cron\(\S+( \S+){5}\)$/, patternText: "a cron(...) expression with six fields" }),
    schedule_expression_timezone: leaf(),
    target_backup_vault_name: leaf({ pattern: /^[A-Za-z0-9_-]{2,50}$/, patternText: "a vault name of 2-50 letters, digits, - or _" }),
    target_logically_air_gapped_backup_vault_arn: leaf({ arn: LAG_VAULT_ARN, region: true }),
    start_backup_window_minutes: leaf({ int: true, min: 60 }),
    complete_backup_window_minutes: leaf({ int: true, min: 1 }),
    enable_continuous_backup: leaf({ bool: true }),
    lifecycle: LIFECYCLE,
    copy_actions: map(COPY_ACTION, { keyArn: VAULT_ARN }),
    recovery_point_tags: map(TAG),
    index_actions: obj({ resource_types: leaf({ list: true }) }),
    scan_actions: map(obj({ scan_mode: leaf({ enum: ["INCREMENTAL_SCAN", "FULL_SCAN"] }) }, ["scan_mode"]), { keyEnum: SCANNERS }),
  },
  ["schedule_expression", "target_backup_vault_name"],
  { rule: true },
);
const SELECTION_TAGS = obj(
  { iam_role_arn: leaf({ arn: ROLE_ARN }), tag_key: leaf(), tag_value: leaf({ list: true }), conditions: CONDITIONS },
  ["iam_role_arn", "tag_key", "tag_value"],
);
const SELECTION_RESOURCES = obj(
  { iam_role_arn: leaf({ arn: ROLE_ARN }), resource_types: leaf({ list: true }), not_resource_types: leaf({ list: true }), conditions: CONDITIONS },
  ["iam_role_arn", "resource_types"],
);
const PLAN = obj(
  {
    regions: leaf({ list: true, regions: true }),
    rules: map(RULE, { min: 1, names: NAME }),
    selections: obj({ tags: map(SELECTION_TAGS, { names: NAME }), resources: map(SELECTION_RESOURCES, { names: NAME }) }, [], { oneOf: ["tags", "resources"] }),
    advanced_backup_settings: obj({
      ec2: obj({ windows_vss: leaf({ enum: ENABLED }) }),
      s3: obj({ backup_acls: leaf({ enum: ENABLED }), backup_object_tags: leaf({ enum: ENABLED }) }),
    }),
    backup_plan_tags: map(TAG),
    scan_settings: map(
      obj({ resource_types: leaf({ list: true, enum: SCANNED_TYPES }), scanner_role_arn: leaf({ arn: ROLE_ARN }) }, ["resource_types", "scanner_role_arn"]),
      { keyEnum: SCANNERS },
    ),
  },
  ["regions", "rules", "selections"],
);
const ROOT = obj({ plans: map(PLAN, { min: 1, names: NAME }) }, ["plans"]);

const show = (v) => JSON.stringify(v);

/**
 * root: JSON node (json.mjs) of the policy; size: characters of the document as sent to AWS;
 * at(node|{offset}) -> {file, line, col}; pushes diagnostics to diags.
 */
export function checkBackupPolicy(root, size, where, at, diags, mergedPlans = new Set()) {
  // Within a plan that other policies of the module also carry, keys may be partial (see policies.mjs).
  const partial = (path) => [...mergedPlans].some((plan) => path === `plans.${plan}` || path.startsWith(`plans.${plan}.`));
  const add = (node, path, msg) => diags.push({ ...at(node), message: `${where}: ${path ? path + ": " : ""}${msg}` });

  if (size > MAX_POLICY_CHARS) {
    add(root, "", `backup policy is ${size} characters as sent to AWS, AWS Organizations accepts at most ${MAX_POLICY_CHARS} (whitespace counts: send minified JSON or split the policy)`);
  }

  const checkChildOp = (e, path) => {
    const v = e.node.value;
    if (!Array.isArray(v) || !v.length || v.some((x) => !CHILD_OP_VALUES.has(x))) {
      add(e.node, path, `${CHILD_OP} must be a list of ${[...CHILD_OP_VALUES].join(", ")}`);
    } else if ((v.includes("@@all") || v.includes("@@none")) && v.length > 1) {
      add(e.node, path, `${CHILD_OP}: @@all and @@none cannot be combined with other operators`);
    }
  };

  const noVariables = (node, value, path, allowRegion = false) => {
    if (typeof value !== "string") return;
    if (value.includes("$account")) add(node, path, `$account is only allowed in ARN settings (iam_role_arn, target_backup_vault_arn, copy action keys), not in ${show(value)}`);
    if (value.includes("$region") && !allowRegion) add(node, path, `$region is only allowed in target_logically_air_gapped_backup_vault_arn, not in ${show(value)}`);
  };

  function checkLeaf(node, spec, path) {
    if (node.type !== "object") {
      add(node, path, `a setting must be an object with an inheritance operator, e.g. {"@@assign": ${show(node.value)}}`);
      return undefined;
    }
    let assigned;
    let ops = 0;
    for (const e of node.entries) {
      if (e.key === CHILD_OP) {
        checkChildOp(e, path);
        continue;
      }
      if (!e.key.startsWith("@@")) {
        add({ offset: e.keyOffset }, path, `unexpected key ${show(e.key)}: a setting holds only an inheritance operator (@@assign${spec.list ? ", @@append, @@remove" : ""})`);
        continue;
      }
      if (!VALUE_OPS.has(e.key)) {
        add({ offset: e.keyOffset }, path, `unknown inheritance operator ${show(e.key)} (value operators: @@assign, @@append, @@remove; child control: ${CHILD_OP})`);
        continue;
      }
      ops++;
      if ((e.key === "@@append" || e.key === "@@remove") && !spec.list && !spec.stringOrList) {
        add({ offset: e.keyOffset }, path, `${e.key} is only allowed on list settings; use @@assign`);
      }
      const v = e.node.value;
      if (spec.list) {
        if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) add(e.node, path, `expects a list of strings, found ${show(v)}`);
        else if (!v.length && e.key === "@@assign") add(e.node, path, "empty list");
      } else if (spec.stringOrList) {
        if (!(typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string")))) add(e.node, path, `expects a string or a list of strings, found ${show(v)}`);
      } else if (v === null || typeof v === "object") {
        add(e.node, path, `expects a single value, found ${show(v)}`);
        continue;
      }
      const values = Array.isArray(v) ? v : [v];
      for (const x of values) {
        if (spec.arn) {
          if (typeof x !== "string" || !spec.arn.test(x)) add(e.node, path, `${show(x)} is not a valid ARN for this setting`);
          if (typeof x === "string" && x.includes("$region") && !spec.region) add(e.node, path, `$region is only allowed in target_logically_air_gapped_backup_vault_arn`);
        } else {
          noVariables(e.node, x, path);
        }
        if (spec.int) {
          const n = typeof x === "number" ? x : /^\d+$/.test(String(x)) ? Number(x) : NaN;
          if (!Number.isInteger(n)) add(e.node, path, `expects a whole number, found ${show(x)}`);
          else if (spec.min !== undefined && n < spec.min) add(e.node, path, `must be at least ${spec.min}, found ${n}`);
        }
        if (spec.bool && !(x === true || x === false || x === "true" || x === "false")) add(e.node, path, `expects true or false, found ${show(x)}`);
        if (spec.enum && !spec.enum.includes(x)) add(e.node, path, `expects one of ${spec.enum.join(", ")}, found ${show(x)}`);
        if (spec.pattern && (typeof x !== "string" || !spec.pattern.test(x))) add(e.node, path, `${show(x)} is not ${spec.patternText}`);
        if (spec.regions && !REGION.test(x)) add(e.node, path, `${show(x)} is not an AWS Region code`);
        if (spec.maxLen && typeof x === "string" && x.length > spec.maxLen) add(e.node, path, `longer than ${spec.maxLen} characters`);
      }
      if (e.key === "@@assign") assigned = v;
    }
    if (!ops) add(node, path, `no inheritance operator: set the value with {"@@assign": ...}`);
    return assigned;
  }

  function walk(node, spec, path) {
    if (spec.leaf) return checkLeaf(node, spec, path);
    if (node.type !== "object") {
      add(node, path, `expected an object, found ${show(node.value)}`);
      return undefined;
    }
    const values = {};
    if (spec.map) {
      let count = 0;
      for (const e of node.entries) {
        const childPath = path ? `${path}.${e.key}` : e.key;
        if (e.key === CHILD_OP) {
          checkChildOp(e, path);
          continue;
        }
        if (e.key.startsWith("@@")) {
          add({ offset: e.keyOffset }, path, `operator ${show(e.key)} is not allowed here: ${path.split(".").pop()} is a collection of named entries (only ${CHILD_OP} may appear)`);
          continue;
        }
        count++;
        if (spec.keyArn) {
          if (!spec.keyArn.test(e.key)) add({ offset: e.keyOffset }, path, `copy action key ${show(e.key)} must be the destination backup vault ARN`);
        } else {
          noVariables({ offset: e.keyOffset }, e.key, path);
          if (spec.names && !spec.names.test(e.key)) add({ offset: e.keyOffset }, path, `name ${show(e.key)} must be 1-50 letters, digits, '-', '_' or '.'`);
          if (spec.keyEnum && !spec.keyEnum.includes(e.key)) add({ offset: e.keyOffset }, path, `key ${show(e.key)} must name the malware scanner: ${spec.keyEnum.join(", ")}`);
        }
        values[e.key] = walk(e.node, spec.map, childPath);
        if (spec.keyArn && values[e.key]?.target_backup_vault_arn !== undefined && values[e.key].target_backup_vault_arn !== e.key) {
          add(e.node, childPath, `target_backup_vault_arn ${show(values[e.key].target_backup_vault_arn)} differs from its copy action key (AWS keys copy actions by the destination vault ARN)`);
        }
      }
      if (spec.min && count < spec.min) add(node, path, `needs at least ${spec.min} entr${spec.min === 1 ? "y" : "ies"}`);
      return values;
    }
    // fixed-field object
    const allowed = Object.keys(spec.fields);
    let conditionCount = 0;
    for (const e of node.entries) {
      const childPath = path ? `${path}.${e.key}` : e.key;
      if (e.key === CHILD_OP) {
        checkChildOp(e, path);
        continue;
      }
      if (e.key.startsWith("@@")) {
        add({ offset: e.keyOffset }, path, `operator ${show(e.key)} is not allowed here: ${path || "the policy root"} is not a setting (value operators apply to settings such as schedule_expression)`);
        continue;
      }
      const child = spec.fields[e.key];
      if (!child) {
        add({ offset: e.keyOffset }, path, `unknown key ${show(e.key)}; allowed here: ${allowed.join(", ")}`);
        continue;
      }
      values[e.key] = walk(e.node, child, childPath);
      if (spec.conditions && values[e.key]) conditionCount += Object.keys(values[e.key]).length;
    }
    for (const r of spec.required) {
      if (!node.entries.some((e) => e.key === r) && !partial(path)) add(node, path, `missing required key ${show(r)}`);
    }
    if (spec.oneOf && !spec.oneOf.some((k) => node.entries.some((e) => e.key === k))) {
      add(node, path, `needs ${spec.oneOf.map(show).join(" or ")}`);
    }
    if (spec.conditions && conditionCount > 30) add(node, path, `${conditionCount} conditions; at most 30 per selection`);
    if (spec.rule) checkRuleSemantics(node, values, path);
    return values;
  }

  function checkRuleSemantics(node, v, path) {
    const num = (x) => (x === undefined ? undefined : Number(x));
    const lifecycles = [[v.lifecycle, `${path}.lifecycle`]];
    for (const [k, ca] of Object.entries(v.copy_actions ?? {})) lifecycles.push([ca?.lifecycle, `${path}.copy_actions.${k}.lifecycle`]);
    for (const [lc, p] of lifecycles) {
      if (!lc) continue;
      const cold = num(lc.move_to_cold_storage_after_days);
      const del = num(lc.delete_after_days);
      if (cold !== undefined && del !== undefined && del < cold + 90) {
        add(node, p, `delete_after_days (${del}) must be at least 90 days more than move_to_cold_storage_after_days (${cold})`);
      }
    }
    const continuous = v.enable_continuous_backup === true || v.enable_continuous_backup === "true";
    if (continuous && v.lifecycle) {
      if (v.lifecycle.move_to_cold_storage_after_days !== undefined) add(node, path, "continuous backups cannot move to cold storage");
      const del = num(v.lifecycle.delete_after_days);
      if (del !== undefined && del > 35) add(node, path, `continuous backups are retained at most 35 days, delete_after_days is ${del}`);
    }
    const start = num(v.start_backup_window_minutes);
    const complete = num(v.complete_backup_window_minutes);
    if (start !== undefined && complete !== undefined && complete <= start) {
      add(node, path, `complete_backup_window_minutes (${complete}) is not longer than start_backup_window_minutes (${start}): the completion window counts from the scheduled time, so late-starting jobs would be cancelled`);
    }
  }

  walk(root, ROOT, "");
}
