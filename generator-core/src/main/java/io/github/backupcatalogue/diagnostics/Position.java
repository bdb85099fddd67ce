package io.github.backupcatalogue.diagnostics;

/**
 * A place in a source file: 1-based line and column, as editors and compilers number them.
 *
 * @param line the 1-based line
 * @param column the 1-based column
 */
public record Position(int line, int column) implements Comparable<Position> {

  /** The position used when nothing better is known: the start of the file. */
  public static final Position START = new Position(1, 1);

  public Position {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
    }
  }

  @Override
  public int compareTo(Position other) {
    return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
  }
}
