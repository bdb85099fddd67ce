package io.github.backupcatalogue.catalogue;

import java.util.List;
import java.util.Map;

/**
 * One SNS topic for AWS Backup's vault events.
 *
 * @param subscriptions who receives the events
 * @param tags tags for the topic
 */
public record Topic(
    @Doc("Who receives the events: email addresses, HTTPS endpoints, SQS queues.") List<Subscription> subscriptions,
    @Doc("Tags for the topic.") Map<String, String> tags) {

  public Topic {
    subscriptions = Immutables.list(subscriptions);
    tags = Immutables.map(tags);
  }
}
