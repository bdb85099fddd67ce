package io.github.backupcatalogue.effective;

/**
 * Where an effective plan or value comes from.
 *
 * @param policy the catalogue policy that sets it ({@code null} in a single-account catalogue,
 *     where plans are not in policies)
 * @param pointer JSON pointer into the catalogue of the entry that says it, e.g.
 *     {@code /plans/Daily/rules/daily/lifecycle/delete_after_days}; resolve it to a line with the
 *     loader's {@code SourceMap}
 */
public record Source(String policy, String pointer) {}
