package io.github.backupcatalogue.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" by edit distance, as compilers suggest a misspelt name.
 *
 * <p>Bounded whatever the input: a name longer than {@link #MAX_LENGTH} gets no suggestion (no
 * catalogue name is that long, so it is no typo), at most {@link #MAX_CANDIDATES} candidates are
 * compared, candidates whose length alone puts them out of reach are skipped, and the distance keeps
 * three rows, not a matrix, and stops as soon as it exceeds what could still be suggested.
 */
public final class Suggestions {

  /** Names longer than this get no suggestion. */
  public static final int MAX_LENGTH = 64;
  /** At most this many candidates are compared. */
  public static final int MAX_CANDIDATES = 2_000;

  private Suggestions() {}

  /** The candidate closest to {@code given}, if it is close enough to be a likely typo. */
  public static Optional<String> closest(String given, Collection<String> candidates) {
    if (given.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String lower = given.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, given.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int compared = 0;
    for (String candidate : candidates) {
      if (++compared > MAX_CANDIDATES) {
        break;
      }
      if (candidate.length() > MAX_LENGTH || Math.abs(candidate.length() - given.length()) > allowed) {
        continue;
      }
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT), allowed);
      if (distance < bestDistance || (distance == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance, with a transposition counting as one edit. */
  static int distance(String a, String b) {
    return distance(a, b, Integer.MAX_VALUE - 1);
  }

  /**
   * The distance, or some value above {@code limit} once it is certain to exceed it. Linear memory:
   * the previous two rows and the current one.
   */
  static int distance(String a, String b, int limit) {
    int[] before = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }
}
