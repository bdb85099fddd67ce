package io.github.backupcatalogue.catalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * A change to an inherited list: AWS's {@code @@assign} ({@code override}), {@code @@append}
 * ({@code append}) or {@code @@remove} ({@code remove}). Write one of them.
 *
 * @param override the list that replaces the inherited one
 * @param append values added to the inherited list
 * @param remove values removed from the inherited list
 */
public record ListChange(
    @Doc(value = "The list that replaces the inherited one (AWS's @@assign).", example = "[eu-west-1]") List<String> override,
    @Doc(value = "Values added to the inherited list (AWS's @@append).", example = "[eu-central-1]") List<String> append,
    @Doc(value = "Values removed from the inherited list (AWS's @@remove).", example = "[us-west-2]") List<String> remove) {

  public ListChange {
    override = override == null ? null : Immutables.list(override);
    append = Immutables.list(append);
    remove = Immutables.list(remove);
  }

  public boolean changesNothing() {
    return override == null && append.isEmpty() && remove.isEmpty();
  }

  /** The list after the change, as AWS merges it (append skips values already there). */
  public List<String> apply(List<String> inherited) {
    List<String> result = new ArrayList<>(override != null ? override : inherited);
    append.stream().filter(v -> !result.contains(v)).forEach(result::add);
    result.removeAll(remove);
    return List.copyOf(result);
  }
}
