#!/usr/bin/env python3
"""Extract a Terraform provider schema (the `providers schema -json` shape) for the
resource types and data sources this project emits, from the npm package @cdktf/provider-aws@21.22.1,
which is generated from hashicorp/aws provider 6.25.0.

This is the project's one schema extractor and schema/aws-6.25.0.json its one schema file:
the stand-in provider embeds it and the verify tier's schema check reads it
(verify/lib/checks/schema.mjs).

Usage:
  npm pack @cdktf/provider-aws@21.22.1
  python3 extract_schema.py cdktf-provider-aws-21.22.1.tgz > schema/aws-6.25.0.json
      (checks the tarball's sha512 against the npm registry's integrity pinned below)
  python3 extract_schema.py package > schema/aws-6.25.0.json      (an unpacked package)

What the package records, and so what this schema has:
  * every configurable argument and nested block, with its Terraform name (lib/*/index.js,
    the `*ToHclTerraform` / `synthesizeHclAttributes` tables);
  * which are required (the .jsii assembly: `optional`), block nesting (list / set /
    single), MaxItems 1 (a block typed as one struct, not an array), MinItems 1 (a required
    block);
  * computed-only attributes (class getters that are not configuration, e.g. `arn`).
What it does not record, and how this script approximates it:
  * Optional+Computed: only `id`, `tags_all` and `region` are marked computed as well.
  * the provider's value validators (ARN formats, lengths, enums, JSON validity) and
    plan-time customisations: absent. The stand-in provider built from this schema checks
    argument names, types, required arguments and block counts, nothing more.
"""
import base64
import hashlib
import json
import os
import re
import sys
import tarfile
import tempfile

RESOURCE_TYPES = [
    "aws_organizations_policy",
    "aws_organizations_policy_attachment",
    "aws_organizations_delegated_administrator",
    "aws_organizations_resource_policy",
    "aws_backup_global_settings",
    "aws_backup_vault",
    "aws_backup_vault_lock_configuration",
    "aws_backup_vault_policy",
    "aws_backup_vault_notifications",
    "aws_backup_plan",
    "aws_backup_selection",
    "aws_kms_key",
    "aws_kms_alias",
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_backup_region_settings",
    "aws_kms_grant",
    "aws_cloudformation_stack_set",
    "aws_cloudformation_stack_set_instance",
    "aws_sns_topic",
    "aws_sns_topic_policy",
    "aws_sns_topic_subscription",
    "aws_backup_restore_testing_plan",
    "aws_backup_restore_testing_selection",
    "aws_backup_logically_air_gapped_vault",
    "aws_ram_resource_share",
    "aws_ram_resource_association",
    "aws_ram_principal_association",
    "aws_ram_sharing_with_organization",
    "aws_cloudwatch_event_rule",
    "aws_cloudwatch_event_target",
    "aws_cloudwatch_event_bus",
    "aws_cloudwatch_event_bus_policy",
    "aws_backup_framework",
    "aws_backup_report_plan",
]
# data sources: lib/data-aws-*/ in the package (class DataAws...)
DATA_SOURCE_TYPES = [
    "aws_organizations_organization",
    "aws_organizations_organizational_unit_descendant_accounts",
    "aws_caller_identity",
    "aws_iam_session_context",
]
PKG = "@cdktf/provider-aws"
# `npm view @cdktf/provider-aws@21.22.1 dist.integrity`
INTEGRITY = "sha512-BuSHeaQFUL9l33pBzIMRT7cTQ69AM2mLtijjteCPhVQRmvuhuj9Lvfymf7knAMhYqAT6+Lrls9jiGVW/Us3zrQ=="
OPTIONAL_COMPUTED = {"id", "tags_all", "region"}
META_ARGS = {"alias"}  # provider meta-argument, handled by the Terraform core

ENTRY_RE = re.compile(
    r'(\w+): \{\s*value: (.*?),\s*isBlock: (true|false),\s*type: "(\w+)",\s*'
    r'storageClassType: "(\w+)",\s*\}',
    re.S,
)
FUNC_RE = re.compile(r"^function (\w+)ToHclTerraform\(struct\) \{$", re.M)
CLASS_SYNTH_RE = re.compile(r"synthesizeHclAttributes\(\) \{")
CAMEL_RE = re.compile(r"(?:struct|this)\._?(\w+)")


def lower_first(s):
    return s[:1].lower() + s[1:]


def pascal(parts):
    return "".join(p[:1].upper() + p[1:] for p in parts)


