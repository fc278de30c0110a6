// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// A vector filled through a reference or pointer parameter leaves through it
// as a returned one does: the callers in this file decide, or, for a
// function other files can call, it is reported.
#include <algorithm>
#include <iostream>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// Other files can call it: reported; the caller's vector may hold elements
// already, so no sort is inserted.
void collectNames(const std::unordered_set<std::string> &known,
                  std::vector<std::string> *names) {
  for (const std::string &name : known)
    names->push_back(name);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'names' takes the iteration order of 'known', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: no fix: 'names' keeps the elements it held before the copy, which a sort would reorder too
}

// Cleared first: the sort is the fix.
void listIds(const std::unordered_set<int> &live, std::vector<int> &ids) {
  ids.clear();
  for (int id : live)
    ids.push_back(id);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'ids' takes the iteration order of 'live', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-FIXES: {{^}}    ids.push_back(id);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(ids.begin(), ids.end());{{$}}
}

// A pointer parameter, cleared first: the sort goes through the pointer.
void listPorts(const std::unordered_set<int> &open, std::vector<int> *ports) {
  ports->clear();
  for (int port : open)
    ports->push_back(port);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'ports' takes the iteration order of 'open', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-FIXES: {{^}}    ports->push_back(port);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(ports->begin(), ports->end());{{$}}
}

namespace {
// Only this file calls it, and a caller prints the vector: reported there.
void keysOf(const std::unordered_map<std::string, int> &counts,
            std::vector<std::string> &keys) {
  keys.clear();
  for (const auto &[key, count] : counts)
    keys.push_back(key);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'keys' takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-FIXES: {{^}}    keys.push_back(key);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(keys.begin(), keys.end());{{$}}
}

// Silent: its only caller sorts what it gets.
void valuesOf(const std::unordered_map<std::string, int> &counts,
              std::vector<int> *values) {
  for (const auto &[key, count] : counts)
    values->push_back(count);
}

// Silent: the function sorts the vector itself.
void sortedIds(const std::unordered_set<int> &live, std::vector<int> &ids) {
  for (int id : live)
    ids.push_back(id);
  std::sort(ids.begin(), ids.end());
}
} // namespace

void report(const std::unordered_map<std::string, int> &counts) {
  std::vector<std::string> keys;
  keysOf(counts, keys);
  for (const std::string &key : keys)
    std::cout << key << '\n';
  std::vector<int> values;
  valuesOf(counts, &values);
  std::sort(values.begin(), values.end());
  std::cout << values.size() << '\n';
}
