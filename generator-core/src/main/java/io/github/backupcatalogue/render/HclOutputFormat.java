package io.github.backupcatalogue.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

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
   * Escapes a JSON document for the body of a heredoc ({@code <<-EOT}): only the template sequences
   * are special there, and each line gets the given indentation.
   *
   * <p>HashiCorp's parser normalises every string it reads to Unicode NFC, a heredoc body included,
   * and a heredoc has no escapes of its own. The catalogue's strings are NFC (the loader checks), but
   * JSON's escapes put ASCII letters before what follows them: {@code \n} then U+0301 would become
   * {@code \}{@code ń} and break the document. So a character that would combine with the one
   * before it is written as a JSON {@code \}{@code uXXXX} escape, which is the same JSON: such a
   * character is never ASCII, so it can only be inside a JSON string.
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
      String stable = nfcStable(line);
      out.append(pad);
      for (int i = 0; i < stable.length(); i++) {
        char ch = stable.charAt(i);
        if ((ch == '$' || ch == '%') && i + 1 < stable.length() && stable.charAt(i + 1) == '{') {
          String kept = ch == '$' ? keptReference(stable, i, references) : null;
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

  /** The JSON text with every character that NFC would combine with its predecessor written as an escape. */
  static String nfcStable(String json) {
    if (Normalizer.isNormalized(json, Normalizer.Form.NFC)) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length() + 16);
    int previous = -1;
    for (int i = 0; i < json.length(); ) {
      int cp = json.codePointAt(i);
      i += Character.charCount(cp);
      if (previous >= 0 && cp >= 0x80
          && !Normalizer.isNormalized(new StringBuilder().appendCodePoint(previous).appendCodePoint(cp), Normalizer.Form.NFC)) {
        for (char unit : Character.toChars(cp)) {
          out.append(String.format(Locale.ROOT, "\\u%04x", (int) unit));
        }
        previous = '0';
      } else {
        out.appendCodePoint(cp);
        previous = cp;
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
