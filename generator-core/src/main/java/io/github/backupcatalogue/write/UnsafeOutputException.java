package io.github.backupcatalogue.write;

/** Writing would overwrite a user's file or leave the output directory; nothing was written. */
public final class UnsafeOutputException extends Exception {

  private static final long serialVersionUID = 1L;

  public UnsafeOutputException(String message) {
    super(message);
  }
}
