// RUN: %check_maptidy %s maptidy-nested-map-key,maptidy-concatenated-map-key,maptidy-unsorted-map-to-vector,maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Without maptidy's headers on the include path, the rewrites to maptidy's
// containers are not applied by --fix: they move to a note that says how to
// make the headers available. The file still builds.
#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

static int nested() {
  std::unordered_map<int, std::unordered_map<int, int>> grid;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'grid' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:57: note: this fix-it needs <maptidy/flat_map.hpp>, which is not on this file's include path: make maptidy's headers available (find_package(maptidy) and link maptidy::containers, or copy them with 'maptidy --install-headers DIR' and add DIR to the include path), then apply it with --fix-notes
  grid[1][2] = 3;
  return grid[1][2];
}

static int concatenated(const std::string &a, const std::string &b) {
  std::unordered_map<std::string, int> seen;
  seen[a + "/" + b] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES: :[[@LINE-3]]:40: note: this fix-it needs <maptidy/flat_map.hpp>, which is not on this file's include path
  return seen.count(a + "/" + b) ? 1 : 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the key of 'seen' is concatenated from 2 parts on every access
}

// The order escapes (returned to other files): without the header, the fix
// is a sort, and the ordered container is offered on a note. (A copy sorted
// on every call is reported only where the ordered container can be the fix.)
std::vector<int> escaping() {
  std::unordered_map<int, int> seen;
  seen[9] = 3;
  seen[3] = 1;
  seen[6] = 2;
  std::vector<int> ids;
  for (const auto &[id, count] : seen)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ids' takes the iteration order of 'seen', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+4]]:10: note: the order is relied on here
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: this fix-it needs <maptidy/skiplist_map.hpp>, which is not on this file's include path
  // CHECK-FIXES: {{^}}  std::sort(ids.begin(), ids.end());{{$}}
    ids.push_back(id);
  return ids;
}

static std::vector<int> sortedEveryCall() {
  std::unordered_map<int, int> seen;
  for (int i = 5; i > 0; --i)
    seen[i * 3] = i;
  std::vector<int> ids;
  for (const auto &[id, count] : seen)
    ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

static int shared() {
  std::unordered_map<int, int> progress;
  std::thread worker([&] { progress[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: {{warning|error}}: 'progress' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: this fix-it needs <maptidy/sharded_map.hpp>, which is not on this file's include path
  // CHECK-MESSAGES: :[[@LINE+1]]:22: note: concurrent access here
  const bool early = progress.empty();
  worker.join();
  return early ? static_cast<int>(progress.size()) : 1;
}

int main() {
  int sum = nested() + concatenated("a", "b") + shared();
  for (int id : sortedEveryCall())
    sum += id;
  for (int id : escaping())
    sum += id;
  std::printf("%d\n", sum);
}
