package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deployment.state and organization.decommissioned: each rule's exact message and place, on a planted fault. */
class StateRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  /** The base catalogue with deployment.state (line 15) before settings. */
  static String withState(String state) {
    return organizationWith("settings:\n", "deployment:\n  state: " + state + "\nsettings:\n");
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("{backend: s3, region: eu-west-1}", F + "16:3: error[BC120]: backend s3 needs the bucket"),
        Arguments.of("{backend: s3, bucket: acme-state}", F + "16:3: error[BC120]: backend s3 needs the bucket's region"),
        Arguments.of("{backend: s3, bucket: Acme_State, region: eu-west-1}", F + "16:32: error[BC121]: 'Acme_State' is "
            + "not an S3 bucket name: it must be 3-63 lower-case letters, digits, dots and hyphens, beginning and ending "
            + "with a letter or digit"),
        Arguments.of("{backend: s3, bucket: acme..state, region: eu-west-1}", F + "16:32: error[BC121]: 'acme..state' "
            + "is not an S3 bucket name: it must not have two dots in a row"),
        Arguments.of("{backend: s3, bucket: 192.168.1.10, region: eu-west-1}", F + "16:32: error[BC121]: '192.168.1.10' "
            + "is not an S3 bucket name: it must not look like an IP address"),
        Arguments.of("{backend: s3, bucket: xn--state, region: eu-west-1}", F + "16:32: error[BC121]: 'xn--state' is "
            + "not an S3 bucket name: it must not start with xn--, sthree-, amzn-s3-demo- (reserved by S3)"),
        Arguments.of("{backend: s3, bucket: acme-state, region: eu-wset-1}", F + "16:52: error[BC106]: 'eu-wset-1' is "
            + "not an AWS region; did you mean 'eu-west-1'?"),
        Arguments.of("{backend: s3, bucket: acme-state, region: eu-west-1, key_prefix: /infra/}", F + "16:75: "
            + "error[BC123]: key_prefix '/infra/' cannot start a state object key as written"),
        Arguments.of("{backend: s3, bucket: acme-state, region: eu-west-1, key_prefix: a//b}", F + "16:75: "
            + "error[BC123]: key_prefix 'a//b' cannot start a state object key as written"),
        Arguments.of("{backend: s3, bucket: acme-state, region: eu-west-1, role_arn: TerraformState}", F + "16:73: "
            + "error[BC124]: 'TerraformState' is not an IAM role ARN"),
        Arguments.of("{backend: none, bucket: acme-state}", F + "16:26: error[BC120]: bucket is set but backend is none, "
            + "so nothing uses it"),
        Arguments.of("{backend: none}", F + "16:20: warning[BC320]: state backend none: every module keeps its Terraform "
            + "state in a local terraform.tfstate, which is lost with the checkout and cannot be shared or locked"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachStateFaultIsReportedWhereItIs(String state, String expected) {
    assertThat(headlines(withState(state))).contains(expected);
  }

  @Test
  void aGoodS3StateAddsNoDiagnostic() {
    assertThat(headlines(withState("{backend: s3, bucket: acme-state, region: eu-west-1, key_prefix: infra/backup, "
        + "role_arn: 'arn:aws:iam::111111111111:role/TerraformState'}")))
        .isEqualTo(headlines(organizationWith("settings:\n", "\n\nsettings:\n")).stream()
            .filter(h -> !h.equals(Catalogues.NO_STATE)).toList());
  }

  /** Without deployment.state an organization's modules keep local state: warned like backend none, once valid. */
  @Test
  void anOrganizationWithoutStateIsWarnedOnItsDeploymentOrOrganizationKey() {
    assertThat(headlines(Catalogues.ORGANIZATION)).contains(Catalogues.NO_STATE);
    assertThat(headlines(organizationWith("settings:\n", "deployment:\n  assume_role_name: OrganizationAccountAccessRole\nsettings:\n")))
        .contains(F + "15:1: warning[BC375]: deployment has no state: every module of this organization keeps its Terraform "
            + "state in a local terraform.tfstate, which is lost with the checkout and cannot be shared or locked");
    // backend none says so itself (BC320); a chosen backend is no warning
    assertThat(headlines(withState("{backend: none}"))).noneMatch(h -> h.contains("BC375")).anyMatch(h -> h.contains("BC320"));
    assertThat(headlines(withState("{backend: s3, bucket: acme-state, region: eu-west-1}"))).noneMatch(h -> h.contains("BC375"));
    // a catalogue with errors gets them first, not this
    assertThat(headlines(organizationWith("vault: Local\n", "vault: Lcoal\n"))).noneMatch(h -> h.contains("BC375"));
    // acknowledged on the organization key
    assertThat(headlines(Catalogues.ORGANIZATION + "acknowledge:\n  - {code: BC375, at: organization, reason: wrapper}\n"))
        .contains(Catalogues.NO_STATE.replace("warning[BC375]", "note[BC375]") + " (acknowledged: wrapper)");
  }

  static String decommissioned(String entries) {
    return organizationWith("  accounts:\n", "  decommissioned:\n" + entries + "  accounts:\n");
  }

  @Test
  void aDecommissionedAccountMustHaveLeftTheOrganization() {
    assertThat(headlines(decommissioned("    app: {id: \"555566667777\", reason: closed}\n")))
        .contains(F + "11:5: error[BC125]: account 'app' is decommissioned and still in organization.accounts");
    assertThat(headlines(decommissioned("    old-app: {id: \"345678901234\", reason: closed}\n")))
        .contains(F + "11:19: error[BC125]: account id 345678901234 of decommissioned 'old-app' is still in the "
            + "organization under another name");
  }

  @Test
  void aDecommissionedAccountSaysWhy() {
    assertThat(headlines(decommissioned("    old-app: {id: \"555566667777\", reason: \" \"}\n")))
        .contains(F + "11:43: error[BC126]: decommissioned account 'old-app' gives no reason");
    assertThat(headlines(decommissioned("    old-app: {id: \"55556666777\", reason: closed}\n")))
        .anyMatch(h -> h.startsWith(F + "11:19: error[BC101]: account id '55556666777' is not 12 digits"));
    assertThat(headlines(decommissioned("    old-app: {id: \"555566667777\", reason: closed}\n")))
        .noneMatch(h -> h.contains("BC12") || h.contains("decommission"));
  }
}
