package io.github.backupcatalogue.load;

import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Lines;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.scanner.ScannerException;

/**
 * Turns SnakeYAML's parser messages into plain words at the line the user edited.
 *
 * <p>SnakeYAML reports where its parser gave up, in its own terms ("mapping values are not allowed
 * here", "expected &lt;block end&gt;, but found '&lt;block mapping start&gt;'"), often on the line
 * after the mistake: a key without its colon, or {@code key:value} without the space, reads as text
 * that continues on the next line, and the parser only stops at the next line's colon. This class
 * recognises the common mistakes from the exception's class, problem text and marks plus the source
 * lines, and names the enclosing mapping by its path, computed from the indentation above. Anything
 * not recognised keeps SnakeYAML's words, at its mark.
 */
final class YamlSyntaxErrors {

  private static final String CODE = "BC001";
  /** {@code key:} at the start of a line's content, after any list dashes; group 1 is the key. */
  private static final Pattern KEY = Pattern.compile("((?:\"[^\"]*\"|'[^']*'|[^\\s#'\"\\-?:,\\[\\]{}][^#:]*?|-[^\\s#:][^#:]*?))\\s*:(?:\\s|$)");
  private static final Pattern RESERVED = Pattern.compile("found character '(.+?)' that cannot start any token.*");

  private final Lines lines;
  private final int lineCount;

  private YamlSyntaxErrors(String text) {
    this.lines = Lines.of(text);
    this.lineCount = lines.count();
  }

  /** The diagnostic for a YAML syntax error in {@code text}. */
  static Diagnostic translate(MarkedYAMLException e, String text) {
    Diagnostic plain = null;
    try {
      plain = new YamlSyntaxErrors(text).plain(e);
    } catch (RuntimeException ignored) {
      // a guess that failed must not hide the error; SnakeYAML's words below still say it
    }
    if (plain != null) {
      return plain;
    }
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
    String context = e.getContext();
    return error(position(mark), "the file is not valid YAML: " + (context != null ? context + ", " + problem : problem),
        "fix the YAML syntax at this place");
  }

  private Diagnostic plain(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    Mark mark = e.getProblemMark();
    Mark contextMark = e.getContextMark();
    if (mark == null) {
      return null;
    }
    int line = mark.getLine() + 1;
    if (e instanceof ScannerException) {
      if (context.startsWith("while scanning a quoted scalar") && contextMark != null && problem.contains("end of stream")) {
        return unclosedQuote(contextMark);
      }
      Matcher reserved = RESERVED.matcher(problem);
      if (reserved.matches()) {
        return reservedCharacter(reserved.group(1), mark);
      }
      if (context.startsWith("while scanning an alias") && contextMark != null) {
        return aliasValue(contextMark);
      }
      if (problem.startsWith("could not find expected ':'") && contextMark != null) {
        return missingColon(contextMark.getLine() + 1);
      }
      if (problem.startsWith("mapping values are not allowed here")) {
        return mappingValue(line, index(line, mark.getColumn()));
      }
      return null;
    }
    if (e instanceof ComposerException) {
      if (problem.startsWith("found undefined alias")) {
        return undefinedAlias(mark);
      }
      if (context.startsWith("expected a single document")) {
        return error(new Position(line, 1), "line " + line + " starts a second YAML document (`---`); a catalogue is one document",
            "remove the `---` line, and everything after it that does not belong to the catalogue");
      }
      return null;
    }
    if (e instanceof ParserException) {
      if ((context.startsWith("while parsing a flow sequence") || context.startsWith("while parsing a flow mapping"))
          && contextMark != null && problem.startsWith("expected ','")) {
        return unclosedFlow(context.contains("sequence"), contextMark, mark);
      }
      if (problem.startsWith("expected '<document start>'")) {
        for (int l = line - 1; l >= 1; l--) {
          if (lines.line(l).startsWith("...")) {
            return error(new Position(l, 1), "line " + l + " (`...`) ends the YAML document, but more follows",
                "remove the `...` line; a catalogue is one document");
          }
        }
        return null;
      }
      if (problem.startsWith("expected <block end>")) {
        return blockEnd(problem, line, index(line, mark.getColumn()));
      }
    }
    return null;
  }

  // --- the mistakes ---

  private Diagnostic unclosedQuote(Mark open) {
    int line = open.getLine() + 1;
    String quote = charAt(line, index(line, open.getColumn()));
    String where = keyOf(line);
    return error(position(open), "the quoted " + (where == null ? "text" : "value of `" + where + "`") + " on line " + line
        + " has no closing " + quote, "add the closing " + quote + " at the end of the value on line " + line
        + " (a quote inside it is written " + (quote.equals("\"") ? "\\\"" : "''") + ")");
  }

