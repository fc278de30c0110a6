// Counts events with a pool of threads sharing one map.
#include "service.h"

#include <mutex>
#include <thread>

std::unordered_map<std::string, int> countBySource(const std::vector<Event> &events,
                                                   int threads) {
  std::unordered_map<std::string, int> counts;
  std::mutex counts_mutex;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (size_t i = t; i < events.size(); i += threads) {
        std::lock_guard<std::mutex> lock(counts_mutex);
        ++counts[events[i].source];
      }
    });
  }
  for (std::thread &worker : workers)
    worker.join();
  return counts;
}

// The same pool without the lock: every worker writes the shared map.
std::unordered_map<std::string, int> countByKind(const std::vector<Event> &events,
                                                 int threads) {
  std::unordered_map<std::string, int> counts;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (size_t i = t; i < events.size(); i += threads)
        ++counts[events[i].kind];
    });
  }
  for (std::thread &worker : workers)
    worker.join();
  return counts;
}
