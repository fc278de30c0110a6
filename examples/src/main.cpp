// Feeds a few events through the service and prints the reports.
#include "service.h"

#include <cstdio>

int main() {
  const std::vector<Event> events = {
      {"api", "latency", 1000, 12.5}, {"db", "latency", 1010, 3.25},
      {"api", "errors", 1020, 1.0},   {"cache", "hits", 1030, 42.0}};
  EventAggregator aggregator;
  SchedulerCache scheduler;
  for (const Event &event : events) {
    aggregator.record(event);
    scheduler.schedule(event.source, event.kind, event.timestamp_ms + 60000);
  }
  for (const auto &row : aggregator.sortedTotals())
    std::printf("%s %.2f\n", row.first.c_str(), row.second);
  std::printf("next api/latency: %lld\n",
              static_cast<long long>(scheduler.nextRun("api", "latency")));
  std::printf("sources: %zu\n", countBySource(events, 2).size());
  std::printf("checksum: %s\n", checksumText(encodeValues(events)).c_str());
  std::printf("labels: %zu, indexed: %zu\n", labels(events).size(),
              indexBySource(events).size());
}
