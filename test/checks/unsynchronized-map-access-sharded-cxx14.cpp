// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++14 -pthread
// maptidy::sharded_map needs C++17: older code gets the warning and a note.
#include <thread>
#include <unordered_map>

int shared() {
  std::unordered_map<int, int> counts;
  std::thread a([&counts] { counts[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: {{warning|error}}: 'counts' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:29: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: no fix: maptidy::sharded_map needs C++17
  std::thread b([&counts] { counts[2] = 2; });
  a.join();
  b.join();
  return static_cast<int>(counts.size());
}
