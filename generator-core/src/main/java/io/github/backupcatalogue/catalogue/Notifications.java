package io.github.backupcatalogue.catalogue;

import java.util.Map;

/**
 * The SNS topics vaults publish their events to. A topic is created, encrypted with its own
 * customer-managed key, in every account and region where a vault names it: AWS Backup publishes
 * only to topics of the vault's own account ("Notification options with AWS Backup", Limitations).
 *
 * @param topics topics by name
 * @param organizationEvents organization-wide alerts on failed jobs through EventBridge, or null
 */
public record Notifications(
    @Doc(value = "Topics by name; vaults name one in notifications.topic.", example = "{backup-alerts: {subscriptions: [{protocol: email, endpoint: backup-team@example.com}]}}") Map<String, Topic> topics,
    @Doc(value = "Organization-wide alerts on backup, copy and restore jobs through EventBridge: every account forwards the matching job events to an event bus of the receiving account, which publishes them to one topic.", example = "{topic: backup-alerts}") OrganizationEvents organizationEvents) {

  public Notifications {
    topics = Immutables.map(topics);
  }
}
