package io.github.backupcatalogue.catalogue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a catalogue key means, for people: the published JSON Schema takes its description,
 * default, pattern, range and example from here, next to the record component it documents, so
 * the schema, the loader and the README's reference cannot tell three different stories.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Doc {

  /** The description. */
  String value();

  /** The default when the key is left out, as YAML would write it; empty when there is none. */
  String defaultValue() default "";

  /** A regular expression a text value must match (JSON Schema {@code pattern}). */
  String pattern() default "";

  /** An example value, as YAML would write it. */
  String example() default "";

  /** The smallest whole number allowed. */
  long minimum() default Long.MIN_VALUE;

  /** The largest whole number allowed. */
  long maximum() default Long.MAX_VALUE;
}