def parse_tables(js):
    """Map table owner ('<structCamel>' or '__resource__') -> list of entries."""
    tables = {}
    marks = [(m.start(), m.group(1)) for m in FUNC_RE.finditer(js)]
    marks += [(m.start(), "__resource__") for m in CLASS_SYNTH_RE.finditer(js)]
    marks.sort()
    for i, (pos, owner) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(js)
        body = js[pos:end]
        # the table ends at the first "};" after "const attrs = {"
        start = body.find("const attrs = {")
        if start < 0:
            continue
        stop = body.find("\n        };", start)
        if stop < 0:
            stop = body.find("\n    };", start)
        table = body[start:stop]
        entries = []
        for m in ENTRY_RE.finditer(table):
            name, value, is_block, typ, storage = m.groups()
            cm = CAMEL_RE.search(value)
            entries.append(
                {
                    "name": name,
                    "camel": cm.group(1) if cm else None,
                    "is_block": is_block == "true",
                    "type": typ,
                    "storage": storage,
                }
            )
        tables[owner] = entries
    return tables


def strip_union(t):
    if "union" in t:
        rest = [x for x in t["union"]["types"] if x.get("fqn") != "cdktf.IResolvable"]
        if len(rest) == 1:
            return rest[0]
    return t


def prim_type(p):
    return {"string": "string", "number": "number", "boolean": "bool", "any": "dynamic"}.get(p, "dynamic")


class Extractor:
    def __init__(self, pkgdir):
        with open(os.path.join(pkgdir, ".jsii")) as f:
            self.types = json.load(f)["types"]
        self.lib = os.path.join(pkgdir, "lib")

    def props(self, fqn):
        t = self.types[fqn]
        return {p["name"]: p for p in t.get("properties", [])}

    def jsii_type_of(self, jtype, tables, ns):
        """cty type for an attribute given its jsii type."""
        jtype = strip_union(jtype)
        if "primitive" in jtype:
            return prim_type(jtype["primitive"])
        if "collection" in jtype:
            c = jtype["collection"]
            kind = "list" if c["kind"] == "array" else "map"
            return [kind, self.jsii_type_of(c["elementtype"], tables, ns)]
        if "fqn" in jtype and jtype["fqn"] in self.types:
            # an object-typed attribute (nested attribute): object of its struct's fields
            fqn = jtype["fqn"]
            if self.types[fqn]["kind"] == "interface":
                fields = {}
                for name, p in self.props(fqn).items():
                    fields[self.snake_of(fqn, name, tables)] = self.jsii_type_of(p["type"], tables, ns)
                return ["object", fields]
        return "dynamic"

    def snake_of(self, fqn, camel, tables):
        owner = lower_first(fqn.rsplit(".", 1)[1])
        for e in tables.get(owner, []):
            if e["camel"] == camel:
                return e["name"]
        return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), camel)

    def attr_type(self, entry, jprop, tables, ns):
        st, typ = entry["storage"], entry["type"]
        base = {"string": "string", "number": "number", "boolean": "bool"}
        if typ == "simple" and st in base:
            return base[st]
        for k, v in base.items():
            if st == k + "List":
                return ["set" if typ == "set" else "list", v]
            if st == k + "Map":
                return ["map", v]
            if st == k + "MapList":
                return ["list", ["map", v]]
        if jprop is not None:
            t = self.jsii_type_of(jprop["type"], tables, ns)
            if isinstance(t, list) and t[0] == "list" and typ == "set":
                t = ["set", t[1]]
            return t
        return "dynamic"

    def block(self, struct_fqn, owner_key, tables, ns, computed_class_fqn=None):
        jprops = self.props(struct_fqn)
        attrs, blocks = {}, {}
        for e in tables.get(owner_key, []):
            if e["name"] in META_ARGS:
                continue
            jp = jprops.get(e["camel"])
            optional = jp is None or bool(jp.get("optional"))
            if e["is_block"]:
                jt = strip_union(jp["type"]) if jp else {}
                single = "fqn" in jt
                if single:
                    child_fqn = jt["fqn"]
                else:
                    et = jt.get("collection", {}).get("elementtype", {})
                    child_fqn = strip_union(et).get("fqn")
                if child_fqn is None or child_fqn not in self.types:
                    raise SystemExit("cannot resolve block %s in %s" % (e["name"], struct_fqn))
                child_key = lower_first(child_fqn.rsplit(".", 1)[1])
                child = self.block(child_fqn, child_key, tables, ns, child_fqn + "OutputReference")
                bt = {"nesting_mode": e["type"], "block": child}
                if e["type"] == "struct":
                    bt["nesting_mode"] = "single"
                else:
                    if single:
                        bt["max_items"] = 1
                    if not optional:
                        bt["min_items"] = 1
                blocks[e["name"]] = bt
            else:
                a = {"type": self.attr_type(e, jp, tables, ns)}
                if not optional:
                    a["required"] = True
                else:
                    a["optional"] = True
                    if e["name"] in OPTIONAL_COMPUTED:
                        a["computed"] = True
                attrs[e["name"]] = a
        # computed-only attributes: getters of the resource class / output reference that are
        # not configuration
        if computed_class_fqn and computed_class_fqn in self.types:
            config_camels = {e["camel"] for e in tables.get(owner_key, [])}
            for p in self.types[computed_class_fqn].get("properties", []):
                n = p["name"]
                if (p.get("static") or n in config_camels or n.endswith("Input")
                        or n in ("tfResourceType", "internalValue", "fqn", "creationStack")
                        or n.startswith("terraform") or n in ("node", "friendlyUniqueId",
                                                             "cdktfStack", "rawOverrides",
                                                             "connection", "count", "dependsOn",
                                                             "forEach", "lifecycle", "provider",
                                                             "provisioners", "terraformMetaArguments",
                                                             "terraformGeneratorMetadata")):
                    continue
                if not p.get("immutable"):
                    continue
                snake = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), n)
                if snake in attrs or snake in blocks:
                    continue
                jt = strip_union(p["type"])
                if "fqn" in jt and jt["fqn"].startswith(PKG):
                    t = self.computed_list_type(jt["fqn"])  # complex computed value
                else:
                    t = self.jsii_type_of(jt, tables, ns)
                attrs[snake] = {"type": t, "computed": True}
        return {"attributes": attrs, "block_types": blocks} if blocks else {"attributes": attrs}

    def computed_list_type(self, fqn):
        """A computed list of objects (class <X>List, elements <X>OutputReference): a list of
        objects of the element's getters; anything else (e.g. maps of objects): dynamic."""
        ref = fqn[: -len("List")] + "OutputReference" if fqn.endswith("List") else None
        if ref not in self.types:
            return "dynamic"
        fields = {}
        for p in self.types[ref].get("properties", []):
            if p.get("static") or not p.get("immutable") or p["name"] in ("fqn", "creationStack"):
                continue
            snake = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), p["name"])
            jt = strip_union(p["type"])
            if "fqn" in jt and jt["fqn"].startswith(PKG):
                fields[snake] = self.computed_list_type(jt["fqn"])
            else:
                fields[snake] = self.jsii_type_of(jt, {}, None)
        return ["list", ["object", fields]]

    def resource(self, tf_type, data=False):
        parts = tf_type[len("aws_"):].split("_")
        if data:
            parts = ["data", "aws"] + parts
        dirname = "-".join(parts)
        ns = lower_first(pascal(parts))
        cls = pascal(parts)
        with open(os.path.join(self.lib, dirname, "index.js")) as f:
            tables = parse_tables(f.read())
        cls_fqn = "%s.%s.%s" % (PKG, ns, cls)
        if cls_fqn not in self.types:
            raise SystemExit("no class %s for %s" % (cls_fqn, tf_type))
        return {"version": 0, "block": self.block(cls_fqn + "Config", "__resource__", tables, ns, cls_fqn)}

    def provider(self):
        with open(os.path.join(self.lib, "provider", "index.js")) as f:
            tables = parse_tables(f.read())
        fqn = PKG + ".provider.AwsProviderConfig"
        return {"version": 0, "block": self.block(fqn, "__resource__", tables, "provider")}


