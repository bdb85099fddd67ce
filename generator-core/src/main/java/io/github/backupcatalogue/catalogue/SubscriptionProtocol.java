package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a notification topic delivers. */
public enum SubscriptionProtocol {
  @JsonProperty("email")
  EMAIL,
  @JsonProperty("https")
  HTTPS,
  @JsonProperty("sqs")
  SQS
}
