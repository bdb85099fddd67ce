package io.github.backupcatalogue.plan;

/**
 * Terraform resource names from catalogue names. Names keep their letters, digits, {@code _} and
 * {@code -} (all valid in Terraform identifiers); anything else becomes {@code _xNN_} (its code in
 * hex), so two different names never share an identifier. A leading digit gets an {@code n_} prefix.
 */
public final class Identifiers {

  private Identifiers() {}

  /** A resource that exists once per region: {@code <name>_<region with underscores>}. */
  public static String regional(String name, String region) {
    return of(name) + "_" + region.replace('-', '_');
  }

  public static String of(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-') {
        out.append(ch);
      } else {
        out.append("_x").append(Integer.toHexString(ch)).append('_');
      }
    }
    if (out.length() == 0 || !Character.isLetter(out.charAt(0)) && out.charAt(0) != '_') {
      out.insert(0, "n_");
    }
    return out.toString();
  }
}
