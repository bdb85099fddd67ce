package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An organizational unit.
 *
 * @param id the OU id, {@code ou-...}
 * @param parent the parent OU's name, or {@code root}
 */
public record OrganizationalUnit(
    @Doc(value = "The OU id, ou-...", pattern = "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$", example = "ou-a1b2-22222222") @JsonProperty(required = true) String id,
    @Doc(value = "The parent OU's name, or root.", defaultValue = "root", example = "workloads") String parent) {

  public OrganizationalUnit {
    parent = Immutables.orDefault(parent, Organization.ROOT);
  }
}
