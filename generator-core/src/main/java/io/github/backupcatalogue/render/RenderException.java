package io.github.backupcatalogue.render;

/** A template failed: a broken override or a bug, never bad catalogue input. */
public final class RenderException extends Exception {

  private static final long serialVersionUID = 1L;

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
