package io.github.backupcatalogue.load;

import java.io.Reader;

/**
 * A reader over a string that never ends a read between the two halves of a surrogate pair.
 * SnakeYAML's stream reader fills a 1,024-character buffer and fails with an
 * IndexOutOfBoundsException when a pair straddles its end (a comment of 1,022 characters followed
 * by an emoji was enough).
 */
final class WholeCodePointReader extends Reader {

  private final String text;
  private int position;

  WholeCodePointReader(String text) {
    this.text = text;
  }

  @Override
  public int read(char[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (position >= text.length()) {
      return -1;
    }
    int end = Math.min(text.length(), position + length);
    if (end < text.length() && end - position > 1 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    text.getChars(position, end, buffer, offset);
    int read = end - position;
    position = end;
    return read;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
