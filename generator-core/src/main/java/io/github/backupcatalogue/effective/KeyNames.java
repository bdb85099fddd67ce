package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Where a policy type's key names are identifiers that AWS matches regardless of case and shows
 * in lower case in the effective policy. Patterns are JSON pointers with {@code *} for any key.
 *
 * <p>Backup policies ("Backup policy syntax and examples"): the identifiers under
 * {@code selections.tags}, {@code recovery_point_tags} and {@code backup_plan_tags} are "the tag
 * key name in all lower case ... not case sensitive"; rule names are shown in lower case in every
 * documented effective backup policy ({@code "Hourly"} becomes {@code "hourly"}, Examples 1, 2, 3
 * and 5). Plan names and copy-action ARNs keep their case there.
 */
public record KeyNames(List<String> lowerCasePatterns) {

  /** Keys are matched and shown exactly as written. */
  public static final KeyNames AS_WRITTEN = new KeyNames(List.of());

  /** AWS Organizations BACKUP_POLICY. */
  public static final KeyNames BACKUP_POLICY = new KeyNames(List.of(
      "/plans/*/rules/*",
      "/plans/*/selections/tags/*",
      "/plans/*/rules/*/recovery_point_tags/*",
      "/plans/*/backup_plan_tags/*"));

  public KeyNames {
    lowerCasePatterns = List.copyOf(lowerCasePatterns);
  }

  /** {@link #BACKUP_POLICY} for a document with a top-level {@code plans} key, else {@link #AS_WRITTEN}. */
  public static KeyNames detect(JsonNode document) {
    return document != null && document.has("plans") ? BACKUP_POLICY : AS_WRITTEN;
  }

  /** The key as the effective policy holds it, given the keys above it. */
  String normalize(List<String> parents, String key) {
    for (String pattern : lowerCasePatterns) {
      String[] segments = pattern.substring(1).split("/");
      if (segments.length != parents.size() + 1) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < parents.size() && matches; i++) {
        matches = segments[i].equals("*") || segments[i].equals(parents.get(i));
      }
      if (matches) {
        return key.toLowerCase(Locale.ROOT);
      }
    }
    return key;
  }
}
