package io.github.backupcatalogue.load;

/** The single-account base catalogue of {@link InputHandlingTest}, for tests in other packages. */
public final class InputHandlingTestAccess {

  public static final String SINGLE = InputHandlingTest.SINGLE;

  private InputHandlingTestAccess() {}
}