  private Diagnostic unclosedFlow(boolean list, Mark open, Mark found) {
    String opening = list ? "[" : "{";
    String closing = list ? "]" : "}";
    int line = open.getLine() + 1;
    String what = list ? "list" : "mapping";
    String got = charAt(found.getLine() + 1, index(found.getLine() + 1, found.getColumn()));
    if ((list && got.equals("}")) || (!list && got.equals("]"))) {
      return error(position(found), "the " + what + " `" + opening + "` opened on line " + line + " column "
          + (open.getColumn() + 1) + " is closed with `" + got + "`", "close it with `" + closing + "`");
    }
    return error(position(open), "the " + what + " `" + opening + "` opened on line " + line + " is not closed",
        "add `" + closing + "` after its last item on line " + line
            + (list ? "; items are separated by `, `" : "; entries are separated by `, `"));
  }

  private Diagnostic reservedCharacter(String character, Mark mark) {
    String shown = character.startsWith("\\t") ? "\t" : character;
    if (shown.equals("\t")) {
      return error(position(mark), "tab character on line " + (mark.getLine() + 1) + "; YAML separates with spaces only",
          "replace the tab with a space");
    }
    String value = restOfLine(mark.getLine() + 1, index(mark.getLine() + 1, mark.getColumn()));
    return error(position(mark), "a value cannot start with '" + shown + "': YAML reserves that character",
        "quote the value: \"" + value + "\"");
  }

  /** {@code * 5 ? * * *}: a star, then a space, is an alias without a name. */
  private Diagnostic aliasValue(Mark mark) {
    String value = restOfLine(mark.getLine() + 1, index(mark.getLine() + 1, mark.getColumn()));
    return error(position(mark), "a value cannot start with '*': YAML reads it as an alias (a reference to an anchor)",
        "quote the value: \"" + value + "\"");
  }

  private Diagnostic undefinedAlias(Mark mark) {
    String value = restOfLine(mark.getLine() + 1, index(mark.getLine() + 1, mark.getColumn()));
    String name = value.substring(1).split("[\\s,\\]}]", 2)[0];
    return error(position(mark), "`" + value + "` reads as a reference to an anchor `&" + name + "`, and there is none: "
        + "YAML treats a value starting with `*` as an alias", "quote the value: \"" + value + "\"");
  }

  /** "could not find expected ':'": a key on {@code line} without its colon (or the space after it). */
  private Diagnostic missingColon(int line) {
    String content = lines.line(line);
    int start = contentStart(content);
    String body = content.substring(start).stripTrailing();
    int colon = body.indexOf(':');
    if (colon > 0 && colon + 1 < body.length() && body.charAt(colon + 1) != ' ') {
      return missingSpace(line, start + colon, body);
    }
    int space = body.indexOf(' ');
    String key = space < 0 ? body : body.substring(0, space);
    int column = start + (space < 0 ? body.length() : space);
    return error(at(line, column), "missing `:` after the key `" + key + "` on line " + line,
        "write `" + key + ":" + (space < 0 ? "" : " " + body.substring(space + 1).strip()) + "`");
  }

  private Diagnostic missingSpace(int line, int colonIndex, String body) {
    int colon = body.indexOf(':');
    String key = body.substring(0, colon);
    String value = body.substring(colon + 1);
    return error(at(line, colonIndex + 1), "missing space after `:` in `" + body + "` on line " + line
        + ": YAML reads it as one text, not as the key `" + key + "` and its value", "write `" + key + ": " + value + "`");
  }

  /**
   * "mapping values are not allowed here" at the colon of {@code line}: either plain text that
   * began on an earlier line reached this colon (a missing colon or space on that line, or this
   * line indented under a key that already has a value), or a value holds {@code ": "}.
   */
  private Diagnostic mappingValue(int line, int column) {
    String content = lines.line(line);
    int start = contentStart(content);
    String before = column > start ? content.substring(start, Math.min(column, content.length())) : "";
    if (before.contains(": ") || before.contains(":\t")) {
      String key = keyOf(line);
      String value = content.substring(content.indexOf(':', start) + 1).strip();
      return error(at(line, column), "the value " + (key == null ? "" : "of `" + key + "` ")
          + "contains `: `, which YAML reads as the start of another key", "quote the value: "
          + (key == null ? "" : key + ": ") + "\"" + value + "\"");
    }
    int previous = previousContentLine(line);
    if (previous < 1) {
      return null;
    }
    String prev = lines.line(previous);
    int prevStart = contentStart(prev);
    String prevBody = stripComment(prev.substring(prevStart)).stripTrailing();
    int colon = prevBody.indexOf(':');
    if (colon > 0 && colon + 1 < prevBody.length() && prevBody.charAt(colon + 1) != ' ' && !prevBody.contains(": ")) {
      return missingSpace(previous, prevStart + colon, prevBody);
    }
    if (colon < 0) {
      return missingColon(previous);
    }
    if (indent(line) > indent(previous)) {
      return overIndented(line, previous);
    }
    return null;
  }

