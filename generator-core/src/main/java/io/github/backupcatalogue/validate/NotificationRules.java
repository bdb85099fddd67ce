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
 * catalogue (BC555), unused or unsubscribed topics (BC360, BC361); organization-wide job events
 * (BC161, BC162, BC550-BC554, BC370).
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
    String eventsTopic = checkOrganizationEvents(c);
    if (eventsTopic != null) {
      used.add(eventsTopic);
    }
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
            "name it in a vault's 'notifications: {topic: " + name + ", events: [...]}' or in "
                + "'notifications.organization_events.topic', or remove it");
      } else if (topic.subscriptions().isEmpty()) {
        warning("BC361", sourceMap.key(p), "topic '" + name + "' has no subscriptions: its events reach nobody",
            "add 'subscriptions: [{protocol: email, endpoint: <address>}]', or subscribe to it outside the catalogue");
      }
    });
  }

  /**
   * notifications.organization_events: an organization catalogue (BC550), a known topic (BC554,
   * BC161), a known receiving account that is not the central backup account (BC162, BC553), job
   * types and states AWS Backup has (BC551, BC552); warnings when the events go to the management
   * account by default (BC370) and for a job type none of whose states is listed (BC371).
   *
   * @return the topic it names when that topic exists, else null
   */
  private String checkOrganizationEvents(Catalogue c) {
    var events = c.notifications().organizationEvents();
    if (events == null) {
      return null;
    }
    JsonPointer p = ptr("notifications", "organization_events");
    if (c.organization() == null) {
      error("BC550", sourceMap.key(p), "organization_events needs an organization: a single account has no other accounts "
          + "to collect job events from", "remove it and use vault notifications ('vaults.<name>.notifications'), which "
          + "reach the account's own topic");
      return null;
    }
    String topic = null;
    Set<String> topics = c.notifications().topics().keySet();
    if (events.topic() == null) {
      error("BC554", sourceMap.key(p), "organization_events names no topic", "add 'topic: <name>' naming a topic of "
          + "notifications.topics" + (topics.isEmpty() ? "" : " (defined: " + String.join(", ", new TreeSet<>(topics)) + ")"));
    } else if (topics.contains(events.topic())) {
      topic = events.topic();
    } else {
      String suggestion = Suggestions.closest(events.topic(), topics).map(s -> "; did you mean '" + s + "'?").orElse("");
      error("BC161", sourceMap.value(p.appendProperty("topic")), "unknown notification topic '" + events.topic() + "'" + suggestion,
          topics.isEmpty() ? "define it under notifications.topics" : "defined: " + String.join(", ", new TreeSet<>(topics)));
    }
    var org = c.organization();
    if (events.account() != null) {
      Set<String> accounts = org.accounts().keySet();
      if (!accounts.contains(events.account())) {
        String suggestion = Suggestions.closest(events.account(), accounts).map(s -> "; did you mean '" + s + "'?").orElse("");
        error("BC162", sourceMap.value(p.appendProperty("account")), "unknown account '" + events.account() + "'" + suggestion,
            "name an account of organization.accounts; leave it out for the delegated administrator");
      }
    } else if (org.delegatedAdministrators().isEmpty()) {
      warning("BC370", sourceMap.key(p), "organization_events go to the management account '" + org.managementAccount()
          + "': there is no delegated administrator", "AWS recommends keeping workloads out of the management account: "
          + "add 'account: <name>' (e.g. a security or backup administration account), or acknowledge this");
    }
    String receiver = events.account() != null ? events.account()
        : org.delegatedAdministrators().isEmpty() ? org.managementAccount() : org.delegatedAdministrators().get(0);
    if (receiver.equals(org.centralBackupAccount())) {
      error("BC553", events.account() != null ? sourceMap.value(p.appendProperty("account")) : sourceMap.key(p),
          "the central backup account '" + receiver + "' cannot receive organization_events: its module is applied after the "
              + "accounts copying into it (its key policies name their backup roles), while their forwarding rules need its "
              + "event bus first", "name another account in 'account:', e.g. a delegated administrator");
    }
    JsonPointer typesAt = p.appendProperty("job_types");
    if (events.jobTypes().isEmpty()) {
      error("BC551", sourceMap.value(typesAt), "organization_events lists no job types",
          "list some of " + String.join(", ", BackupJobEvents.TYPES.keySet()) + ", or leave 'job_types' out for all of them");
    }
    Set<String> seenTypes = new HashSet<>();
    List<BackupJobEvents.JobType> types = new java.util.ArrayList<>();
    for (int i = 0; i < events.jobTypes().size(); i++) {
      String type = events.jobTypes().get(i);
      var at = sourceMap.value(typesAt.appendIndex(i));
      if (!BackupJobEvents.TYPES.containsKey(type)) {
        String suggestion = Suggestions.closest(type, BackupJobEvents.TYPES.keySet()).map(s -> "; did you mean '" + s + "'?")
            .orElse("");
        error("BC551", at, "'" + type + "' is not a job type of AWS Backup's events" + suggestion,
            "job types: " + String.join(", ", BackupJobEvents.TYPES.keySet()));
      } else if (!seenTypes.add(type)) {
        error("BC551", at, "job type " + type + " is listed twice", "list each job type once");
      } else {
        types.add(BackupJobEvents.TYPES.get(type));
      }
    }
    JsonPointer statesAt = p.appendProperty("states");
    if (events.states().isEmpty()) {
      error("BC552", sourceMap.value(statesAt), "organization_events lists no job states",
          "list the states to alert on, e.g. [FAILED, ABORTED, EXPIRED, PARTIAL], or leave 'states' out for those");
    }
    Set<String> seenStates = new HashSet<>();
    for (int i = 0; i < events.states().size(); i++) {
      String state = events.states().get(i);
      var at = sourceMap.value(statesAt.appendIndex(i));
      if (!BackupJobEvents.allStates().contains(state)) {
        String suggestion = Suggestions.closest(state, BackupJobEvents.allStates()).map(s -> "; did you mean '" + s + "'?")
            .orElse("");
        error("BC552", at, "'" + state + "' is not a state of AWS Backup's jobs" + suggestion,
            "states: " + String.join(", ", BackupJobEvents.allStates()));
      } else if (!seenStates.add(state)) {
        error("BC552", at, "job state " + state + " is listed twice", "list each state once");
      } else if (!types.isEmpty() && types.stream().noneMatch(t -> t.states().contains(state))) {
        List<String> having = BackupJobEvents.TYPES.values().stream().filter(t -> t.states().contains(state))
            .map(BackupJobEvents.JobType::name).toList();
        error("BC552", at, "no listed job type has state " + state + ": only " + String.join(" and ", having) + " jobs do",
            "add " + String.join(" or ", having) + " to 'job_types', or remove " + state);
      }
    }
    if (seenStates.stream().anyMatch(st -> BackupJobEvents.allStates().contains(st))) {
      for (int i = 0; i < events.jobTypes().size(); i++) {
        var type = BackupJobEvents.TYPES.get(events.jobTypes().get(i));
        if (type != null && BackupJobEvents.statesOf(type, events.states()).isEmpty()
            && events.jobTypes().indexOf(type.name()) == i) {
          warning("BC371", sourceMap.value(typesAt.appendIndex(i)), type.name() + " jobs have none of the listed states, so "
              + "none of their events is forwarded", "their states: " + String.join(", ", type.states())
              + "; add one to 'states', or remove " + type.name() + " from 'job_types'");
        }
      }
    }
    return topic;
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
