package io.github.backupcatalogue.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleWordsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cron(0 2 ? * * *)|                |every day at 02:00 UTC",
      "cron(30 1 ? * SUN *)|             |every Sunday at 01:30 UTC",
      "cron(0 5 ? * MON-FRI *)|          |every Monday to Friday at 05:00 UTC",
      "cron(0 3 1 * ? *)|                |on day 1 of every month at 03:00 UTC",
      "cron(0 3 L * ? *)|                |on the last day of every month at 03:00 UTC",
      "cron(0 3 1 1,7 ? *)|              |on day 1 of every month in January and July at 03:00 UTC",
      "cron(15 * ? * * *)|               |every day, every hour at minute 15 (UTC)",
      "cron(0 3 ? * * *)|Europe/London   |every day at 03:00 Europe/London (03:00 UTC in January, 02:00 UTC in July)",
      "cron(0 9 ? * * *)|Asia/Tokyo      |every day at 09:00 Asia/Tokyo (00:00 UTC)",
      "cron(0 3 ? * 2#1 *)|              |on the schedule cron(0 3 ? * 2#1 *) (UTC)",
  })
  void schedulesInWords(String schedule, String timezone, String words) {
    assertThat(ScheduleWords.of(schedule, timezone)).isEqualTo(words);
  }
}
