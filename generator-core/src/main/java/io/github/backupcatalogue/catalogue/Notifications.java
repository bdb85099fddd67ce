package io.github.backupcatalogue.catalogue;

import java.util.Map;

/**
 * The SNS topics vaults publish their events to. A topic is created, encrypted with its own
 * customer-managed key, in every account and region where a vault names it: AWS Backup publishes
 * only to topics of the vault's own account ("Notification options with AWS Backup", Limitations).
 *
 * @param topics topics by name
 */
public record Notifications(
    @Doc(value = "Topics by name; vaults name one in notifications.topic.", example = "{backup-alerts: {subscriptions: [{protocol: email, endpoint: backup-team@example.com}]}}") Map<String, Topic> topics) {

  public Notifications {
    topics = Immutables.map(topics);
  }
}
