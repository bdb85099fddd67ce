package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A backup plan.
 *
 * @param regions the regions the plan runs in
 * @param rules the plan's rules by rule name
 * @param selections what the plan backs up, by selection name
 * @param advancedSettings Windows VSS
 * @param tags tags on the backup plan itself
 * @param malwareScanning the resource types whose recovery points the rules with {@code malware_scan} scan
 */
public record Plan(
    @Doc(value = "The regions the plan runs in.", example = "[eu-west-1]") @JsonProperty(required = true) List<String> regions,
    @Doc("The plan's rules by rule name.") @JsonProperty(required = true) Map<String, Rule> rules,
    @Doc("What the plan backs up, by selection name.") Map<String, Selection> selections,
    @Doc("Windows VSS.") AdvancedSettings advancedSettings,
    @Doc("Tags on the backup plan itself.") Map<String, String> tags,
    @Doc("Malware scanning with Amazon GuardDuty: the resource types whose recovery points the rules with malware_scan scan "
        + "(default: none).") MalwareScanning malwareScanning) {

  public Plan {
    regions = Immutables.list(regions);
    rules = Immutables.map(rules);
    selections = Immutables.map(selections);
    advancedSettings = Immutables.orDefault(advancedSettings, new AdvancedSettings(null));
    tags = Immutables.map(tags);
  }
}
