package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Logically air-gapped vaults: each rule's exact message at its exact line and column. */
class AirGapRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  /** The organization catalogue whose copies go to an air-gapped vault in the central account instead. */
  static final String WITH_AIR_GAP = Catalogues.organizationWith("""
        Central:
          location: central_account
          lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}
      """, """
        Central:
          location: central_account
          air_gapped: {min_retention_days: 30, max_retention_days: 3650}
      """);

  static String with(String from, String to) {
    if (!WITH_AIR_GAP.contains(from)) {
      throw new IllegalArgumentException("not in the catalogue: " + from);
    }
    return WITH_AIR_GAP.replace(from, to);
  }

  @Test
  void theCatalogueWithAnAirGappedVaultAddsNoDiagnostic() {
    assertThat(headlines(WITH_AIR_GAP)).isEqualTo(headlines(Catalogues.ORGANIZATION));
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("min retention at least 7", "min_retention_days: 30, max", "min_retention_days: 3, max",
            F + "22:38: error[BC520]: min_retention_days is 3; an air-gapped vault keeps recovery points at least 7 days"),
        Arguments.of("min <= max", "max_retention_days: 3650}", "max_retention_days: 20}",
            F + "22:62: error[BC520]: max_retention_days (20) is less than min_retention_days (30)"),
        Arguments.of("no separate lock", "    air_gapped: {min_retention_days: 30, max_retention_days: 3650}\n",
            "    air_gapped: {min_retention_days: 30, max_retention_days: 3650}\n    lock: {mode: governance, min_retention_days: 30}\n",
            F + "23:5: error[BC521]: an air-gapped vault has no separate lock: AWS locks it in compliance mode with air_gapped's retentions"),
        Arguments.of("no AWS managed key", "    air_gapped: {min_retention_days: 30, max_retention_days: 3650}\n",
            "    air_gapped: {min_retention_days: 30, max_retention_days: 3650}\n    encryption: {key: aws_managed}\n",
            F + "23:23: error[BC522]: an air-gapped vault is encrypted with an AWS owned key or a customer-managed key, not the AWS managed key"),
        Arguments.of("in the central account", "    location: central_account\n    air_gapped", "    air_gapped",
            F + "21:5: error[BC523]: air-gapped vault 'Central' must live in the central account: it receives copies"),
        Arguments.of("shared with known accounts", "max_retention_days: 3650}", "max_retention_days: 3650, share_with: [ap]}",
            F + "22:81: error[BC152]: unknown account 'ap'; did you mean 'app'?"),
        Arguments.of("copies only", "vault: Local\n", "vault: Central\n",
            F + "30:16: error[BC233]: rule 'Nightly' backs up into central vault 'Central'; a rule's vault must be in the same account as the resources"),
        Arguments.of("copy retention inside the air-gapped vault's bounds", "lifecycle: {delete_after_days: 365}",
            "lifecycle: {delete_after_days: 4000}",
            F + "33:44: error[BC214]: copies kept 4000 days go to vault 'Central', whose lock allows at most 3650 days; every job would fail"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsExactMessageAndPosition(String rule, String from, String to, String expected) {
    assertThat(headlines(with(from, to))).contains(expected);
  }
}
