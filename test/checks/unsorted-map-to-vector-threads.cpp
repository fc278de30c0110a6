// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -pthread -I%maptidy_include
// On another thread, no fix changes what other threads can reach: neither
// the vector a sort would reorder nor the map whose type would change. The
// finding stays, with a note.
#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

void publish(const std::vector<int> &ids);

// The vector belongs to the launching function.
void sharedVector(const std::unordered_set<int> &ids) {
  std::vector<int> listed;
  std::thread worker([&] {
    listed.assign(ids.begin(), ids.end());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'listed' takes the iteration order of 'ids', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+2]]:13: note: the order is relied on here
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: no fix: the copy runs on the thread started here, and other threads can reach 'listed'; changing it there could race with them
    publish(listed);
  });
  worker.join();
}

// The map is a local of the launching function that other threads use.
void sharedMap() {
  std::unordered_map<int, int> counts;
  counts[2] = 1;
  std::thread reader([&] {
    std::vector<int> keys;
    for (const auto &entry : counts)
      keys.push_back(entry.first);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'keys' takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+2]]:13: note: the order is relied on here
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: no fix: the copy runs on the thread started here, and other threads can reach 'counts'; changing it there could race with them
    publish(keys);
  });
  std::thread sorter([&] {
    std::vector<int> keys;
    for (const auto &entry : counts)
      keys.push_back(entry.first);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'keys' copies 'counts' and sorts the copy by key every time (O(n log n)); keeping 'counts' ordered gives that order without sorting [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+2]]:5: note: sorted here
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: no fix: the copy runs on the thread started here, and other threads can reach 'counts'; changing it there could race with them
    std::sort(keys.begin(), keys.end());
    publish(keys);
  });
  reader.join();
  sorter.join();
}

// The thread's own vector gets the sort; its own map the ordered container.
void ownData(const std::unordered_set<int> &ids) {
  std::thread worker([&] {
    std::vector<int> listed(ids.begin(), ids.end());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'listed' takes the iteration order of 'ids', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+2]]:13: note: the order is relied on here
    // CHECK-FIXES: {{^}}    std::sort(listed.begin(), listed.end());{{$}}
    publish(listed);
    std::unordered_map<std::string, int> seen;
    // CHECK-FIXES: {{^}}    maptidy::skiplist_map<std::string, int> seen;{{$}}
    seen["b"] = 1;
    std::vector<std::string> names;
    for (const auto &entry : seen)
      names.push_back(entry.first);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'names' takes the iteration order of 'seen', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+2]]:36: note: the order is relied on here
    // CHECK-MESSAGES: :[[@LINE-4]]:30: note: 'seen' becomes a maptidy::skiplist_map, which iterates in key order
    for (const std::string &name : names)
      std::puts(name.c_str());
  });
  worker.join();
}
