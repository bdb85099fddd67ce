package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An organizational unit.
 *
 * @param id the OU id, {@code ou-...}
 * @param parent the parent OU's name, or {@code root}
 */
public record OrganizationalUnit(@JsonProperty(required = true) String id, String parent) {

  public OrganizationalUnit {
    parent = Immutables.orDefault(parent, Organization.ROOT);
  }
}
