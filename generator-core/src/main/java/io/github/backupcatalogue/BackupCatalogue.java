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
import io.github.backupcatalogue.validate.Acknowledgements;
import io.github.backupcatalogue.validate.CatalogueValidator;
import io.github.backupcatalogue.validate.PipelineRules;
import io.github.backupcatalogue.validate.PlannedLimits;
import io.github.backupcatalogue.write.InputFingerprint;
import io.github.backupcatalogue.write.OutputWriter;
import io.github.backupcatalogue.write.UnsafeOutputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.diagnostics.Position;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
   * @param files the rendered files, when there were no errors ({@link #render} only: {@link #generate}
   *     streams them to disk and keeps none)
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
   * Validates, renders and writes all or nothing (see {@link OutputWriter}). Writes nothing when the
   * catalogue has errors (or warnings, with {@code failOnWarnings}). Modules stream through: each file
   * is rendered, staged when it changed, and dropped, so {@link Result#files()} is empty here (use
   * {@link #render} to keep files in memory). When the output was generated from the same inputs
   * (catalogue bytes, templates, generator) and every generated file is intact, nothing is rendered:
   * the diagnostics of that run are repeated and {@link OutputWriter.Result#upToDate()} is true.
   *
   * @param templates user template directory looked up before the built-ins, or null
   */
  public static Result generate(Path catalogue, String displayName, Path output, Path templates, boolean failOnWarnings)
      throws IOException, RenderException, UnsafeOutputException {
    byte[] bytes = Files.readAllBytes(catalogue);
    Optional<String> text = decode(bytes);
    if (text.isEmpty()) {
      return render(catalogue, displayName, templates, failOnWarnings); // not UTF-8: the loader reports it
    }
    String inputs = InputFingerprint.of(bytes, displayName, templates, TemplateRenderer.class, TemplateRenderer.BUILT_IN_PATH,
        List.of(freemarker.template.Configuration.class, com.fasterxml.jackson.databind.ObjectMapper.class,
            org.yaml.snakeyaml.Yaml.class));
    SourceFile source = new SourceFile(displayName, text.get());
    try (OutputWriter.Transaction transaction = OutputWriter.begin(output)) {
      Optional<String> note = transaction.upToDate(inputs);
      if (note.isPresent()) {
        Optional<Diagnostics> stored = decodeDiagnostics(source, note.get());
        if (stored.isPresent()) {
          if (failOnWarnings && !stored.get().warnings().isEmpty()) {
            return new Result(stored.get(), Optional.empty(), Optional.empty());
          }
          return new Result(stored.get(), Optional.empty(), Optional.of(transaction.upToDateResult()));
        }
      }
      Checked checked = check(new CatalogueLoader().load(source), output);
      Diagnostics diagnostics = checked.diagnostics;
      if (checked.plan.isEmpty() || diagnostics.hasErrors() || (failOnWarnings && !diagnostics.warnings().isEmpty())) {
        return new Result(diagnostics, Optional.empty(), Optional.empty());
      }
      new TemplateRenderer(templates).render(checked.plan.get(), transaction::add);
      OutputWriter.Result written = transaction.commit(inputs, encodeDiagnostics(diagnostics));
      return new Result(diagnostics, Optional.empty(), Optional.of(written));
    }
  }

  private static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static final ObjectMapper NOTES = new ObjectMapper();

  /** The run's diagnostics (warnings only: a run that writes has no errors) as one line of JSON. */
  private static String encodeDiagnostics(Diagnostics diagnostics) {
    ArrayNode array = NOTES.createArrayNode();
    for (Diagnostic d : diagnostics.all()) {
      ObjectNode node = array.addObject();
      node.put("severity", d.severity().name());
      node.put("code", d.code());
      node.put("line", d.position().line());
      node.put("column", d.position().column());
      node.put("message", d.message());
      node.put("hint", d.hint());
    }
    return array.toString();
  }

  private static Optional<Diagnostics> decodeDiagnostics(SourceFile source, String note) {
    try {
      List<Diagnostic> all = new ArrayList<>();
      for (JsonNode node : NOTES.readTree(note)) {
        all.add(new Diagnostic(Severity.valueOf(node.get("severity").asText()), node.get("code").asText(),
            new Position(node.get("line").asInt(), node.get("column").asInt()), node.get("message").asText(),
            node.get("hint").isNull() ? null : node.get("hint").asText()));
      }
      return Optional.of(new Diagnostics(source, all));
    } catch (RuntimeException | IOException e) {
      return Optional.empty(); // unreadable: render as if nothing were known
    }
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
    return check(load, null);
  }

  /** @param output where the modules will be written, or null when they are not written */
  private static Checked check(LoadResult load, Path output) {
    try {
      return checkOrThrow(load, output);
    } catch (RuntimeException | StackOverflowError e) {
      List<Diagnostic> all = new ArrayList<>(load.problems());
      all.add(new Diagnostic(Severity.ERROR, "BC000", Position.START, "internal error while checking the catalogue ("
          + e + "); please report this with the catalogue", null));
      return new Checked(new Diagnostics(load.source(), all), Optional.empty());
    }
  }

  private static Checked checkOrThrow(LoadResult load, Path outputDirectory) {
    List<Diagnostic> all = new ArrayList<>(load.problems());
    Optional<Model.Output> plan = Optional.empty();
    if (load.catalogue().isPresent()) {
      all.addAll(new CatalogueValidator(load.sourceMap()).validate(load.catalogue().get()));
      if (outputDirectory != null) {
        all.addAll(PipelineRules.checkOutput(load.catalogue().get(), load.sourceMap(), outputDirectory));
      }
      if (all.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
        Model.Output output = Planner.plan(load.catalogue().get(), Path.of(load.source().displayName()).getFileName().toString());
        all.addAll(PlannedLimits.check(output, load.sourceMap()));
        plan = Optional.of(output);
      }
      all = Acknowledgements.apply(load.catalogue().get(), load.sourceMap(), all);
      if (all.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
        plan = Optional.empty();
      }
    }
    return new Checked(new Diagnostics(load.source(), all), plan);
  }
}
