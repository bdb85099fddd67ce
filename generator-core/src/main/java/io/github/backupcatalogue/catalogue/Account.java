package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An AWS account of the organization.
 *
 * @param id the 12-digit account id (quote it in YAML)
 * @param ou the name of the OU the account is in, or {@code root}
 * @param regions the regions the account uses; the first is its home region
 */
public record Account(@JsonProperty(required = true) String id, String ou, List<String> regions) {

  public Account {
    ou = Immutables.orDefault(ou, Organization.ROOT);
    regions = Immutables.list(regions);
  }
}
