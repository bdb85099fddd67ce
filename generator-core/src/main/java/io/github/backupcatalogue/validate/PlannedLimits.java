package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.plan.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's size limits, checked on the planned documents exactly as they will be sent: an organization
 * backup policy (10,000 characters, minified by jsonencode), a KMS key policy (32 KB; the provider
 * normalises the heredoc's JSON to compact form before it calls KMS, so that is what is measured)
 * and the baseline StackSet's template (51,200 bytes of template body). Runs after planning, which needs a valid catalogue; the facade runs it before
 * anything is rendered or written.
 */
public final class PlannedLimits {

  /** AWS Organizations' limit for one policy document, whitespace included. */
  public static final int POLICY_SIZE_LIMIT = 10_000;
  /** Above this a warning says the policy is close to the limit. */
  public static final int POLICY_SIZE_WARNING = 9_000;
  /** AWS KMS's limit for one key policy document, in bytes. */
  public static final int KEY_POLICY_SIZE_LIMIT = 32_768;
  /** AWS CloudFormation's limit for a template passed as a body, in bytes. */
  public static final int TEMPLATE_BODY_LIMIT = 51_200;

  private PlannedLimits() {}

  public static List<Diagnostic> check(Model.Output output, SourceMap sourceMap) {
    List<Diagnostic> problems = new ArrayList<>();
    for (Model.Module module : output.modules()) {
      for (Model.OrgPolicy policy : module.policies()) {
        var at = sourceMap.key(JsonPointer.compile("/policies").appendProperty(policy.name()));
        if (policy.length() > POLICY_SIZE_LIMIT) {
          problems.add(new Diagnostic(Severity.ERROR, "BC251", at, "policy '" + policy.name() + "' is " + policy.length()
              + " characters as sent to AWS; the limit is " + POLICY_SIZE_LIMIT, "split its plans over two policies"));
        } else if (policy.length() > POLICY_SIZE_WARNING) {
          problems.add(new Diagnostic(Severity.WARNING, "BC252", at, "policy '" + policy.name() + "' is " + policy.length()
              + " characters as sent to AWS, close to the limit of " + POLICY_SIZE_LIMIT, "consider splitting its plans"));
        }
      }
      for (Model.Key key : module.keys()) {
        int size = key.policy().sentBytes();
        if (size > KEY_POLICY_SIZE_LIMIT) {
          problems.add(new Diagnostic(Severity.ERROR, "BC253", sourceMap.key(JsonPointer.compile("/vaults").appendProperty(key.vault())),
              "the key policy of vault '" + key.vault() + "' in " + module.accountName() + " (" + key.region() + ") is " + size
                  + " bytes; AWS KMS allows " + KEY_POLICY_SIZE_LIMIT,
              "it names the backup role of every account copying into the vault: split those accounts over several "
                  + "central vaults (e.g. one per OU)"));
        }
      }
      if (module.stackSet() != null && module.stackSet().template().sentBytes() > TEMPLATE_BODY_LIMIT) {
        problems.add(new Diagnostic(Severity.ERROR, "BC254", sourceMap.key(JsonPointer.compile("/organization/baseline")),
            "the baseline StackSet's template is " + module.stackSet().template().sentBytes()
                + " bytes; AWS CloudFormation allows " + TEMPLATE_BODY_LIMIT + " bytes of template body",
            "fewer member vaults or regions for the baseline OUs"));
      }
    }
    return problems;
  }
}
