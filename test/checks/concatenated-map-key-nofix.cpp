// RUN: %check_maptidy %s maptidy-concatenated-map-key %t -- -- -std=c++17
// Glued keys that cannot be re-keyed here: warn with a note, no fix.
#include <fmt/format.h>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>

// Formatted keys are found too; this map is visible to other files.
std::unordered_map<std::string, int> hits;
void hit(const std::string &path, int status) {
  ++hits[fmt::format("{} {}", path, status)];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the key of 'hits' is formatted from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES: :[[@LINE-4]]:38: note: 'hits' is visible outside this translation unit; 'maptidy -p <build> --fix' on the whole project rewrites it in every file
}

// Accesses that build the key differently cannot share one pair key.
int mixedShapes(const std::string &a, const std::string &b) {
  std::map<std::string, int> counts;
  counts[a + "/" + b] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the key of 'counts' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES: :[[@LINE+1]]:10: note: this use does not build its key the same way; no fix is offered
  return counts[a + ":" + b];
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the key of 'counts' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
}

// Floating-point text rounds: a pair key would split keys the string merges.
int rounded(double lat, double lon) {
  std::map<std::string, int> cells;
  cells[std::to_string(lat) + "," + std::to_string(lon)] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the key of 'cells' is concatenated from 2 parts on every access; key it by std::pair<double, double> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: a key of these parts would tell apart values that the string merges; no fix is offered
  return cells.size() == 1 ? 1 : 0;
}

// A key streamed into an ostringstream.
int streamed(const std::string &user, int id) {
  std::unordered_map<std::string, int> sessions;
  std::ostringstream key;
  key << user << '#' << id;
  sessions[key.str()] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the key of 'sessions' is streamed from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the key is streamed in other statements; no fix is offered
  return static_cast<int>(sessions.size());
}

// Members that no set keyed by the parts offers the same way: nodes handed
// out, buckets, merging.
int setNodes(const std::string &a, const std::string &b) {
  std::unordered_set<std::string> seen;
  seen.insert(a + "/" + b);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
  auto node = seen.extract(a + "/" + b);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'extract' is not rewritten for a key of parts; no fix is offered
  return static_cast<int>(seen.count(a + "/" + b) + node.empty());
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
}

int setBuckets(const std::string &a, const std::string &b) {
  std::unordered_set<std::string> seen;
  seen.insert(a + "/" + b);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
  return static_cast<int>(seen.count(a + "/" + b) + seen.bucket(a + "/" + b));
  // CHECK-MESSAGES: :[[@LINE-1]]:53: note: 'bucket' is not rewritten for a key of parts; no fix is offered
  // CHECK-MESSAGES: :[[@LINE-2]]:38: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
}

int setMerged(const std::string &a, const std::string &b,
              std::unordered_set<std::string> &other) {
  std::unordered_set<std::string> seen;
  seen.insert(a + "/" + b);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
  seen.merge(other);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'merge' is not rewritten for a key of parts; no fix is offered
  return static_cast<int>(seen.count(a + "/" + b));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
}
