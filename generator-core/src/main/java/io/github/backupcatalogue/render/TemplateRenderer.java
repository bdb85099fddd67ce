package io.github.backupcatalogue.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import io.github.backupcatalogue.plan.AccessMatrix;
import io.github.backupcatalogue.plan.Model;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Stage 4, render: the planned model -> file contents, in memory, through Freemarker.
 *
 * <p>Templates are looked up in the user's template directory first, then among the built-ins on the
 * classpath, so a user copies only the files they change. Freemarker is locked down: templates see
 * only maps, lists, strings, numbers and booleans (no Java objects, no {@code ?api}, no {@code ?new}),
 * {@code .tf.ftl} templates auto-escape with {@link HclOutputFormat}, numbers print in computer
 * format whatever the locale, and the result is laid out by {@link HclFormatter}.
 */
public final class TemplateRenderer {

  /** Where the built-in templates live on the classpath. */
  public static final String BUILT_IN_PATH = "/io/github/backupcatalogue/templates";

  /** The files of each module, in the order they are rendered; empty results are not written. */
  public static final List<String> MODULE_FILES = List.of("versions.tf", "backend.tf", "providers.tf", "variables.tf", "checks.tf",
      "organizations.tf", "policies.tf", "baseline.tf", "iam.tf", "kms.tf", "vaults.tf", "notifications.tf", "job_events.tf", "restore_testing.tf",
      "backup_settings.tf", "backup_plans.tf", "compliance.tf", "outputs.tf", "README.md");

  /** The compliance report, in the output root, when the catalogue declares controls or audit reports. */
  public static final String REPORT_MD = "compliance-report.md";
  public static final String REPORT_HTML = "compliance-report.html";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Configuration freemarker;

