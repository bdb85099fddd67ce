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
    @Doc(value = "The account's name, used for the module directory.", pattern = "^[a-z0-9][a-z0-9_-]{0,62}$", example = "startup") @JsonProperty(required = true) String name,
    @Doc(value = "The 12-digit account id.", pattern = "^[0-9]{12}$", example = "\"012345678901\"") @JsonProperty(required = true) String id,
    @Doc(value = "The regions the account uses; the first is its home region.", example = "[eu-west-1]") @JsonProperty(required = true) List<String> regions) {

  public SingleAccount {
    regions = Immutables.list(regions);
  }
}
