package io.github.backupcatalogue.catalogue;

import java.util.Map;

/**
 * How the generated modules reach their accounts.
 *
 * @param assumeRoleName the role each module's providers assume in its account, e.g.
 *     {@code OrganizationAccountAccessRole}; none when the pipeline's credentials already are the
 *     account's
 * @param tags tags every generated resource carries (the provider's default_tags)
 */
public record Deployment(String assumeRoleName, Map<String, String> tags) {

  public Deployment {
    tags = Immutables.map(tags);
  }
}