  /** @param userTemplates a directory of overriding templates, or null for the built-ins only */
  public TemplateRenderer(Path userTemplates) throws IOException {
    freemarker = new Configuration(Configuration.VERSION_2_3_34);
    List<TemplateLoader> loaders = new ArrayList<>();
    if (userTemplates != null && Files.isDirectory(userTemplates)) {
      loaders.add(new FileTemplateLoader(userTemplates.toFile()));
    }
    loaders.add(new ClassTemplateLoader(TemplateRenderer.class, BUILT_IN_PATH));
    freemarker.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
    freemarker.setLocalizedLookup(false);
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setOutputEncoding("UTF-8");
    freemarker.setLocale(Locale.ROOT);
    freemarker.setTimeZone(TimeZone.getTimeZone("UTC"));
    freemarker.setNumberFormat("c");
    freemarker.setBooleanFormat("c");
    freemarker.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
    freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    freemarker.setAPIBuiltinEnabled(false);
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    freemarker.setWrapUncheckedExceptions(true);
    freemarker.setFallbackOnNullLoopVariable(false);
    freemarker.setRegisteredCustomOutputFormats(List.of(HclOutputFormat.INSTANCE));
    TemplateConfiguration hcl = new TemplateConfiguration();
    hcl.setOutputFormat(HclOutputFormat.INSTANCE);
    freemarker.setTemplateConfigurations(new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.tf.ftl"), hcl));
    freemarker.setSharedVariable("heredoc", new HeredocMethod());
  }

  /** Every generated file by its path relative to the output directory, sorted. */
  public SortedMap<String, String> render(Model.Output output) throws RenderException {
    SortedMap<String, String> files = new TreeMap<>();
    render(output, files::put);
    return files;
  }

  /** Receives generated files one at a time, so a caller need not hold them all. */
  @FunctionalInterface
  public interface FileSink<E extends Exception> {
    void accept(String path, String content) throws E;
  }

  /**
   * Renders module by module and hands each file to {@code sink} as soon as it is ready (modules in
   * plan order, then the top-level README and apply order), keeping none of them.
   */
  public <E extends Exception> void render(Model.Output output, FileSink<E> sink) throws RenderException, E {
    @SuppressWarnings("unchecked")
    Map<String, Object> outputMap = MAPPER.convertValue(output, Map.class);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> modules = (List<Map<String, Object>>) outputMap.get("modules");
    var matrix = new AccessMatrix(output);
    List<Map<String, Object>> summary = new ArrayList<>();
    for (int i = 0; i < modules.size(); i++) {
      Map<String, Object> module = modules.get(i);
      Model.Module planned = output.modules().get(i);
      List<AccessMatrix.Question> questions = matrix.questionsOf(planned);
      Object access = MAPPER.convertValue(questions, List.class);
      for (String file : MODULE_FILES) {
        String text = renderOne(file + ".ftl", Map.of("module", module, "output", outputMap, "access", access));
        if (!text.isBlank()) {
          sink.accept(module.get("path") + "/" + file, file.endsWith(".tf") ? HclFormatter.format(text) : tidy(text));
        }
      }
      String summaryText = output.summaries().get(planned.path());
      if (summaryText != null) {
        sink.accept(planned.path() + "/" + io.github.backupcatalogue.plan.ModuleSummaries.FILE, summaryText);
      }
      if (!questions.isEmpty()) {
        sink.accept(planned.path() + "/" + AccessMatrix.FILE, matrix.json(planned, questions));
        long allowed = questions.stream().filter(q -> q.expected().equals("Allowed")).count();
        summary.add(Map.of("path", planned.path(), "account", planned.accountName(), "asked", questions.size(),
            "allowed", allowed, "denied", questions.size() - allowed));
      }
    }
    sink.accept("README.md", tidy(renderOne("index.md.ftl", Map.of("output", outputMap, "access", summary))));
    if (outputMap.get("compliance") != null) {
      Map<String, Object> report = Map.of("output", outputMap, "report", outputMap.get("compliance"));
      sink.accept(REPORT_MD, tidy(renderOne(REPORT_MD + ".ftl", report)));
      sink.accept(REPORT_HTML, renderOne(REPORT_HTML + ".ftlh", report).strip() + "\n");
    }
    sink.accept(APPLY_ORDER, applyOrder(output));
    for (var pipeline : PipelineFiles.render(output).entrySet()) {
      sink.accept(pipeline.getKey(), pipeline.getValue());
    }
  }

  /**
   * The generated files of a decommission stub ({@code decommission.tf} and {@code README.md}), by
   * file name.
   *
   * @param module path, accountName, accountId, reason, state, kept (the addresses to forget), hasBackend
   */
  public SortedMap<String, String> renderStub(String catalogue, Map<String, Object> module) throws RenderException {
    Map<String, Object> model = Map.of("module", module, "output", Map.of("catalogue", catalogue));
    SortedMap<String, String> files = new TreeMap<>();
    files.put("decommission.tf", HclFormatter.format(renderOne("decommission.tf.ftl", model)));
    files.put("README.md", tidy(renderOne("decommission.md.ftl", model)));
    return files;
  }

  /** The machine-readable apply order a pipeline loops over. */
  public static final String APPLY_ORDER = "apply-order.json";

  /**
   * The modules in apply order ({@code order}, {@code after}: a pipeline that applies one module at
   * a time), and the apply levels ({@code level}, {@code depends_on} with reasons, {@code levels}):
   * the modules of a level are independent and may be applied in parallel once every lower level is.
   */
  private static String applyOrder(Model.Output output) {
    var document = io.github.backupcatalogue.plan.Json.object();
    document.put("catalogue", output.catalogue());
    var levels = document.putArray("levels");
    for (List<Model.Module> level : output.levels()) {
      var entry = levels.addObject();
      entry.put("level", level.get(0).level());
      entry.set("modules", io.github.backupcatalogue.plan.Json.array(level.stream().map(Model.Module::path).toList()));
    }
    var modules = document.putArray("modules");
    for (Model.Module module : output.modules()) {
      var entry = modules.addObject();
      entry.put("order", module.order());
      entry.put("path", module.path());
      entry.put("account_name", module.accountName());
      entry.put("account_id", module.accountId());
      entry.put("purpose", module.purpose());
      entry.set("after", io.github.backupcatalogue.plan.Json.array(module.after()));
      entry.put("level", module.level());
      var dependsOn = entry.putArray("depends_on");
      for (Model.Dependency dependency : module.dependsOn()) {
        dependsOn.addObject().put("path", dependency.path()).put("reason", dependency.reason());
      }
    }
    if (!output.decommissioned().isEmpty()) {
      // stubs of accounts that left the catalogue: apply each once (it forgets vaults and keys, destroys the rest)
      var stubs = document.putArray("decommissioned");
      for (Model.Decommission stub : output.decommissioned()) {
        var entry = stubs.addObject();
        entry.put("path", stub.path());
        entry.put("account_name", stub.accountName());
        entry.put("account_id", stub.accountId());
        entry.put("reason", stub.reason());
      }
    }
    return io.github.backupcatalogue.plan.Json.pretty(document) + "\n";
  }

  private String renderOne(String template, Map<String, Object> model) throws RenderException {
    try {
      Template t = freemarker.getTemplate(template);
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString();
    } catch (TemplateException e) {
      throw new RenderException("template " + template + " failed at line " + e.getLineNumber() + ", column "
          + e.getColumnNumber() + ": " + e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new RenderException("template " + template + " could not be read: " + e.getMessage(), e);
    }
  }

  /** Markdown: no trailing blanks, no double blank lines, one final newline. */
  private static String tidy(String text) {
    String collapsed = text.replace("\r\n", "\n").replaceAll("(?m)[ \\t]+$", "").replaceAll("\n{3,}", "\n\n");
    return collapsed.strip() + "\n";
  }

  /**
   * {@code ${heredoc(text, indent)}}: text for a heredoc body, template sequences escaped, indented.
   * {@code ${heredoc(text, indent, references)}} keeps the interpolations {@code "${reference}"} of
   * exactly the listed references (a document's resources of its own module); every other
   * {@code ${} is escaped as usual.
   */
  private static final class HeredocMethod implements TemplateMethodModelEx {
    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
      if (arguments.size() < 2 || arguments.size() > 3 || !(arguments.get(0) instanceof TemplateScalarModel text)
          || !(arguments.get(1) instanceof TemplateNumberModel indent)
          || arguments.size() == 3 && !(arguments.get(2) instanceof TemplateSequenceModel)) {
        throw new TemplateModelException("heredoc(text, indent[, references]) takes a string, a number and a list of strings");
      }
      List<String> references = new ArrayList<>();
      if (arguments.size() == 3) {
        TemplateSequenceModel list = (TemplateSequenceModel) arguments.get(2);
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof TemplateScalarModel reference)) {
            throw new TemplateModelException("heredoc's references must be strings");
          }
          references.add(reference.getAsString());
        }
      }
      String escaped = HclOutputFormat.escapeHeredoc(text.getAsString().stripTrailing(), indent.getAsNumber().intValue(),
          references);
      return HclOutputFormat.INSTANCE.fromMarkup(escaped);
    }
  }
}
