package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Subscription;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.load.Suggestions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Vault notifications and their topics: topic references (BC150), vault events (BC500-BC502),
 * subscription endpoints and topic names (BC503, BC504), SQS queues of accounts outside the
 * catalogue (BC555), unused or unsubscribed topics (BC360, BC361).
 */
final class NotificationRules extends RuleSupport {

  /** SNS topic names: 1-256 letters, digits, - and _ (CreateTopic, Amazon SNS API Reference). */
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern HTTPS = Pattern.compile("https://[^\\s/]+(/\\S*)?");
  private static final Pattern SQS_ARN = Pattern.compile("arn:aws:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}");

  NotificationRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    Set<String> topics = c.notifications().topics().keySet();
    Set<String> used = new HashSet<>();
    c.vaults().forEach((name, vault) -> {
      if (vault.notifications() == null) {
        return;
      }
      JsonPointer p = ptr("vaults", name, "notifications");
      var n = vault.notifications();
      if (n.topic() == null) {
        error("BC504", sourceMap.key(p), "notifications of vault '" + name + "' name no topic",
            "add 'topic: <name>' naming a topic of notifications.topics");
      } else if (topics.contains(n.topic())) {
        used.add(n.topic());
      } else {
        String suggestion = Suggestions.closest(n.topic(), topics).map(s -> "; did you mean '" + s + "'?").orElse("");
        error("BC150", sourceMap.value(p.appendProperty("topic")), "unknown notification topic '" + n.topic() + "'" + suggestion,
            topics.isEmpty() ? "define it under notifications.topics" : "defined: " + String.join(", ", new TreeSet<>(topics)));
      }
      if (n.events().isEmpty()) {
        error("BC502", sourceMap.key(p), "notifications of vault '" + name + "' list no events",
            "add 'events: [BACKUP_JOB_COMPLETED, COPY_JOB_FAILED, RESTORE_JOB_COMPLETED]' (failed and expired jobs are "
                + "*_JOB_COMPLETED events with their State)");
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < n.events().size(); i++) {
        String event = n.events().get(i);
        var at = sourceMap.value(p.appendProperty("events").appendIndex(i));
        if (BackupVaultEvents.DEPRECATED.containsKey(event)) {
          error("BC501", at, "vault event " + event + " is deprecated: AWS Backup accepts it but never sends it",
              "use " + BackupVaultEvents.DEPRECATED.get(event) + (BackupVaultEvents.DEPRECATED.get(event).endsWith("COMPLETED")
                  ? " (its State attribute tells success from failure; 'only_failures: true' on a subscription keeps the failures)"
                  : ""));
        } else if (!BackupVaultEvents.SUPPORTED.contains(event)) {
          String suggestion = Suggestions.closest(event, BackupVaultEvents.SUPPORTED).map(s -> "; did you mean '" + s + "'?")
              .orElse("");
          error("BC500", at, "'" + event + "' is not an AWS Backup vault event" + suggestion,
              "vault events: " + String.join(", ", BackupVaultEvents.SUPPORTED));
        } else if (!seen.add(event)) {
          error("BC500", at, "vault event " + event + " is listed twice", "list each event once");
        } else if (BackupVaultEvents.COPY_JOB.contains(event) && vault.location() == VaultLocation.CENTRAL_ACCOUNT) {
          warning("BC351", at, "vault '" + name + "' receives copies from other accounts, but their copy jobs run in those "
              + "accounts, and AWS Backup notifies only the vault's own account: " + event + " of those copies is sent to the "
              + "source vault's notifications", "list " + event + " on the source vaults (the vaults the plans back up to)");
        }
      }
    });
    c.notifications().topics().forEach((name, topic) -> {
      JsonPointer p = ptr("notifications", "topics", name);
      if (!TOPIC_NAME.matcher(name).matches()) {
        error("BC503", sourceMap.key(p), "topic name '" + name + "' is not a valid SNS topic name",
            "use 1-256 letters, digits, - and _");
      }
      for (int i = 0; i < topic.subscriptions().size(); i++) {
        checkSubscription(c, topic.subscriptions().get(i), p.appendProperty("subscriptions").appendIndex(i));
      }
      if (!used.contains(name)) {
        warning("BC360", sourceMap.key(p), "no vault publishes to topic '" + name + "', so it is not created",
            "name it in a vault's 'notifications: {topic: " + name + ", events: [...]}', or remove it");
      } else if (topic.subscriptions().isEmpty()) {
        warning("BC361", sourceMap.key(p), "topic '" + name + "' has no subscriptions: its events reach nobody",
            "add 'subscriptions: [{protocol: email, endpoint: <address>}]', or subscribe to it outside the catalogue");
      }
    });
  }

  /**
   * A queue of another account is subscribed by the queue's account: subscribed by the topic's
   * account, SNS waits for the queue owner's confirmation ("Sending Amazon SNS messages to an Amazon
   * SQS queue in a different account") and the Terraform AWS provider re-creates the subscription at
   * every apply (aws_sns_topic_subscription). So the queue's account must be one the catalogue
   * deploys to.
   */
  private void checkQueueAccount(Catalogue c, String queueArn, io.github.backupcatalogue.diagnostics.Position at) {
    String queueAccount = queueArn.split(":")[4];
    if (c.singleAccount() && c.account() == null) {
      return; // the catalogue's shape is reported elsewhere
    }
    boolean known = c.singleAccount() ? queueAccount.equals(c.account().id())
        : c.organization().accounts().values().stream().anyMatch(a -> a != null && queueAccount.equals(a.id()));
    if (known) {
      return;
    }
    error("BC555", at, "SQS queue '" + queueArn + "' is in account " + queueAccount + ", which is not in the catalogue: "
            + "a queue of another account must be subscribed by its own account (subscribed by the topic's account, it waits "
            + "for the queue owner's confirmation and Terraform re-creates it at every apply)",
        c.singleAccount()
            ? "use a queue of account " + c.account().id() + ", or subscribe the queue from account " + queueAccount
                + " outside the catalogue (the topic policy must then let that account subscribe) and remove this subscription"
            : "add account " + queueAccount + " to organization.accounts so that its own module subscribes the queue, or "
                + "subscribe the queue from that account outside the catalogue and remove this subscription");
  }

  private void checkSubscription(Catalogue c, Subscription s, JsonPointer p) {
    if (s.protocol() == null) {
      error("BC503", sourceMap.key(p), "a subscription needs a protocol", "add 'protocol: email', 'https' or 'sqs'");
      return;
    }
    if (s.endpoint() == null) {
      error("BC503", sourceMap.key(p), "a subscription needs an endpoint", "add 'endpoint: <address, URL or queue ARN>'");
      return;
    }
    var at = sourceMap.value(p.appendProperty("endpoint"));
    switch (s.protocol()) {
      case EMAIL -> {
        if (!EMAIL.matcher(s.endpoint()).matches()) {
          error("BC503", at, "'" + s.endpoint() + "' is not an email address", "write name@example.com");
        }
      }
      case HTTPS -> {
        if (!HTTPS.matcher(s.endpoint()).matches()) {
          error("BC503", at, "'" + s.endpoint() + "' is not an https:// URL",
              "write https://host/path; plain http would send backup events unencrypted");
        }
      }
      case SQS -> {
        if (!SQS_ARN.matcher(s.endpoint()).matches()) {
          error("BC503", at, "'" + s.endpoint() + "' is not an SQS queue ARN",
              "write arn:aws:sqs:<region>:<account id>:<queue name> (the ARN, not the queue URL)");
        } else {
          checkQueueAccount(c, s.endpoint(), at);
        }
      }
    }
  }
}
