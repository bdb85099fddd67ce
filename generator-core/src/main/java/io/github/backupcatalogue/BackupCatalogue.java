package io.github.backupcatalogue;

import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Diagnostics;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.diagnostics.SourceFile;
import io.github.backupcatalogue.load.CatalogueLoader;
import io.github.backupcatalogue.load.LoadResult;
import io.github.backupcatalogue.plan.Model;
import io.github.backupcatalogue.plan.Planner;
import io.github.backupcatalogue.render.RenderException;
import io.github.backupcatalogue.render.TemplateRenderer;
import io.github.backupcatalogue.validate.CatalogueValidator;
import io.github.backupcatalogue.validate.PlannedLimits;
import io.github.backupcatalogue.write.OutputWriter;
import io.github.backupcatalogue.write.UnsafeOutputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The generator in one straight line: load -> validate -> plan -> render -> write. This is the API
 * the Maven plugin (and anything else) calls.
 */
public final class BackupCatalogue {

  private BackupCatalogue() {}

  /**
   * The outcome of a run.
   *
   * @param diagnostics every problem found in the catalogue
   * @param files the rendered files, when there were no errors
   * @param written what was written, when generation ran
   */
  public record Result(Diagnostics diagnostics, Optional<SortedMap<String, String>> files, Optional<OutputWriter.Result> written) {}

  /** Loads and validates; nothing is rendered or written. */
  public static Diagnostics validate(Path catalogue, String displayName) throws IOException {
    return check(catalogue, displayName).diagnostics;
  }

  /** Validates a catalogue already in memory. */
  public static Diagnostics validate(SourceFile source) {
    return check(new CatalogueLoader().load(source)).diagnostics;
  }

  /**
   * Validates, then renders everything in memory, then writes. Writes nothing when the catalogue
   * has errors (or warnings, with {@code failOnWarnings}).
   *
   * @param templates user template directory looked up before the built-ins, or null
   */
  public static Result generate(Path catalogue, String displayName, Path output, Path templates, boolean failOnWarnings)
      throws IOException, RenderException, UnsafeOutputException {
    Result rendered = render(catalogue, displayName, templates, failOnWarnings);
    if (rendered.files().isEmpty()) {
      return rendered;
    }
    OutputWriter.Result written = OutputWriter.write(output, rendered.files().get());
    return new Result(rendered.diagnostics(), rendered.files(), Optional.of(written));
  }

  /** Like {@link #generate} but keeps the files in memory. */
  public static Result render(Path catalogue, String displayName, Path templates, boolean failOnWarnings)
      throws IOException, RenderException {
    return render(check(catalogue, displayName), templates, failOnWarnings);
  }

  /** {@link #render(Path, String, Path, boolean)} for a catalogue already in memory. */
  public static Result render(SourceFile source, Path templates, boolean failOnWarnings) throws IOException, RenderException {
    return render(check(new CatalogueLoader().load(source)), templates, failOnWarnings);
  }

  private static Result render(Checked checked, Path templates, boolean failOnWarnings) throws IOException, RenderException {
    Diagnostics diagnostics = checked.diagnostics;
    if (checked.plan.isEmpty() || diagnostics.hasErrors() || (failOnWarnings && !diagnostics.warnings().isEmpty())) {
      return new Result(diagnostics, Optional.empty(), Optional.empty());
    }
    SortedMap<String, String> files;
    try {
      files = new TemplateRenderer(templates).render(checked.plan.get());
    } catch (RuntimeException e) {
      List<Diagnostic> all = new ArrayList<>(diagnostics.all());
      all.add(new Diagnostic(Severity.ERROR, "BC000", Position.START, "internal error while rendering (" + e
          + "); please report this with the catalogue", null));
      return new Result(new Diagnostics(diagnostics.source(), all), Optional.empty(), Optional.empty());
    }
    return new Result(diagnostics, Optional.of(files), Optional.empty());
  }

  /** The diagnostics, and the plan when the catalogue was valid enough to plan. */
  private record Checked(Diagnostics diagnostics, Optional<Model.Output> plan) {}

  /** Load, validate, and (when there are no errors) plan and check the planned documents' limits. */
  private static Checked check(Path catalogue, String displayName) throws IOException {
    return check(new CatalogueLoader().load(catalogue, displayName));
  }

  /**
   * Never throws: an exception here is a bug, reported as an internal-error diagnostic rather than
   * a stack trace, so that every input ends in a result or diagnostics.
   */
  private static Checked check(LoadResult load) {
    try {
      return checkOrThrow(load);
    } catch (RuntimeException | StackOverflowError e) {
      List<Diagnostic> all = new ArrayList<>(load.problems());
      all.add(new Diagnostic(Severity.ERROR, "BC000", Position.START, "internal error while checking the catalogue ("
          + e + "); please report this with the catalogue", null));
      return new Checked(new Diagnostics(load.source(), all), Optional.empty());
    }
  }

  private static Checked checkOrThrow(LoadResult load) {
    List<Diagnostic> all = new ArrayList<>(load.problems());
    Optional<Model.Output> plan = Optional.empty();
    if (load.catalogue().isPresent()) {
      all.addAll(new CatalogueValidator(load.sourceMap()).validate(load.catalogue().get()));
      if (all.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
        Model.Output output = Planner.plan(load.catalogue().get(), Path.of(load.source().displayName()).getFileName().toString());
        all.addAll(PlannedLimits.check(output, load.sourceMap()));
        plan = Optional.of(output);
      }
    }
    return new Checked(new Diagnostics(load.source(), all), plan);
  }
}
