package io.github.backupcatalogue.cli;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.diagnostics.DiagnosticFormat;
import io.github.backupcatalogue.diagnostics.DiagnosticFormats;
import io.github.backupcatalogue.diagnostics.Diagnostics;
import io.github.backupcatalogue.effective.PolicyFiles;
import io.github.backupcatalogue.load.JsonSchemas;
import io.github.backupcatalogue.plan.Json;
import io.github.backupcatalogue.render.RenderException;
import io.github.backupcatalogue.validate.ScheduleReport;
import io.github.backupcatalogue.write.OutputWriter;
import io.github.backupcatalogue.write.UnsafeOutputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backup-catalogue validate|generate|plan|schema}: the generator core without Maven, as
 * {@code java -jar backup-catalogue.jar}. Exit codes: 0 ok, 1 the catalogue has errors (or warnings
 * with {@code --fail-on-warnings}), 2 wrong usage or an environment problem (a file that cannot be
 * read or written, an unsafe output directory, a broken template).
 */
@Command(name = "backup-catalogue", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Turns a YAML catalogue of AWS Backup rules into per-account Terraform.",
    subcommands = {Main.Validate.class, Main.Generate.class, Main.PlanCommand.class, Main.Schema.class,
        Main.EffectivePolicy.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:the catalogue has errors (or warnings, with --fail-on-warnings)",
        "2:wrong usage, or a file that cannot be read or written"})
public final class Main implements Runnable {

