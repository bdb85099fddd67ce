package io.github.backupcatalogue.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts rendered Terraform into {@code terraform fmt}'s canonical layout, so templates (the built-in
 * ones and users' overrides) need not count spaces: the {@code =} of consecutive single-line
 * attributes at one indentation is aligned (a heredoc attribute counts as single-line and its body
 * does not break the run; an attribute opening a multi-line object or list, a block, a comment or a
 * blank line ends the run), trailing blanks go, runs of blank lines collapse to one, no blank line
 * follows an opening brace or precedes a closing one, and the file ends with one newline.
 *
 * <p>Each line is read by a hand-written linear scan (no regular expression, so no backtracking and
 * no recursion: a quoted key of any length is fine), once.
 */
public final class HclFormatter {

  /** One extended grapheme cluster (UAX #29), for keys that are not plain ASCII. */
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private HclFormatter() {}

  public static String format(String source) {
    List<String> lines = normalizeBlankLines(source);
    int count = lines.size();
    String[] out = lines.toArray(new String[0]);
    // For attribute lines: where the name ends and the value starts; -1 elsewhere.
    int[] nameEnd = new int[count];
    int[] valueStart = new int[count];
    int[] indent = new int[count];
    int runStart = -1;
    int runIndent = -1;
    String heredocEnd = null;
    for (int i = 0; i < count; i++) {
      String line = out[i];
      nameEnd[i] = -1;
      if (heredocEnd != null) {
        if (line.trim().equals(heredocEnd)) {
          heredocEnd = null;
        }
        continue; // a heredoc body neither joins nor ends a run
      }
      boolean attribute = parseAttribute(line, i, indent, nameEnd, valueStart);
      boolean single = attribute && !opensCollection(line, valueStart[i]);
      if (single && indent[i] == runIndent) {
        // continues the run
      } else {
        closeRun(out, runStart, i, nameEnd, valueStart, indent);
        runStart = -1;
        runIndent = -1;
        if (single) {
          runStart = i;
          runIndent = indent[i];
        }
      }
      if (!single) {
        nameEnd[i] = -1; // not part of any run
      }
      if (attribute) {
        heredocEnd = heredocLabel(line, valueStart[i]);
      }
    }
    closeRun(out, runStart, count, nameEnd, valueStart, indent);
    StringBuilder result = new StringBuilder(source.length() + 64);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        result.append('\n');
      }
      result.append(out[i]);
    }
    return result.append('\n').toString();
  }

  /**
   * {@code ^( *)([A-Za-z_][A-Za-z0-9_-]*|"(?:[^"\\]|\\.)*") *= *(.*)$}, by hand, in one pass. The
   * {@code =} must not begin {@code ==} or {@code =>} (a comparison or a for expression's arrow is
   * not an assignment, as in hclwrite's lexer).
   */
  private static boolean parseAttribute(String line, int i, int[] indent, int[] nameEnd, int[] valueStart) {
    int n = line.length();
    int p = 0;
    while (p < n && line.charAt(p) == ' ') {
      p++;
    }
    indent[i] = p;
    if (p == n) {
      return false;
    }
    char first = line.charAt(p);
    int end;
    if (first == '"') {
      int q = p + 1;
      end = -1;
      while (q < n) {
        char c = line.charAt(q);
        if (c == '\\') {
          if (q + 1 >= n) {
            return false;
          }
          q += 2;
        } else if (c == '"') {
          end = q + 1;
          break;
        } else {
          q++;
        }
      }
      if (end < 0) {
        return false;
      }
    } else if (isIdentifierStart(first)) {
      int q = p + 1;
      while (q < n && (isIdentifierStart(line.charAt(q)) || isDigit(line.charAt(q)) || line.charAt(q) == '-')) {
        q++;
      }
      end = q;
    } else {
      return false;
    }
    int q = end;
    while (q < n && line.charAt(q) == ' ') {
      q++;
    }
    if (q >= n || line.charAt(q) != '=' || (q + 1 < n && (line.charAt(q + 1) == '=' || line.charAt(q + 1) == '>'))) {
      return false;
    }
    q++;
    while (q < n && line.charAt(q) == ' ') {
      q++;
    }
    nameEnd[i] = end;
    valueStart[i] = q;
    return true;
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value's last non-blank character opens an object, a list or a call. */
  private static boolean opensCollection(String line, int valueStart) {
    int e = line.length();
    while (e > valueStart && Character.isWhitespace(line.charAt(e - 1))) {
      e--;
    }
    if (e == valueStart) {
      return false;
    }
    char last = line.charAt(e - 1);
    return last == '{' || last == '[' || last == '(';
  }

  /**
   * Aligns the run of attribute lines [start, end): each name is padded to the widest, counted as
   * {@code terraform fmt} counts. hclwrite's {@code formatCells} pads the {@code =} to
   * {@code maxColumns - lead.Columns() + 1}, and {@code Tokens.Columns()} (hashicorp/hcl,
   * hclwrite/tokens.go) counts "the number of columns (grapheme clusters)" of the tokens' bytes
   * with {@code textseg.TokenCount(token.Bytes, textseg.ScanGraphemeClusters)}: not bytes, not UTF-16
   * units. Lines inside a heredoc body have no name end and are skipped.
   */
  private static void closeRun(String[] out, int start, int end, int[] nameEnd, int[] valueStart, int[] indent) {
    if (start < 0) {
      return;
    }
    int width = 0;
    for (int i = start; i < end; i++) {
      if (nameEnd[i] >= 0) {
        width = Math.max(width, columns(out[i], indent[i], nameEnd[i]));
      }
    }
    for (int i = start; i < end; i++) {
      if (nameEnd[i] < 0) {
        continue;
      }
      String line = out[i];
      int pad = width - columns(line, indent[i], nameEnd[i]);
      StringBuilder aligned = new StringBuilder(line.length() + pad + 3);
      aligned.append(line, 0, nameEnd[i]);
      for (int k = 0; k < pad; k++) {
        aligned.append(' ');
      }
      aligned.append(" = ").append(line, valueStart[i], line.length());
      out[i] = aligned.toString();
      nameEnd[i] = -1;
    }
  }

  /** Grapheme clusters in line[from, to): its length when ASCII (always, in practice). */
  static int columns(String line, int from, int to) {
    boolean ascii = true;
    for (int k = from; k < to && ascii; k++) {
      ascii = line.charAt(k) < 0x80;
    }
    if (ascii) {
      return to - from;
    }
    Matcher m = GRAPHEME.matcher(line).region(from, to);
    int clusters = 0;
    while (m.find()) {
      clusters++;
    }
    return clusters;
  }

  /**
   * The label of a heredoc opened at the end of the line ({@code <<EOT} or {@code <<-EOT}), or null:
   * {@code <<-?([A-Za-z_][A-Za-z0-9_]*)$}.
   */
  private static String heredocLabel(String line, int from) {
    int e = line.length();
    int s = e;
    while (s > from && (isIdentifierStart(line.charAt(s - 1)) || isDigit(line.charAt(s - 1)))) {
      s--;
    }
    if (s == e || !isIdentifierStart(line.charAt(s))) {
      return null;
    }
    int q = s;
    if (q - 1 >= from && line.charAt(q - 1) == '-') {
      q--;
    }
    if (q - 2 >= from && line.charAt(q - 1) == '<' && line.charAt(q - 2) == '<') {
      return line.substring(s, e);
    }
    return null;
  }

  private static List<String> normalizeBlankLines(String source) {
    List<String> result = new ArrayList<>();
    String heredocEnd = null;
    for (String raw : source.replace("\r\n", "\n").split("\n", -1)) {
      if (heredocEnd != null) {
        result.add(raw);
        if (raw.trim().equals(heredocEnd)) {
          heredocEnd = null;
        }
        continue;
      }
      String line = raw.stripTrailing();
      boolean blank = line.isEmpty();
      String previous = result.isEmpty() ? null : result.get(result.size() - 1);
      if (blank && (previous == null || previous.isEmpty() || previous.endsWith("{"))) {
        continue;
      }
      if (previous != null && previous.isEmpty() && line.strip().startsWith("}")) {
        result.remove(result.size() - 1);
      }
      result.add(line);
      heredocEnd = heredocLabel(line, 0);
    }
    while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
      result.remove(result.size() - 1);
    }
    return result;
  }
}
