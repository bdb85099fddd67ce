package io.github.backupcatalogue;

import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Diagnostics;
import io.github.backupcatalogue.load.CatalogueLoader;
import io.github.backupcatalogue.load.LoadResult;
import io.github.backupcatalogue.plan.Model;
import io.github.backupcatalogue.plan.Planner;
import io.github.backupcatalogue.render.RenderException;
import io.github.backupcatalogue.render.TemplateRenderer;
import io.github.backupcatalogue.validate.CatalogueValidator;
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
    Checked checked = check(catalogue, displayName);
    Diagnostics diagnostics = checked.diagnostics;
    if (diagnostics.hasErrors() || (failOnWarnings && !diagnostics.warnings().isEmpty()) || checked.load.catalogue().isEmpty()) {
      return new Result(diagnostics, Optional.empty(), Optional.empty());
    }
    Model.Output model = Planner.plan(checked.load.catalogue().get(), Path.of(displayName).getFileName().toString());
    SortedMap<String, String> files = new TemplateRenderer(templates).render(model);
    return new Result(diagnostics, Optional.of(files), Optional.empty());
  }

  private record Checked(LoadResult load, Diagnostics diagnostics) {}

  private static Checked check(Path catalogue, String displayName) throws IOException {
    LoadResult load = new CatalogueLoader().load(catalogue, displayName);
    List<Diagnostic> all = new ArrayList<>(load.problems());
    load.catalogue().ifPresent(c -> all.addAll(new CatalogueValidator(load.sourceMap()).validate(c)));
    return new Checked(load, new Diagnostics(load.source(), all));
  }
}
