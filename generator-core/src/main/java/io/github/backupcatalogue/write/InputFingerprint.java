package io.github.backupcatalogue.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A hash of everything generated output is made from, recorded in the manifest so a rerun on the
 * same inputs can skip rendering: the catalogue's bytes and display name, every file of the user's
 * template directory, every built-in template, and the generator itself (the bytes of the jar or
 * class directory holding it, and the code locations, hence versions, of the libraries that shape
 * output). Any byte that differs gives a different hash; a false "changed" only costs a full run.
 */
public final class InputFingerprint {

  private static volatile String generator;

  private InputFingerprint() {}

  /**
   * @param catalogue the catalogue's bytes, exactly as loaded
   * @param displayName the name the catalogue is reported under (it appears in the output)
   * @param userTemplates the user's template directory, or null
   * @param builtInTemplates a class next to the built-in templates (whose loader finds them)
   * @param builtInPath the classpath directory of the built-in templates, e.g. {@code /io/.../templates}
   * @param libraries classes of the libraries whose versions shape the output
   */
  public static String of(byte[] catalogue, String displayName, Path userTemplates, Class<?> builtInTemplates,
      String builtInPath, List<Class<?>> libraries) throws IOException {
    MessageDigest digest = sha256();
    field(digest, "fingerprint 1");
    field(digest, generator(builtInTemplates, builtInPath, libraries));
    field(digest, displayName);
    field(digest, catalogue);
    if (userTemplates != null && Files.isDirectory(userTemplates)) {
      SortedMap<String, Path> files = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(userTemplates)) {
        walk.filter(Files::isRegularFile).forEach(p -> files.put(userTemplates.relativize(p).toString().replace('\\', '/'), p));
      }
      for (var file : files.entrySet()) {
        field(digest, "user " + file.getKey());
        field(digest, Files.readAllBytes(file.getValue()));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The generator's part, computed once per class loader: it cannot change while the code runs. */
  private static String generator(Class<?> builtInTemplates, String builtInPath, List<Class<?>> libraries) throws IOException {
    String cached = generator;
    if (cached != null) {
      return cached;
    }
    MessageDigest digest = sha256();
    field(digest, "code");
    hashCodeSource(digest, InputFingerprint.class);
    for (Class<?> library : libraries) {
      CodeSource source = library.getProtectionDomain().getCodeSource();
      field(digest, library.getName() + " " + (source == null ? "?" : source.getLocation()));
      Package p = library.getPackage();
      field(digest, p == null ? "" : String.valueOf(p.getImplementationVersion()));
    }
    field(digest, "templates");
    for (var template : builtInTemplates(builtInTemplates, builtInPath).entrySet()) {
      field(digest, template.getKey());
      field(digest, template.getValue());
    }
    cached = HexFormat.of().formatHex(digest.digest());
    generator = cached;
    return cached;
  }

  /** Every built-in template file's bytes by name, from a directory or a jar on the classpath. */
  static SortedMap<String, byte[]> builtInTemplates(Class<?> anchor, String path) throws IOException {
    SortedMap<String, byte[]> templates = new TreeMap<>();
    URL url = anchor.getResource(path);
    if (url == null) {
      return templates;
    }
    if (url.getProtocol().equals("file")) {
      Path dir;
      try {
        dir = Path.of(url.toURI());
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          templates.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
    } else if (url.getProtocol().equals("jar")) {
      JarURLConnection connection = (JarURLConnection) url.openConnection();
      connection.setUseCaches(false);
      String prefix = connection.getEntryName() + "/";
      try (JarFile jar = connection.getJarFile()) {
        for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)).toList()) {
          try (InputStream in = jar.getInputStream(entry)) {
            templates.put(entry.getName().substring(prefix.length()), in.readAllBytes());
          }
        }
      }
    } else {
      // An unknown class loader: hash what can be found by the names the renderer asks for.
      try (InputStream in = url.openStream()) {
        templates.put("?", in.readAllBytes());
      }
    }
    return templates;
  }

  private static void hashCodeSource(MessageDigest digest, Class<?> anchor) throws IOException {
    CodeSource source = anchor.getProtectionDomain().getCodeSource();
    if (source == null) {
      field(digest, "unknown code source");
      return;
    }
    Path location;
    try {
      location = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      field(digest, source.getLocation().toString());
      return;
    }
    if (Files.isDirectory(location)) {
      try (Stream<Path> walk = Files.walk(location)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          field(digest, location.relativize(p).toString());
          field(digest, Files.readAllBytes(p));
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    } else {
      field(digest, Files.readAllBytes(location));
    }
  }

  private static void field(MessageDigest digest, String text) {
    field(digest, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Length-prefixed, so no two different field lists hash the same bytes. */
  private static void field(MessageDigest digest, byte[] bytes) {
    long n = bytes.length;
    for (int i = 0; i < 8; i++) {
      digest.update((byte) (n >>> (8 * i)));
    }
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