def unpack(tgz):
    with open(tgz, "rb") as f:
        got = "sha512-" + base64.b64encode(hashlib.sha512(f.read()).digest()).decode()
    if got != INTEGRITY:
        raise SystemExit("integrity mismatch for %s: %s" % (tgz, got))
    tmp = tempfile.mkdtemp(prefix="provider-aws-")
    with tarfile.open(tgz) as t:
        t.extractall(tmp, filter="data") if hasattr(tarfile, "data_filter") else t.extractall(tmp)
    return os.path.join(tmp, "package")


def main():
    pkgdir = sys.argv[1]
    if pkgdir.endswith(".tgz"):
        pkgdir = unpack(pkgdir)
    ex = Extractor(pkgdir)
    with open(os.path.join(pkgdir, "package.json")) as f:
        pj = json.load(f)
    out = {
        "format_version": "1.0",
        "source": "%s@%s (generated from %s %s)" % (
            pj["name"], pj["version"], pj["cdktf"]["provider"]["name"].split("/", 1)[-1] if
            pj["cdktf"]["provider"]["name"].count("/") == 2 else pj["cdktf"]["provider"]["name"],
            pj["cdktf"]["provider"]["version"]),
        "provider_version": pj["cdktf"]["provider"]["version"],
        "provider_schemas": {
            "registry.opentofu.org/hashicorp/aws": {
                "provider": ex.provider(),
                "resource_schemas": {t: ex.resource(t) for t in RESOURCE_TYPES},
                "data_source_schemas": {t: ex.resource(t, data=True) for t in DATA_SOURCE_TYPES},
            }
        },
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