  private Diagnostic blockEnd(String problem, int line, int column) {
    String content = lines.line(line);
    int indent = indent(line);
    int previous = previousContentLine(line);
    String body = content.substring(indent);
    // text after a closing quote on the same line: "x" y
    String before = content.substring(0, Math.min(column, content.length())).stripTrailing();
    if (problem.endsWith("'<scalar>'") && (before.endsWith("\"") || before.endsWith("'")) && column > indent) {
      return error(at(line, column), "text after the closing quote on line " + line,
          "put the whole value inside the quotes, or remove the text after them");
    }
    if (previous < 1) {
      return null;
    }
    List<Frame> frames = frames(line);
    boolean item = body.startsWith("- ") || body.equals("-");
    if (indent < indent(previous)) {
      return underIndented(line, indent, frames);
    }
    Frame same = frames.stream().filter(f -> f.indent == indent).reduce((a, b) -> b).orElse(null);
    if (item && same != null && !same.list) {
      String mapping = path(frames, indent);
      return error(new Position(line, indent + 1), "line " + line + " is a list item (`- `) among the keys of "
          + describe(mapping) + "; a mapping's entries are all `key: value`", "write it as `key: value`, or, if it is an "
          + "item of the list above, indent it under that list's key");
    }
    if (!item && same != null && same.list) {
      return error(new Position(line, indent + 1), "line " + line + " is a `key: value` among the items (`- `) of the list "
          + describe(path(frames, indent)), "start it with `- ` to make it an item, or, if it belongs to the item "
          + "above, indent it to column " + (indent + 3));
    }
    if (indent > indent(previous)) {
      return overIndented(line, previous);
    }
    return null;
  }

  private Diagnostic underIndented(int line, int indent, List<Frame> frames) {
    Frame inner = null;
    Frame outer = null;
    for (Frame f : frames) {
      if (f.indent > indent && (inner == null || f.indent < inner.indent)) {
        inner = f;
      }
      if (f.indent < indent) {
        outer = f;
      }
    }
    if (inner == null) {
      return null;
    }
    String innerPath = path(frames, inner.indent);
    String what = inner.list ? "the items of the list " + describe(innerPath) : "the keys of " + describe(innerPath);
    int outerColumn = outer == null ? 1 : outer.indent + 1;
    String outerPath = outer == null ? "" : path(frames, outer.indent);
    String outerPlace = outerPath.isEmpty() ? "make it a top-level key" : "put it in " + describe(outerPath);
    return error(new Position(line, indent + 1), "line " + line + " is indented less than " + what + " above it",
        "indent it to column " + (inner.indent + 1) + " to put it in " + describe(innerPath) + ", or to column "
            + outerColumn + " to " + outerPlace);
  }

  private Diagnostic overIndented(int line, int previous) {
    String key = keyOf(previous);
    List<Frame> frames = frames(line);
    int previousIndent = keyIndent(previous);
    String mapping = path(frames, previousIndent);
    return error(new Position(line, indent(line) + 1), "line " + line + " is indented more than the keys of "
        + describe(mapping) + " above it, but " + (key == null ? "line " + previous : "`" + key + "` on line " + previous)
        + " already has a value", "indent it to column " + (previousIndent + 1) + " like " + (key == null ? "the line above"
            : "`" + key + "`") + ", or, if it belongs inside " + (key == null ? "it" : "`" + key + "`")
            + ", remove the value after the colon on line " + previous);
  }

  // --- the indentation structure above a line ---

  /** One key (or list) that encloses later, more indented lines. */
  private record Frame(int indent, String name, boolean list, int index) {}

