// Aggregates event values per kind.
#include "service.h"

#include <algorithm>

void EventAggregator::record(const Event &event) { totals_[event.kind] += event.value; }

// Called on every report: copies the hash map and sorts the copy each time.
std::vector<std::pair<std::string, double>> EventAggregator::sortedTotals() const {
  std::vector<std::pair<std::string, double>> rows;
  for (const auto &entry : totals_)
    rows.push_back(entry);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// The order of the returned kinds depends on the hash table.
std::vector<std::string> EventAggregator::kinds() const {
  std::vector<std::string> names;
  for (const auto &entry : totals_)
    names.push_back(entry.first);
  return names;
}
