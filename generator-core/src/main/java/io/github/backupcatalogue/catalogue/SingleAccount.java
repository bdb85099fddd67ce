package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The one account of a catalogue without an organization.
 *
 * @param name the account's name, used for the module directory
 * @param id the 12-digit account id
 * @param regions the regions the account uses; the first is its home region
 */
public record SingleAccount(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) String id,
    @JsonProperty(required = true) List<String> regions) {

  public SingleAccount {
    regions = Immutables.list(regions);
  }
}
