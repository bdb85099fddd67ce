package io.github.backupcatalogue.load;

import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules on the characters of a catalogue, checked before anything else reads it.
 *
 * <p>The file as a whole (BC008): no character the YAML reader refuses (control characters other
 * than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) and none it silently counts as a line
 * break (U+0085, U+2028, U+2029), which would shift every later line number away from what an
 * editor shows. Each is named and reported where it is, so nothing ends as "invalid YAML at 1:1".
 *
 * <p>Every key and value, after YAML's own escapes are decoded: at most {@link #MAX_KEY_LENGTH} or
 * {@link #MAX_VALUE_LENGTH} characters (BC015) before any other rule looks at it; whole code points
 * and no control characters but tab and line breaks (BC016); Unicode NFC (BC017), because
 * HashiCorp's HCL parser normalises every string it reads to NFC, so any other form would reach AWS
 * changed. AWS's own rules for particular strings (tags, descriptions, names) are in
 * {@code validate.AwsStrings}.
 */
public final class InputText {

  /** No key of a catalogue is longer: names AWS bounds at 128 at most, tag keys at 128. */
  public static final int MAX_KEY_LENGTH = 256;
  /** No value is longer: ARNs are at most 2,048 characters, policy descriptions 512, tag values 256. */
  public static final int MAX_VALUE_LENGTH = 2_048;
  /** Problems of one kind reported per file before the rest are summed up. */
  static final int MAX_REPORTED = 20;

  private InputText() {}

  /** True for a code point the loader refuses anywhere in the file. */
  static boolean forbiddenInFile(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029
        || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) || cp == 0xFFFE || cp == 0xFFFF;
  }

  /** Every forbidden character of the file, at its line and column (the first {@value #MAX_REPORTED}). */
  static List<Diagnostic> forbiddenCharacters(String text) {
    List<Diagnostic> found = new ArrayList<>();
    int line = 1;
    int column = 1;
    int count = 0;
    Position first = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (forbiddenInFile(cp)) {
        count++;
        Position at = new Position(line, column);
        if (first == null) {
          first = at;
        }
        if (count <= MAX_REPORTED) {
          found.add(new Diagnostic(Severity.ERROR, "BC008", at, "character " + describe(cp) + " is not allowed in a catalogue",
              hintFor(cp)));
        }
      }
      if (cp == '\n' || (cp == '\r' && (next >= text.length() || text.charAt(next) != '\n'))) {
        line++;
        column = 1;
      } else if (cp != '\r') {
        column++;
      }
      i = next;
    }
    if (count > MAX_REPORTED) {
      found.add(new Diagnostic(Severity.ERROR, "BC008", first, (count - MAX_REPORTED) + " more characters that are not "
          + "allowed in a catalogue", "is this a text file? save the catalogue as plain UTF-8 text"));
    }
    return found;
  }

  private static String hintFor(int cp) {
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
      return "YAML counts it as a line break, so positions after it would not match your editor; "
          + "remove it, or write a plain line break";
    }
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
      return "half of a UTF-16 surrogate pair is not a character; the text is damaged here";
    }
    return "remove it; it is invisible in most editors (a value that needs a tab or line break can write \\t or \\n "
        + "in double quotes)";
  }

  /** The problems of one decoded key or value; {@code at} is where the scalar starts. */
  static List<Diagnostic> checkScalar(String text, Position at, int maxLength, String what) {
    List<Diagnostic> found = new ArrayList<>();
    if (text.length() > maxLength) {
      int length = text.codePointCount(0, text.length());
      if (length > maxLength) {
        found.add(new Diagnostic(Severity.ERROR, "BC015", at, "this " + what + " is " + length + " characters long; "
            + "a catalogue " + what + " has at most " + maxLength, "no name, tag, ARN or description AWS accepts is "
            + "this long; check the quoting"));
        return found;
      }
    }
    for (int i = 0, index = 1; i < text.length(); index++) {
      int cp = text.codePointAt(i);
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        found.add(new Diagnostic(Severity.ERROR, "BC016", at, "the " + what + " has a lone surrogate " + describe(cp)
            + " at character " + index, "it is half of a character and cannot be written as UTF-8; "
            + "remove the \\u" + hex(cp) + " escape, or complete the pair"));
        return found;
      }
      if (Character.getType(cp) == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r') {
        found.add(new Diagnostic(Severity.ERROR, "BC016", at, "the " + what + " has the control character " + describe(cp)
            + " at character " + index, "remove it; AWS names, tags and ARNs never contain control characters"));
        return found;
      }
      i += Character.charCount(cp);
    }
    if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
      int differs = 0;
      while (differs < text.length() && differs < nfc.length() && text.charAt(differs) == nfc.charAt(differs)) {
        differs++;
      }
      if (differs > 0 && Character.isLowSurrogate(text.charAt(differs))) {
        differs--;
      }
      StringBuilder sequence = new StringBuilder();
      int shown = 0;
      for (int i = Math.max(0, differs); i < text.length() && shown < 4; shown++) {
        int cp = text.codePointAt(i);
        sequence.append(shown == 0 ? "" : " + ").append(describe(cp));
        i += Character.charCount(cp);
      }
      found.add(new Diagnostic(Severity.ERROR, "BC017", at, "the " + what + " is not in Unicode NFC from character "
          + (text.codePointCount(0, differs) + 1) + " (" + sequence + "); HashiCorp's HCL parser would change it to NFC, "
          + "so it would not reach AWS as written", "write it in NFC: \"" + printable(nfc) + "\""));
    }
    return found;
  }

  /** {@code U+0007 (BELL)}, or just the number when Unicode has no name for it. */
  public static String describe(int cp) {
    String name = Character.isValidCodePoint(cp) ? Character.getName(cp) : null;
    return "U+" + hex(cp) + (name != null ? " (" + name + ")" : "");
  }

  private static String hex(int cp) {
    return String.format(Locale.ROOT, "%04X", cp);
  }

  /**
   * The text as a YAML double-quoted string would write it: quotes, backslashes and invisible
   * characters escaped, shortened past 80 characters. For messages and hints, which stay one line.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 80; ) {
      int cp = text.codePointAt(i);
      int type = Character.getType(cp);
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp == '\n' || cp == '\t' || cp == '\r') {
        out.append(cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : "\\r");
      } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.NON_SPACING_MARK
          || type == Character.ENCLOSING_MARK || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE || type == Character.UNASSIGNED) {
        out.append(cp > 0xFFFF ? "\\U" + String.format(Locale.ROOT, "%08X", cp) : "\\u" + hex(cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.length() >= 80 ? out + "..." : out.toString();
  }

  /** Where the first {@code \\x}, {@code \\u} or {@code \\U} escape without enough hex digits is, or null. */
  static Position badEscape(String text) {
    for (int i = text.indexOf('\\'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\\', i + 2)) {
      char kind = text.charAt(i + 1);
      int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
      for (int d = 0; d < digits; d++) {
        if (i + 2 + d >= text.length() || Character.digit(text.charAt(i + 2 + d), 16) < 0) {
          return positionOfCodePoint(text, text.codePointCount(0, i));
        }
      }
    }
    return null;
  }

  /** The line and column of the code point with the given 0-based index, as {@link #forbiddenCharacters} counts. */
  static Position positionOfCodePoint(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp == '\n' || (cp == '\r' && (next >= text.length() || text.charAt(next) != '\n'))) {
        line++;
        column = 1;
      } else if (cp != '\r') {
        column++;
      }
      i = next;
    }
    return new Position(line, column);
  }
}
