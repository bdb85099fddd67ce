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
public record Encryption(KeyType key, String keyArn, Boolean rotation, Integer deletionWindowDays) {

  public Encryption {
    key = Immutables.orDefault(key, KeyType.CREATE);
    rotation = Immutables.orDefault(rotation, true);
    deletionWindowDays = Immutables.orDefault(deletionWindowDays, 30);
  }
}
