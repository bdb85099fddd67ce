// The compliance report as its readers see it: the committed expected report of the regulated-org
// sample, loaded in a real headless Chromium (Debian's chromium-headless-shell, installed by
// verify/setup.sh), whose rendered DOM must hold the report's facts and which must load nothing
// but the file itself. BACKUP_CATALOGUE_UPDATE_SCREENSHOT=1 also refreshes docs/compliance-report.png.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { VERIFY_DIR } from "../lib/testkit.mjs";

const REPO = path.resolve(VERIFY_DIR, "..");
const REPORT = path.join(REPO, "generator-core/src/test/resources/golden/regulated-org/compliance-report.html");
const BROWSERS = ["chromium-headless-shell", "chromium"];

function browser() {
  for (const name of BROWSERS) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (found.status === 0) return found.stdout.trim();
  }
  throw new Error(`no headless Chromium (${BROWSERS.join(" or ")}): run verify/setup.sh, which installs Debian's chromium-headless-shell`);
}

function chromium(args) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "report-chromium-"));
  try {
    // --host-resolver-rules: any host name fails to resolve, so an external asset could not load even if
    // the page named one; --enable-logging logs every network request, which must not happen at all.
    const run = spawnSync(browser(), ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      `--user-data-dir=${profile}`, "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=1", ...args],
    { encoding: "utf8", timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.status, 0, `chromium failed: ${run.stderr.slice(-2000)}`);
    return run;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

describe("compliance report in a headless browser", () => {
  const url = "file://" + REPORT;

  test("shows the organization summary, every account, its scorecard, verdicts and plan facts", () => {
    const dom = chromium(["--dump-dom", url]).stdout;
    const text = dom.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    assert.match(dom, /<p class="summary" id="summary">4 accounts in scope; 10 controls declared: 7 checked before apply \(all pass\), 3 checked by AWS after apply only;/);
    for (const account of ["central-backup", "ledger-prod", "payments-prod", "reporting-dev"]) {
      assert.match(dom, new RegExp(`<section class="account" id="account-${account}">`), account);
    }
    assert.match(text, /BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK passes/);
    assert.match(text, /RESTORE_TIME_FOR_RESOURCES_MEET_TARGET after apply/);
    assert.match(text, /every day at 02:00 UTC; cold storage after 30 days, kept 400 days/);
    assert.match(text, /CentralVault in central-backup \(333333333333\); compliance lock \(retention 35-3650 days, immutable after 3 days\)/);
    assert.match(text, /3-2-1-1 met by 2 of 4; restore-tested: 3 of 4\./);
    assert.match(text, /0 untested restore-tested by restore_testing\.WeeklyRestoreTest, line 130/);
    assert.match(text, /plans\.Production_Daily, line 59/);
  });

  test("is self-contained: no scripts, links, images or URLs, and the browser requests nothing", () => {
    const source = fs.readFileSync(REPORT, "utf8");
    assert.doesNotMatch(source, /<script|<link|<img|<iframe|@import|url\(|https?:\/\//i);
    const run = chromium(["--dump-dom", url]);
    const requests = run.stderr.split("\n").filter((l) => /(https?|wss?|ftp):\/\//.test(l) && /request|url|navigat/i.test(l));
    assert.deepEqual(requests, []);
  });

  test("renders to a screenshot", () => {
    const out = process.env.BACKUP_CATALOGUE_UPDATE_SCREENSHOT === "1"
      ? path.join(REPO, "docs/compliance-report.png")
      : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-shot-")), "report.png");
    chromium([`--screenshot=${out}`, "--window-size=1100,1600", "--hide-scrollbars", url]);
    const png = fs.readFileSync(out);
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    assert.ok(png.length > 20000, `screenshot is only ${png.length} bytes`);
  });
});
