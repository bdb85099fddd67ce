package io.github.backupcatalogue.effective;

/**
 * A change a policy tries that its parents do not allow, or that AWS's operators cannot express.
 * AWS ignores such a change silently when it builds the effective policy; the engine ignores it
 * the same way and reports it here.
 *
 * @param policy the policy that tries the change (its name or file)
 * @param path JSON pointer of the setting in the policy, e.g. {@code /plans/Daily/regions}
 * @param operator the operator the policy uses ({@code @@assign}, {@code @@append},
 *     {@code @@remove}); {@code @@append} when the change adds a key to an object
 * @param forbiddenBy the policy whose {@code @@operators_allowed_for_child_policies} forbids it, or
 *     {@code null} when the change is ignored for another reason (see {@code message})
 * @param message what happens, in words
 */
public record Finding(String policy, String path, String operator, String forbiddenBy, String message) {

  /** One line: {@code policy: path: message}. */
  public String describe() {
    return policy + ": " + (path.isEmpty() ? "/" : path) + ": " + message;
  }
}
