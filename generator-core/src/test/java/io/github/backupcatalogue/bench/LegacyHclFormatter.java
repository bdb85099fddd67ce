package io.github.backupcatalogue.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The formatter before issue 10 (per-line regular expressions), kept only to benchmark against.
 *
 * Puts rendered Terraform into {@code terraform fmt}'s canonical layout, so templates (the built-in
 * ones and users' overrides) need not count spaces: the {@code =} of consecutive single-line
 * attributes at one indentation is aligned (a heredoc attribute counts as single-line and its body
 * does not break the run; an attribute opening a multi-line object or list, a block, a comment or a
 * blank line ends the run), trailing blanks go, runs of blank lines collapse to one, no blank line
 * follows an opening brace or precedes a closing one, and the file ends with one newline.
 */
public final class LegacyHclFormatter {

  private static final Pattern ATTRIBUTE =
      Pattern.compile("^( *)([A-Za-z_][A-Za-z0-9_-]*|\"(?:[^\"\\\\]|\\\\.)*\") *= *(.*)$");
  private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)$");

  private LegacyHclFormatter() {}

  public static String format(String source) {
    List<String> lines = normalizeBlankLines(source);
    List<String> out = new ArrayList<>(lines.size());
    List<Integer> run = new ArrayList<>();
    int runIndent = -1;
    String heredocEnd = null;
    for (String line : lines) {
      if (heredocEnd != null) {
        out.add(line);
        if (line.trim().equals(heredocEnd)) {
          heredocEnd = null;
        }
        continue;
      }
      Matcher attribute = ATTRIBUTE.matcher(line);
      boolean single = attribute.matches() && !opensCollection(attribute.group(3));
      if (single && attribute.group(1).length() == runIndent) {
        run.add(out.size());
      } else {
        align(out, run);
        run.clear();
        runIndent = -1;
        if (single) {
          run.add(out.size());
          runIndent = attribute.group(1).length();
        }
      }
      out.add(line);
      if (attribute.matches()) {
        Matcher heredoc = HEREDOC.matcher(attribute.group(3));
        if (heredoc.find()) {
          heredocEnd = heredoc.group(1);
        }
      }
    }
    align(out, run);
    return String.join("\n", out) + "\n";
  }

  private static boolean opensCollection(String value) {
    String v = value.strip();
    return v.endsWith("{") || v.endsWith("[") || v.endsWith("(");
  }

  private static void align(List<String> out, List<Integer> run) {
    int width = 0;
    for (int index : run) {
      Matcher m = ATTRIBUTE.matcher(out.get(index));
      m.matches();
      width = Math.max(width, m.group(2).length());
    }
    for (int index : run) {
      Matcher m = ATTRIBUTE.matcher(out.get(index));
      m.matches();
      String name = m.group(2);
      out.set(index, m.group(1) + name + " ".repeat(width - name.length()) + " = " + m.group(3));
    }
  }

  private static List<String> normalizeBlankLines(String source) {
    List<String> result = new ArrayList<>();
    boolean inHeredoc = false;
    String heredocEnd = null;
    for (String raw : source.replace("\r\n", "\n").split("\n", -1)) {
      String line = inHeredoc ? raw : raw.stripTrailing();
      if (inHeredoc) {
        result.add(line);
        if (line.trim().equals(heredocEnd)) {
          inHeredoc = false;
        }
        continue;
      }
      boolean blank = line.isEmpty();
      String previous = result.isEmpty() ? null : result.get(result.size() - 1);
      if (blank && (previous == null || previous.isEmpty() || previous.endsWith("{"))) {
        continue;
      }
      if (line.strip().startsWith("}") && previous != null && previous.isEmpty()) {
        result.remove(result.size() - 1);
      }
      result.add(line);
      Matcher heredoc = HEREDOC.matcher(line);
      if (heredoc.find()) {
        inHeredoc = true;
        heredocEnd = heredoc.group(1);
      }
    }
    while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
      result.remove(result.size() - 1);
    }
    return result;
  }
}