  /** The keys and lists open just before {@code line}, outermost first, from indentation alone. */
  private List<Frame> frames(int line) {
    Deque<Frame> stack = new ArrayDeque<>();
    for (int l = 1; l < line && l <= lineCount; l++) {
      String content = lines.line(l);
      int at = indentOf(content);
      if (at >= content.length() || content.charAt(at) == '#' || content.startsWith("---") || content.startsWith("...")) {
        continue;
      }
      while (at < content.length() && content.charAt(at) == '-' && (at + 1 == content.length() || content.charAt(at + 1) == ' ')) {
        final int dash = at;
        while (!stack.isEmpty() && stack.peek().indent > dash) {
          stack.pop();
        }
        if (!stack.isEmpty() && stack.peek().indent == dash && stack.peek().list) {
          Frame list = stack.pop();
          stack.push(new Frame(dash, list.name, true, list.index + 1));
        } else {
          stack.push(new Frame(dash, "", true, 0));
        }
        at++;
        while (at < content.length() && content.charAt(at) == ' ') {
          at++;
        }
      }
      Matcher key = KEY.matcher(content);
      key.region(at, content.length());
      if (key.lookingAt()) {
        final int keyAt = at;
        while (!stack.isEmpty() && stack.peek().indent >= keyAt && !(stack.peek().list && stack.peek().indent < keyAt)) {
          if (stack.peek().list && stack.peek().indent == keyAt) {
            // `key:` at a list's own indentation ends the list (`key:\n- a` lists sit at the key's level)
            stack.pop();
            continue;
          }
          stack.pop();
        }
        stack.push(new Frame(keyAt, unquote(key.group(1).strip()), false, 0));
      }
    }
    List<Frame> frames = new ArrayList<>();
    for (Iterator<Frame> i = stack.descendingIterator(); i.hasNext();) {
      frames.add(i.next());
    }
    return frames;
  }

  /** The dotted path of the mapping or list whose entries sit at {@code indent}. */
  private static String path(List<Frame> frames, int indent) {
    StringBuilder path = new StringBuilder();
    for (Frame f : frames) {
      if (f.indent >= indent) {
        break;
      }
      if (f.list) {
        path.append('[').append(f.index).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(f.name);
      }
    }
    return path.toString();
  }

  private static String describe(String path) {
    return path.isEmpty() ? "the top level" : "`" + path + "`";
  }

  // --- reading lines ---

  private int previousContentLine(int line) {
    for (int l = line - 1; l >= 1; l--) {
      String content = lines.line(l);
      int at = indentOf(content);
      if (at < content.length() && content.charAt(at) != '#') {
        return l;
      }
    }
    return 0;
  }

  private int indent(int line) {
    return indentOf(lines.line(line));
  }

  private static int indentOf(String content) {
    int at = 0;
    while (at < content.length() && content.charAt(at) == ' ') {
      at++;
    }
    return at;
  }

  /** Where the key of {@code line} starts, after the indentation and any list dashes. */
  private int keyIndent(int line) {
    return contentStart(lines.line(line));
  }

  private static int contentStart(String content) {
    int at = indentOf(content);
    while (at < content.length() && content.charAt(at) == '-' && (at + 1 == content.length() || content.charAt(at + 1) == ' ')) {
      at++;
      while (at < content.length() && content.charAt(at) == ' ') {
        at++;
      }
    }
    return at;
  }

  /** The key that {@code line} starts with, or null. */
  private String keyOf(int line) {
    String content = lines.line(line);
    Matcher key = KEY.matcher(content);
    key.region(contentStart(content), content.length());
    return key.lookingAt() ? unquote(key.group(1).strip()) : null;
  }

  private String charAt(int line, int column) {
    String content = lines.line(line);
    return column < content.length() ? content.substring(column, column + 1) : "";
  }

  private String restOfLine(int line, int column) {
    String content = lines.line(line);
    return column < content.length() ? stripComment(content.substring(column)).strip() : "";
  }

  private static String stripComment(String text) {
    int hash = text.indexOf(" #");
    return hash < 0 ? text : text.substring(0, hash);
  }

  private static String unquote(String key) {
    if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
      return key.substring(1, key.length() - 1);
    }
    return key;
  }

  /** The char index in {@code line} of a column counted in code points, as SnakeYAML's marks count. */
  private int index(int line, int column) {
    String content = lines.line(line);
    return content.offsetByCodePoints(0, Math.min(column, content.codePointCount(0, content.length())));
  }

  /** The position of a char index in {@code line}: columns count code points; at most the line's end. */
  private Position at(int line, int index) {
    String content = lines.line(line);
    return new Position(line, content.codePointCount(0, Math.min(index, content.length())) + 1);
  }

  private static Diagnostic error(Position at, String message, String hint) {
    return new Diagnostic(Severity.ERROR, CODE, at, message, hint);
  }

  private static Position position(Mark mark) {
    return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
