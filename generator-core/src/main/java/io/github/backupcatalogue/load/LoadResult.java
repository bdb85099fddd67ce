package io.github.backupcatalogue.load;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.SourceFile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What loading produced: the bound catalogue when the file had the right shape, the map of where
 * each value came from, and the problems found.
 *
 * @param source the file as read
 * @param catalogue the catalogue, empty when the shape was wrong
 * @param sourceMap positions of every key and value
 * @param problems shape problems (YAML syntax, unknown keys, wrong types)
 */
public record LoadResult(SourceFile source, Optional<Catalogue> catalogue, SourceMap sourceMap, List<Diagnostic> problems) {

  public LoadResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(catalogue, "catalogue");
    Objects.requireNonNull(sourceMap, "sourceMap");
    problems = List.copyOf(problems);
  }
}
