// Interfaces of the example event service.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct Event {
  std::string source;
  std::string kind;
  int64_t timestamp_ms;
  double value;
};

// Totals per event kind, reported in a stable order.
class EventAggregator {
public:
  void record(const Event &event);
  std::vector<std::pair<std::string, double>> sortedTotals() const;
  std::vector<std::string> kinds() const;

private:
  std::unordered_map<std::string, double> totals_;
};

// Next run time per (tenant, job).
class SchedulerCache {
public:
  void schedule(const std::string &tenant, const std::string &job, int64_t at);
  int64_t nextRun(const std::string &tenant, const std::string &job) const;
  bool has(const std::string &tenant, const std::string &job) const;
  std::string lastRunKey(const std::string &tenant, int64_t at) const;

private:
  std::unordered_map<std::string, std::unordered_map<std::string, int64_t>> next_;
  std::unordered_map<std::string, int64_t> last_by_key_;
};

// Count events per source (or kind) on several threads.
std::unordered_map<std::string, int> countBySource(const std::vector<Event> &events,
                                                   int threads);
std::unordered_map<std::string, int> countByKind(const std::vector<Event> &events,
                                                 int threads);

// Encoders for the wire format.
std::vector<uint8_t> encodeValues(const std::vector<Event> &events);
std::vector<std::string> labels(const std::vector<Event> &events);
std::unordered_map<std::string, size_t> indexBySource(const std::vector<Event> &events);
std::string checksumText(const std::vector<uint8_t> &bytes);
