package io.github.backupcatalogue.properties;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes every string of a generated .tf file as HashiCorp's HCL parser does (hclsyntax spec:
 * quoted templates with their escapes, flush heredocs, {@code $${} and {@code %%{} as literal
 * {@code ${} and {@code %{}, and NFC normalisation of the result). Interpolations are kept as a
 * marker. Throws on what HCL would reject (an unknown escape, an unterminated string), so the
 * property sees malformed output. The verify tier checks the same batch with HashiCorp's own parser.
 */
final class HclStrings {

  static final String INTERPOLATION = "\u0000interpolation";

  private HclStrings() {}

  /** A decoded string, and whether it was a heredoc (the generator's heredocs are JSON documents). */
  record Decoded(String value, boolean heredoc) {}

  /** Quoted strings and heredoc bodies of the file, decoded. */
  static List<Decoded> decode(String tf) {
    List<Decoded> strings = new ArrayList<>();
    int i = 0;
    int n = tf.length();
    while (i < n) {
      char c = tf.charAt(i);
      if (c == '#' || (c == '/' && i + 1 < n && tf.charAt(i + 1) == '/')) {
        while (i < n && tf.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"') {
        StringBuilder out = new StringBuilder();
        i = quoted(tf, i + 1, out);
        strings.add(new Decoded(Normalizer.normalize(out, Normalizer.Form.NFC), false));
      } else if (c == '<' && tf.startsWith("<<-", i) || c == '<' && tf.startsWith("<<", i) && i + 2 < n
          && Character.isLetter(tf.charAt(i + 2))) {
        boolean flush = tf.startsWith("<<-", i);
        int start = i + (flush ? 3 : 2);
        int eol = tf.indexOf('\n', start);
        String marker = tf.substring(start, eol).strip();
        List<String> lines = new ArrayList<>();
        int pos = eol + 1;
        while (true) {
          int end = tf.indexOf('\n', pos);
          if (end < 0) {
            throw new IllegalArgumentException("unterminated heredoc " + marker);
          }
          String line = tf.substring(pos, end);
          pos = end + 1;
          if (line.strip().equals(marker)) {
            break;
          }
          lines.add(line);
        }
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
          if (!line.isBlank()) {
            indent = Math.min(indent, line.length() - line.stripLeading().length());
          }
        }
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
          body.append(flush && line.length() >= indent ? line.substring(indent) : line).append('\n');
        }
        strings.add(new Decoded(Normalizer.normalize(templateLiterals(body.toString()), Normalizer.Form.NFC), true));
        i = pos;
      } else {
        i++;
      }
    }
    return strings;
  }

  /** Reads a quoted template from {@code i} (after the opening quote) into {@code out}; returns the index after the closing quote. */
  private static int quoted(String tf, int i, StringBuilder out) {
    while (true) {
      if (i >= tf.length() || tf.charAt(i) == '\n') {
        throw new IllegalArgumentException("unterminated string at " + i);
      }
      char c = tf.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        char e = tf.charAt(i + 1);
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case 'u' -> {
            out.append((char) Integer.parseInt(tf.substring(i + 2, i + 6), 16));
            i += 4;
          }
          case 'U' -> {
            out.appendCodePoint(Integer.parseInt(tf.substring(i + 2, i + 10), 16));
            i += 8;
          }
          default -> throw new IllegalArgumentException("invalid escape \\" + e);
        }
        i += 2;
      } else if ((c == '$' || c == '%') && tf.startsWith(c + "" + c + "{", i)) {
        out.append(c).append('{');
        i += 3;
      } else if ((c == '$' || c == '%') && i + 1 < tf.length() && tf.charAt(i + 1) == '{') {
        int depth = 0;
        do {
          char d = tf.charAt(i);
          depth += d == '{' ? 1 : d == '}' ? -1 : 0;
          i++;
        } while (depth > 0);
        out.append(INTERPOLATION);
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** A heredoc body's literal text: only the template sequences are special. */
  private static String templateLiterals(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if ((c == '$' || c == '%') && body.startsWith(c + "" + c + "{", i)) {
        out.append(c).append('{');
        i += 2;
      } else if ((c == '$' || c == '%') && i + 1 < body.length() && body.charAt(i + 1) == '{') {
        int depth = 0;
        do {
          char d = body.charAt(i);
          depth += d == '{' ? 1 : d == '}' ? -1 : 0;
          i++;
        } while (depth > 0);
        i--;
        out.append(INTERPOLATION);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
