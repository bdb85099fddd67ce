package io.github.backupcatalogue.catalogue;

import java.util.Map;

/**
 * Tag conditions of a selection; a resource must meet all of them. Keys are tag keys.
 *
 * @param tagEquals tag key -> value the tag must equal
 * @param tagNotEquals tag key -> value the tag must not equal
 * @param tagLike tag key -> pattern ({@code *} wildcards) the tag must match
 * @param tagNotLike tag key -> pattern the tag must not match
 */
public record Conditions(
    @Doc("Tag key -> value the tag must equal.") Map<String, String> tagEquals,
    @Doc("Tag key -> value the tag must not equal.") Map<String, String> tagNotEquals,
    @Doc("Tag key -> pattern (* wildcards) the tag must match.") Map<String, String> tagLike,
    @Doc("Tag key -> pattern the tag must not match.") Map<String, String> tagNotLike) {

  public Conditions {
    tagEquals = Immutables.map(tagEquals);
    tagNotEquals = Immutables.map(tagNotEquals);
    tagLike = Immutables.map(tagLike);
    tagNotLike = Immutables.map(tagNotLike);
  }

  public int count() {
    return tagEquals.size() + tagNotEquals.size() + tagLike.size() + tagNotLike.size();
  }
}
