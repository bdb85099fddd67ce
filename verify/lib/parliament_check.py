"""Runs parliament (core and community auditors) over policy documents.

stdin:  [{"id": "...", "text": "<policy JSON>"}, ...]
stdout: [{"id": "...", "findings": [{"issue", "severity", "title", "detail", "line", "column"}]}, ...]
"""
import json
import sys
from pathlib import Path

import parliament
from parliament import analyze_policy_string, enhance_finding, override_config


def _plain(value):
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)


def main():
    docs = json.load(sys.stdin)
    # as `parliament --include-community-auditors` does: their findings' severities
    override_config(Path(parliament.__file__).parent / "community_auditors" / "config_override.yaml")
    out = []
    for doc in docs:
        policy = analyze_policy_string(doc["text"], include_community_auditors=True)
        findings = []
        for f in policy.findings:
            f = enhance_finding(f)
            loc = f.location if isinstance(f.location, dict) else {}
            findings.append(
                {
                    "issue": f.issue,
                    "severity": f.severity,
                    "title": f.title,
                    "detail": _plain(f.detail),
                    "line": loc.get("line"),
                    "column": loc.get("column"),
                    "actions": _plain(loc.get("actions")),
                }
            )
        out.append({"id": doc["id"], "findings": findings})
    json.dump({"parliament_version": getattr(parliament, "__version__", "?"), "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
