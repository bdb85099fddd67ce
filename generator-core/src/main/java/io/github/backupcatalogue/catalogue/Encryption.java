package io.github.backupcatalogue.catalogue;

/**
 * A vault's encryption.
 *
 * @param key {@code create} (a customer-managed key per account and region, the default),
 *     {@code existing} (the key in {@code key_arn}) or {@code aws_managed}
 * @param keyArn the existing key's ARN, with {@code key: existing}
 * @param rotation yearly automatic rotation of created keys (default true)
 * @param deletionWindowDays days before a created key scheduled for deletion is deleted, 7-30
 *     (default 30)
 */
public record Encryption(
    @Doc(value = "Create (a customer-managed key per account and region, the default), existing (the key in key_arn) or aws_managed.", defaultValue = "create") KeyType key,
    @Doc(value = "The existing key's ARN, with key: existing.", pattern = "^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$") String keyArn,
    @Doc(value = "Yearly automatic rotation of created keys (default true).", defaultValue = "true") Boolean rotation,
    @Doc(value = "Days before a created key scheduled for deletion is deleted, 7-30 (default 30).", defaultValue = "30", minimum = 7, maximum = 30) Integer deletionWindowDays) {

  public Encryption {
    key = Immutables.orDefault(key, KeyType.CREATE);
    rotation = Immutables.orDefault(rotation, true);
    deletionWindowDays = Immutables.orDefault(deletionWindowDays, 30);
  }
}
