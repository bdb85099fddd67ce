package io.github.backupcatalogue.catalogue;

import java.util.Map;

/**
 * How the generated modules reach their accounts.
 *
 * @param assumeRoleName the role each module's providers assume in its account, e.g.
 *     {@code OrganizationAccountAccessRole}; none when the pipeline's credentials already are the
 *     account's
 * @param managementAssumeRoleName the role assumed in the management account; none (the default)
 *     uses the pipeline's credentials as they are, since Organizations creates no
 *     {@code OrganizationAccountAccessRole} there
 * @param tags tags every generated resource carries (the provider's default_tags)
 * @param pipelines the CI pipelines generated next to the modules
 */
public record Deployment(
    @Doc(value = "The role each module's providers assume in its account, e.g. OrganizationAccountAccessRole; none when the pipeline's credentials already are the account's.", pattern = "^[\\w+=,.@-]{1,64}$", example = "OrganizationAccountAccessRole") String assumeRoleName,
    @Doc(value = "The role assumed in the management account; none (the default) uses the pipeline's credentials as they are, since Organizations creates no OrganizationAccountAccessRole there.", pattern = "^[\\w+=,.@-]{1,64}$", example = "BackupCatalogueDeployer") String managementAssumeRoleName,
    @Doc(value = "Tags every generated resource carries (the provider's default_tags).", defaultValue = "{}", example = "{cost-centre: platform}") Map<String, String> tags,
    @Doc("The CI pipelines generated next to the modules (GitHub Actions, GitLab CI, Atlantis): plan on pull requests, apply on the default branch, level by level of apply-order.json.") Pipelines pipelines) {

  public Deployment {
    tags = Immutables.map(tags);
    pipelines = Immutables.orDefault(pipelines, Pipelines.none());
  }
}
