package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.plan.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2, validate: every rule AWS would otherwise enforce only at {@code terraform apply} or,
 * worse, when a backup job runs. Reports all problems in one pass; each diagnostic points at the
 * value it is about. See the README's table of codes.
 *
 * <p>The rules live in classes by concern (ShapeRules, RoleRules, VaultRules, PlanRules, ...), each
 * with its codes, messages and hints; this class runs them in a fixed order, which is the order of
 * the diagnostics.
 */
public final class CatalogueValidator {

  public static final int MAX_DELEGATED_ADMINISTRATORS = 5;
  /** Longest time zone name looked up (the longest IANA name has 32 characters). */
  public static final int MAX_TIME_ZONE_LENGTH = 50;

  private final SourceMap sourceMap;
  /** "Now", for schedules that fire only in past years (BC208) and their gaps (BC307). */
  private final Clock clock;
  private final List<Diagnostic> problems = new ArrayList<>();

  public CatalogueValidator(SourceMap sourceMap) {
    this(sourceMap, Clock.systemUTC());
  }

  /** A validator whose "now" is {@code clock}'s, so that tests are deterministic. */
  public CatalogueValidator(SourceMap sourceMap, Clock clock) {
    this.sourceMap = sourceMap;
    this.clock = clock;
  }

  /** All problems of the catalogue; none means generation may go ahead. */
  public List<Diagnostic> validate(Catalogue catalogue) {
    new ShapeRules(sourceMap, problems).check(catalogue);
    new RoleRules(sourceMap, problems).check(catalogue);
    new StateRules(sourceMap, problems).check(catalogue);
    new VaultRules(sourceMap, problems).check(catalogue);
    new NotificationRules(sourceMap, problems).check(catalogue);
    new PlanRules(sourceMap, problems, clock).check(catalogue);
    new MalwareScanRules(sourceMap, problems).check(catalogue);
    new RestoreTestingRules(sourceMap, problems, clock).check(catalogue);
    if (catalogue.organization() != null) {
      new OrganizationStructureRules(sourceMap, problems).check(catalogue, catalogue.organization());
      new PolicyRules(sourceMap, problems).check(catalogue, catalogue.organization());
      new PolicyExtensionRules(sourceMap, problems).check(catalogue, catalogue.organization());
    }
    new ClassificationRules(sourceMap, problems).check(catalogue);
    new CopyWiringRules(sourceMap, problems).check(catalogue);
    new PipelineRules(sourceMap, problems).check(catalogue);
    problems.addAll(AwsStrings.check(catalogue, sourceMap));
    ControlRules controlRules = new ControlRules(sourceMap, problems, clock);
    controlRules.checkDeclarations(catalogue);
    OrganizationRules organizationRules = new OrganizationRules(sourceMap);
    if (problems.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
      problems.addAll(organizationRules.check(catalogue));
    }
    if (problems.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
      new StateRules(sourceMap, problems).checkStateIsChosen(catalogue);
      new ScopeRules(sourceMap, problems).check(catalogue);
      if (catalogue.organization() != null) {
        new PolicyExtensionRules(sourceMap, problems).checkEffective(catalogue);
      }
      problems.addAll(organizationRules.checkScope(catalogue, Scope.of(catalogue)));
    }
    if (problems.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
      controlRules.evaluate(catalogue);
    }
    return List.copyOf(problems);
  }
}
