package io.github.backupcatalogue.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The plugin's documentation page in Markdown, from the descriptor that maven-plugin-plugin
 * writes from the Mojos' annotations and Javadoc ({@code META-INF/maven/plugin.xml}): the goals,
 * their phase and every parameter with its type, default, user property, version and description.
 * Built by {@link PluginDocsTest} during the build, so it needs no site or report plugin.
 */
final class PluginDocs {

  private PluginDocs() {}

  static String markdown(Path descriptor) throws IOException {
    Document doc;
    try (InputStream in = Files.newInputStream(descriptor)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc = factory.newDocumentBuilder().parse(in);
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException("cannot read " + descriptor + ": " + e.getMessage(), e);
    }
    Element plugin = doc.getDocumentElement();
    String prefix = text(plugin, "goalPrefix");
    StringBuilder out = new StringBuilder();
    out.append("# ").append(text(plugin, "name")).append("\n\n");
    out.append("<!-- Generated from the plugin descriptor by maven-plugin's PluginDocsTest; do not edit. -->\n\n");
    out.append(oneLine(text(plugin, "description"))).append("\n\n");
    out.append("- Coordinates: `").append(text(plugin, "groupId")).append(':').append(text(plugin, "artifactId"))
        .append("`\n");
    out.append("- Goal prefix: `").append(prefix).append("`\n");
    out.append("- Requires Java ").append(text(plugin, "requiredJavaVersion")).append(" and Maven ")
        .append(text(plugin, "requiredMavenVersion")).append("\n\n");
    List<Element> mojos = children(child(plugin, "mojos"), "mojo");
    mojos.sort(Comparator.comparing(m -> text(m, "goal")));
    out.append("## Goals\n\n| Goal | Default phase | Description |\n| --- | --- | --- |\n");
    for (Element mojo : mojos) {
      out.append("| [`").append(prefix).append(':').append(text(mojo, "goal")).append("`](#").append(prefix)
          .append(text(mojo, "goal")).append(") | ").append(orDash(text(mojo, "phase"))).append(" | ")
          .append(cell(firstSentence(text(mojo, "description")))).append(" |\n");
    }
    for (Element mojo : mojos) {
      String goal = text(mojo, "goal");
      out.append("\n## ").append(prefix).append(':').append(goal).append("\n\n");
      out.append(oneLine(text(mojo, "description"))).append("\n\n");
      out.append("- Default phase: ").append(orDash(text(mojo, "phase"))).append('\n');
      out.append("- Needs a project: ").append("true".equals(text(mojo, "requiresProject")) ? "yes" : "no").append('\n');
      out.append("- Thread-safe: ").append("true".equals(text(mojo, "threadSafe")) ? "yes" : "no").append('\n');
      if (!text(mojo, "since").isEmpty()) {
        out.append("- Since: ").append(text(mojo, "since")).append('\n');
      }
      Element configuration = child(mojo, "configuration");
      List<Element> parameters = new ArrayList<>();
      for (Element p : children(child(mojo, "parameters"), "parameter")) {
        if ("true".equals(text(p, "editable"))) {
          parameters.add(p);
        }
      }
      parameters.sort(Comparator.comparing(p -> text(p, "name")));
      if (parameters.isEmpty()) {
        continue;
      }
      out.append("\n| Parameter | Type | Default | User property | Since | Description |\n")
          .append("| --- | --- | --- | --- | --- | --- |\n");
      for (Element p : parameters) {
        String name = text(p, "name");
        Element config = configuration == null ? null : child(configuration, name);
        String defaultValue = config == null ? "" : config.getAttribute("default-value");
        String expression = config == null ? "" : config.getTextContent().strip();
        String property = expression.startsWith("${") && expression.endsWith("}")
            ? expression.substring(2, expression.length() - 1) : "";
        String type = text(p, "type");
        out.append("| `").append(name).append("`").append("true".equals(text(p, "required")) ? " (required)" : "")
            .append(" | `").append(type.substring(type.lastIndexOf('.') + 1)).append("` | ")
            .append(defaultValue.isEmpty() ? "-" : "`" + defaultValue + "`").append(" | ")
            .append(property.isEmpty() ? "-" : "`" + property + "`").append(" | ")
            .append(orDash(text(p, "since"))).append(" | ").append(cell(text(p, "description"))).append(" |\n");
      }
    }
    return out.toString();
  }

  private static String firstSentence(String text) {
    String line = oneLine(text);
    int end = line.indexOf(". ");
    return end < 0 ? line : line.substring(0, end + 1);
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String cell(String text) {
    return oneLine(text).replace("|", "\\|");
  }

  private static String orDash(String text) {
    return text.isEmpty() ? "-" : text;
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? "" : e.getTextContent().strip();
  }
}
