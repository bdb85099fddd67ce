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
    Map<String, String> tagEquals,
    Map<String, String> tagNotEquals,
    Map<String, String> tagLike,
    Map<String, String> tagNotLike) {

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
