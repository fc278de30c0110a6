// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++20
// Loops with a known trip count that fill an empty container: every loop shape.
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct Event {
  int id;
  std::string name;
};

static void print(const std::vector<int> &values) {
  for (int v : values)
    std::printf("%d ", v);
  std::printf("\n");
}

static void countingLoops(int n, unsigned u, long first, long last) {
  std::vector<int> up;
  for (int i = 0; i < n; ++i)
    up.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'up' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}#include <algorithm>{{$}}
    // CHECK-FIXES: {{^}}  up.reserve(std::max(n, 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < n; ++i){{$}}
  print(up);

  std::vector<int> inclusive;
  for (int i = 1; i <= n; i++)
    inclusive.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'inclusive' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  inclusive.reserve(std::max(n, 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 1; i <= n; i++){{$}}
  print(inclusive);

  std::vector<int> notEqual;
  for (unsigned i = 0; i != u; i += 1)
    notEqual.emplace_back(static_cast<int>(i));
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'notEqual' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  notEqual.reserve(u);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (unsigned i = 0; i != u; i += 1){{$}}
  print(notEqual);

  std::vector<int> down;
  for (int i = n; i > 0; --i)
    down.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'down' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  down.reserve(std::max(n, 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = n; i > 0; --i){{$}}
  print(down);

  std::vector<int> downToZero;
  for (int i = n - 1; i >= 0; i--)
    downToZero.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'downToZero' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  downToZero.reserve(std::max(n, 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = n - 1; i >= 0; i--){{$}}
  print(downToZero);

  std::vector<int> fromFirst;
  for (long i = first; i < last; ++i)
    fromFirst.push_back(static_cast<int>(i));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fromFirst' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  fromFirst.reserve(std::max(last - first, 0L));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (long i = first; i < last; ++i){{$}}
  print(fromFirst);

  std::vector<int> unsignedRange;
  for (unsigned i = u / 2; i < u; ++i)
    unsignedRange.push_back(static_cast<int>(i));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'unsignedRange' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  unsignedRange.reserve(u > (u / 2) ? u - (u / 2) : 0);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (unsigned i = u / 2; i < u; ++i){{$}}
  print(unsignedRange);

  std::vector<int> lastIndex;
  for (int i = 0; i <= n - 1; ++i)
    lastIndex.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'lastIndex' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  lastIndex.reserve(std::max(n, 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i <= n - 1; ++i){{$}}
  print(lastIndex);

  // A named constant bound keeps its name; a literal stays a number.
  const int kRows = 3;
  std::vector<int> named;
  for (int i = 0; i < kRows; ++i)
    named.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'named' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  named.reserve(kRows);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < kRows; ++i){{$}}
  print(named);

  std::vector<int> namedPairs;
  for (int i = 0; i < kRows; ++i) {
    namedPairs.push_back(i);
    namedPairs.push_back(-i);
  }
    // CHECK-MESSAGES: :[[@LINE-3]]:16: warning: 'namedPairs' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  namedPairs.reserve(2 * kRows);{{$}}
  print(namedPairs);

  std::vector<int> namedSum;
  for (int i = 0; i < kRows + 2; ++i)
    namedSum.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'namedSum' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  namedSum.reserve(kRows + 2);{{$}}
  print(namedSum);

  std::vector<int> literalPairs;
  for (int i = 1; i <= 3; ++i) {
    literalPairs.push_back(i);
    literalPairs.push_back(-i);
  }
    // CHECK-MESSAGES: :[[@LINE-3]]:18: warning: 'literalPairs' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  literalPairs.reserve(6);{{$}}
  print(literalPairs);
}

static void rangeLoops(const std::vector<Event> &events,
                       const std::map<int, int> &ordered,
                       const std::set<std::string> &names,
                       const std::unique_ptr<std::vector<int>> &owned) {
  std::vector<int> ids;
  for (const Event &e : events)
    ids.push_back(e.id);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ids' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  ids.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events){{$}}
  print(ids);

  std::vector<int> keys;
  for (const auto &entry : ordered)
    keys.push_back(entry.first);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'keys' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  keys.reserve(ordered.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const auto &entry : ordered){{$}}
  print(keys);

  std::vector<std::string> copies;
  for (const std::string &name : names)
    copies.push_back(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'copies' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  copies.reserve(names.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const std::string &name : names){{$}}
  std::printf("%zu\n", copies.size());

  int raw[4] = {4, 3, 2, 1};
  std::vector<int> fromArray;
  for (int v : raw)
    fromArray.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fromArray' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  fromArray.reserve(4);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : raw){{$}}
  print(fromArray);

  std::array<int, 3> fixed = {7, 8, 9};
  std::vector<int> fromStdArray;
  for (int v : fixed)
    fromStdArray.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'fromStdArray' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  fromStdArray.reserve(fixed.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : fixed){{$}}
  print(fromStdArray);

  std::vector<int> fromList;
  for (int v : {5, 6})
    fromList.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fromList' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  fromList.reserve(2);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : {5, 6}){{$}}
  print(fromList);

  std::vector<int> fromPointer;
  for (int v : *owned)
    fromPointer.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'fromPointer' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  fromPointer.reserve(owned->size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : *owned){{$}}
  print(fromPointer);
}

static void iteratorLoops(const std::map<int, int> &ordered) {
  std::vector<int> values;
  for (auto it = ordered.begin(); it != ordered.end(); ++it)
    values.push_back(it->second);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'values' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  values.reserve(ordered.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (auto it = ordered.begin(); it != ordered.end(); ++it){{$}}
  print(values);

  std::vector<int> constValues;
  for (auto it = ordered.cbegin(); ordered.cend() != it; it++)
    constValues.push_back(it->first);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'constValues' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  constValues.reserve(ordered.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (auto it = ordered.cbegin(); ordered.cend() != it; it++){{$}}
  print(constValues);
}

static void bodies(const std::vector<Event> &events) {
  std::vector<int> twice;
  std::vector<std::string> labels;
  int total = 0;
  for (const Event &e : events) {
    total += e.id;
    twice.push_back(e.id);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'twice' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  twice.reserve(2 * events.size());{{$}}
    // CHECK-FIXES: {{^}}  labels.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events) {{{$}}
    {
      labels.push_back(e.name);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'labels' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    }
    twice.push_back(-e.id);
    if (e.id > 1)
      twice.push_back(0);
  }
  print(twice);
  std::printf("%d %zu\n", total, labels.size());
}

static void strings(const std::vector<Event> &events) {
  std::string initials;
  for (const Event &e : events)
    initials.push_back(e.name[0]);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'initials' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  initials.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events){{$}}
  std::string bytes;
  for (int i = 0; i < 26; ++i)
    bytes += static_cast<char>('a' + i);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'bytes' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  bytes.reserve(26);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 26; ++i){{$}}
  std::printf("%s %s\n", initials.c_str(), bytes.c_str());
}

static void hashes(const std::vector<Event> &events) {
  std::unordered_map<int, std::string> byId;
  for (const Event &e : events)
    byId[e.id] = e.name;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'byId' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  byId.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events){{$}}
  std::unordered_map<std::string, int> byName;
  for (const Event &e : events)
    byName.emplace(e.name, e.id);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'byName' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  byName.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events){{$}}
  std::unordered_map<int, int> tried;
  for (const Event &e : events)
    tried.try_emplace(e.id, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'tried' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  tried.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events){{$}}
  std::unordered_map<int, int> assigned;
  for (const Event &e : events)
    assigned.insert_or_assign(e.id, 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'assigned' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  assigned.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events){{$}}
  std::unordered_set<int> seen;
  for (const Event &e : events)
    seen.insert(e.id);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'seen' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  seen.reserve(events.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (const Event &e : events){{$}}
  std::printf("%zu %zu %zu %zu %zu\n", byId.size(), byName.size(),
              tried.size(), assigned.size(), seen.size());
}

int main() {
  countingLoops(4, 6, 2, 5);
  std::vector<Event> events = {{1, "one"}, {2, "two"}, {3, "three"}};
  std::map<int, int> ordered = {{1, 10}, {2, 20}};
  std::set<std::string> names = {"a", "b"};
  auto owned = std::make_unique<std::vector<int>>(std::vector<int>{1, 2, 3});
  rangeLoops(events, ordered, names, owned);
  iteratorLoops(ordered);
  bodies(events);
  strings(events);
  hashes(events);
}