  public static final int OK = 0;
  public static final int CATALOGUE_ERRORS = 1;
  public static final int USAGE_OR_ENVIRONMENT = 2;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, for {@link CommandLine#execute} (tests set its out and err). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("backup-catalogue: " + e.getMessage());
      return USAGE_OR_ENVIRONMENT;
    });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: validate, generate, plan, schema or effective-policy");
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"backup-catalogue " + (version == null ? "(development build)" : version)};
    }
  }

  /** {@code --format text|json|github|sarif}, in any case. */
  static final class FormatConverter implements ITypeConverter<DiagnosticFormat> {
    @Override
    public DiagnosticFormat convert(String value) {
      return DiagnosticFormat.of(value);
    }
  }

  /** What the commands that read a catalogue share (a picocli mixin). */
  static final class CatalogueOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
        description = "How problems are printed: text, json, github (GitHub Actions annotations) or sarif (SARIF 2.1.0)."
            + " Default: ${DEFAULT-VALUE}.")
    DiagnosticFormat format;

    @Option(names = "--report-file", paramLabel = "FILE",
        description = "Write the problems to FILE instead of standard output (e.g. a .sarif for code scanning).")
    Path reportFile;

    @Option(names = "--fail-on-warnings", description = "Exit 1 on warnings too, not only on errors.")
    boolean failOnWarnings;

    /** The path relative to the current directory when it is below it, as GitHub wants it from the repository root. */
    static String displayName(Path catalogue) {
      Path absolute = catalogue.toAbsolutePath().normalize();
      Path here = Path.of("").toAbsolutePath();
      return absolute.startsWith(here) ? here.relativize(absolute).toString().replace('\\', '/') : catalogue.toString();
    }

    /** The catalogue must exist; exit 2 when it does not. */
    static void requireCatalogue(Path catalogue, CommandSpec spec) {
      if (!Files.isRegularFile(catalogue)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no catalogue at " + catalogue
            + "; name it as the first argument");
      }
    }

    /** Prints the diagnostics in the chosen format; the exit code they call for. */
    int report(Diagnostics diagnostics, PrintWriter out) throws IOException {
      String text = DiagnosticFormats.format(diagnostics, format);
      if (reportFile != null) {
        if (reportFile.toAbsolutePath().getParent() != null) {
          Files.createDirectories(reportFile.toAbsolutePath().getParent());
        }
        Files.writeString(reportFile, text);
        if (format != DiagnosticFormat.TEXT) {
          out.print(DiagnosticFormats.format(diagnostics, DiagnosticFormat.TEXT));
        }
      } else if (format != DiagnosticFormat.TEXT || !diagnostics.all().isEmpty()) {
        out.print(text);
      }
      out.flush();
      boolean fail = diagnostics.hasErrors() || (failOnWarnings && !diagnostics.warnings().isEmpty());
      return fail ? CATALOGUE_ERRORS : OK;
    }

    /** Status lines go to standard error when standard output carries a machine-readable report. */
    PrintWriter status(CommandSpec spec) {
      return format == DiagnosticFormat.TEXT || reportFile != null ? spec.commandLine().getOut() : spec.commandLine().getErr();
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check the catalogue and print every problem with its line and column; writes nothing.")
  static final class Validate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "CATALOGUE", defaultValue = "backup-catalogue.yaml",
        description = "The catalogues, each checked on its own (default: ${DEFAULT-VALUE}); json, sarif and"
            + " --report-file take one.")
    List<Path> catalogues;

    @Mixin
    CatalogueOptions options;

    @Option(names = {"-v", "--verbose"}, description = "Also print the next three runs of every rule's schedule.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
      CatalogueOptions o = options;
      boolean oneDocument = o.format == DiagnosticFormat.JSON || o.format == DiagnosticFormat.SARIF || o.reportFile != null;
      if (catalogues.size() > 1 && oneDocument) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--format " + o.format.label()
            + " and --report-file write one document: name one catalogue");
      }
      int exit = OK;
      for (Path catalogue : catalogues) {
        CatalogueOptions.requireCatalogue(catalogue, spec);
      }
      for (Path catalogue : catalogues) {
        String name = CatalogueOptions.displayName(catalogue);
        Diagnostics diagnostics = BackupCatalogue.validate(catalogue, name);
        int one = o.report(diagnostics, spec.commandLine().getOut());
        PrintWriter status = o.status(spec);
        if (verbose) {
          ScheduleReport.lines(catalogue, name, Clock.systemUTC()).forEach(line -> status.println("next runs of " + line));
        }
        boolean textPrinted = (o.format == DiagnosticFormat.TEXT || o.reportFile != null) && !diagnostics.all().isEmpty();
        if (one == OK) {
          status.println(name + " is valid" + (diagnostics.all().isEmpty() ? "" : " (" + diagnostics.summary() + ")"));
        } else if (!textPrinted) {
          status.println(diagnostics.summary()); // the text ends with it already
        }
        status.flush();
        exit = Math.max(exit, one);
      }
      return exit;
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Validate, then write one Terraform root module per account. Writes nothing when the catalogue has errors;"
          + " rewrites only changed files; removes files it generated before and no longer generates.")
  static final class Generate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CATALOGUE", defaultValue = "backup-catalogue.yaml",
        description = "The catalogue (default: ${DEFAULT-VALUE}).")
    Path catalogue;

    @Mixin
    CatalogueOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "backup-catalogue-modules",
        description = "Where the modules are written (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = {"-t", "--templates"}, paramLabel = "DIR",
        description = "Templates looked up before the built-in ones (copy only the files you change).")
    Path templates;

    @Override
    public Integer call() throws IOException, RenderException {
      CatalogueOptions o = options;
      CatalogueOptions.requireCatalogue(catalogue, spec);
      if (templates != null && !Files.isDirectory(templates)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no template directory at " + templates);
      }
      try {
        BackupCatalogue.Result result = BackupCatalogue.generate(catalogue, CatalogueOptions.displayName(catalogue), output, templates, o.failOnWarnings);
        int exit = o.report(result.diagnostics(), spec.commandLine().getOut());
        PrintWriter status = o.status(spec);
        if (result.written().isEmpty()) {
          status.println(result.diagnostics().summary() + "; nothing was written");
          status.flush();
          return CATALOGUE_ERRORS;
        }
        OutputWriter.Result written = result.written().get();
        status.println(written.written().size() + " file(s) written, " + written.unchanged().size() + " unchanged, "
            + written.deleted().size() + " removed, in " + output);
        status.flush();
        return exit;
      } catch (UnsafeOutputException e) {
        spec.commandLine().getErr().println("backup-catalogue: nothing was written: " + e.getMessage());
        return USAGE_OR_ENVIRONMENT;
      }
    }
  }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = "Validate and render in memory, then list what generate would write into the output directory"
          + " (new, changed, unchanged); writes nothing.")
  static final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CATALOGUE", defaultValue = "backup-catalogue.yaml",
        description = "The catalogue (default: ${DEFAULT-VALUE}).")
    Path catalogue;

    @Mixin
    CatalogueOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "backup-catalogue-modules",
        description = "The output directory to compare with (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = {"-t", "--templates"}, paramLabel = "DIR",
        description = "Templates looked up before the built-in ones.")
    Path templates;

    @Override
    public Integer call() throws IOException, RenderException {
      CatalogueOptions o = options;
      CatalogueOptions.requireCatalogue(catalogue, spec);
      BackupCatalogue.Result result = BackupCatalogue.render(catalogue, CatalogueOptions.displayName(catalogue), templates, o.failOnWarnings);
      int exit = o.report(result.diagnostics(), spec.commandLine().getOut());
      PrintWriter status = o.status(spec);
      if (result.files().isEmpty()) {
        status.println(result.diagnostics().summary() + "; nothing to plan");
        status.flush();
        return CATALOGUE_ERRORS;
      }
      SortedMap<String, String> files = result.files().get();
      int changes = 0;
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path existing = output.resolve(file.getKey());
        String state;
        if (!Files.isRegularFile(existing)) {
          state = "new      ";
          changes++;
        } else if (!Files.readString(existing).equals(file.getValue())) {
          state = "changed  ";
          changes++;
        } else {
          state = "unchanged";
        }
        status.println(state + " " + file.getKey());
      }
      status.println(files.size() + " file(s), " + changes + " to write, in " + output);
      status.flush();
      return exit;
    }
  }

  @Command(name = "schema", mixinStandardHelpOptions = true,
      description = "Print the catalogue's JSON schema (draft 2020-12), for editors' completion and checks.")
  static final class Schema implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the schema to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
      String schema = Json.pretty(JsonSchemas.catalogue()) + "\n";
      if (output == null) {
        spec.commandLine().getOut().print(schema);
        spec.commandLine().getOut().flush();
      } else {
        if (output.toAbsolutePath().getParent() != null) {
          Files.createDirectories(output.toAbsolutePath().getParent());
        }
        Files.writeString(output, schema);
        spec.commandLine().getOut().println("schema written to " + output);
      }
      return OK;
    }
  }

  @Command(name = "effective-policy", mixinStandardHelpOptions = true,
      description = "Print the effective policy AWS Organizations computes from management policy JSON files"
          + " (backup, tag, ...): give the root's policy first, then each OU's down the path, then the account's."
          + " Changes a parent does not allow are ignored, as AWS does, and reported on standard error (BC340).")
  static final class EffectivePolicy implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--policy"}, paramLabel = "FILE", required = true,
        description = "A policy JSON file, one per level, top first (repeat the option).")
    List<Path> policies;

    @Option(names = "--fail-on-warnings", description = "Exit 1 when a change is ignored, too.")
    boolean failOnWarnings;

    @Override
    public Integer call() throws IOException {
      for (Path policy : policies) {
        if (!Files.isRegularFile(policy)) {
          throw new CommandLine.ParameterException(spec.commandLine(), "no policy file at " + policy);
        }
      }
      PolicyFiles.Outcome outcome = PolicyFiles.compute(policies,
          policies.stream().map(CatalogueOptions::displayName).toList());
      PrintWriter err = spec.commandLine().getErr();
      outcome.problems().forEach(err::println);
      err.flush();
      if (outcome.result().isEmpty()) {
        return CATALOGUE_ERRORS;
      }
      spec.commandLine().getOut().print(Json.pretty(outcome.result().get().effective()) + "\n");
      spec.commandLine().getOut().flush();
      return failOnWarnings && outcome.hasWarnings() ? CATALOGUE_ERRORS : OK;
    }
  }
}
