package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One management policy as attached: its name (for findings and provenance) and its JSON content,
 * with AWS's inheritance operators.
 */
public record PolicyDocument(String name, JsonNode content) {

  public PolicyDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }
}
