package io.github.backupcatalogue.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Freemarker output format for Terraform files, modelled on Freemarker's {@code RTFOutputFormat}:
 * every {@code ${value}} in a {@code .tf.ftl} template is escaped for the inside of an HCL quoted
 * string. Quotes, backslashes and control characters get their escapes, and the template sequences
 * {@code ${} and {@code %{} are doubled, so no catalogue value can end a string, inject an
 * expression, or break a line.
 */
public final class HclOutputFormat extends CommonMarkupOutputFormat<HclOutputFormat.Markup> {

  public static final HclOutputFormat INSTANCE = new HclOutputFormat();

  private HclOutputFormat() {}

  @Override
  public String getName() {
    return "HCL";
  }

  @Override
  public String getMimeType() {
    return "text/x-hcl";
  }

  @Override
  public void output(String text, Writer out) throws IOException {
    out.write(escapePlainText(text));
  }

  @Override
  public String escapePlainText(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$', '%' -> out.append(ch).append(next == '{' ? String.valueOf(ch) : "");
        default -> {
          if (ch < 0x20 || ch == 0x7f || ch == '\u2028' || ch == '\u2029') {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Escapes text for the body of a heredoc ({@code <<-EOT}): only the template sequences are
   * special there, and each line gets the given indentation.
   */
  public static String escapeHeredoc(String text, int indent) {
    return escapeHeredoc(text, indent, List.of());
  }

  /**
   * Like {@link #escapeHeredoc(String, int)}, but an interpolation {@code ${reference}} of one of
   * {@code references} (exact Terraform expressions the caller put there) is kept.
   */
  public static String escapeHeredoc(String text, int indent, List<String> references) {
    String pad = " ".repeat(indent);
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(pad);
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if ((ch == '$' || ch == '%') && i + 1 < line.length() && line.charAt(i + 1) == '{') {
          String kept = ch == '$' ? keptReference(line, i, references) : null;
          if (kept != null) {
            out.append(kept);
            i += kept.length() - 1;
            continue;
          }
          out.append(ch);
        }
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static String keptReference(String line, int at, List<String> references) {
    for (String reference : references) {
      String interpolation = "${" + reference + "}";
      if (line.startsWith(interpolation, at)) {
        return interpolation;
      }
    }
    return null;
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Markup(plainTextContent, markupContent);
  }

  /** A piece of already-escaped HCL. */
  public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {

    Markup(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public HclOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
