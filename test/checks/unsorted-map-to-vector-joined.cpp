// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// Orders that escape through a string joined from the copy, and copies of
// pairs built from the key and the value that are sorted by key.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// A cache key joined from the parameters: equal sets of parameters must give
// equal keys, and the joined string follows the copy's order.
std::string cacheKey(
    const std::unordered_map<std::string, std::string> &params) {
  std::vector<std::string> parts;
  std::transform(params.begin(), params.end(), std::back_inserter(parts),
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'parts' takes the iteration order of 'params', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+5]]:27: note: the order is relied on here
                 [](const auto &p) { return p.first + "=" + p.second; });
  // CHECK-FIXES: {{^}}                 [](const auto &p) { return p.first + "=" + p.second; });{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(parts.begin(), parts.end());{{$}}
  std::string key;
  for (const auto &part : parts)
    key += part + "&";
  return key;
}

std::string joinedNames(const std::unordered_map<std::string, int> &users) {
  std::vector<std::string> names;
  for (const auto &user : users)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'names' takes the iteration order of 'users', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(names.begin(), names.end());{{$}}
    names.push_back(user.first + ",");
  return std::accumulate(names.begin(), names.end(), std::string());
}

// The twins: sorted before joining, and sums of numbers, do not depend on
// the order.
std::string sortedKey(
    const std::unordered_map<std::string, std::string> &params) {
  std::vector<std::string> parts;
  std::transform(params.begin(), params.end(), std::back_inserter(parts),
                 [](const auto &p) { return p.first + "=" + p.second; });
  std::sort(parts.begin(), parts.end());
  std::string key;
  for (const auto &part : parts)
    key += part + "&";
  return key;
}

long total(const std::unordered_map<std::string, int> &counts) {
  std::vector<int> values;
  for (const auto &entry : counts)
    values.push_back(entry.second);
  long sum = 0;
  for (int value : values)
    sum += value + 1;
  return std::accumulate(values.begin(), values.end(), sum);
}

// Pairs emplaced from the key and the value, then sorted by key with a
// generic lambda: the map can keep that order.
static std::vector<std::pair<std::string, int>> report() {
  std::unordered_map<std::string, int> totals;
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<std::string, int> totals;{{$}}
  totals["b"] = 2;
  totals["a"] = 1;
  std::vector<std::pair<std::string, int>> rows;
  for (const auto &entry : totals)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' copies 'totals' and sorts the copy by key every time (O(n log n)); keeping 'totals' ordered gives that order without sorting [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: sorted here
    rows.emplace_back(entry.first, entry.second);
  std::sort(rows.begin(), rows.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  return rows;
}

// The twin emplaces the value first: sorting by .first sorts by value.
static std::vector<std::pair<int, std::string>> byValue() {
  std::unordered_map<std::string, int> totals;
  totals["b"] = 1;
  totals["a"] = 2;
  std::vector<std::pair<int, std::string>> rows;
  for (const auto &entry : totals)
    rows.emplace_back(entry.second, entry.first);
  std::sort(rows.begin(), rows.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  return rows;
}

int main() {
  std::printf("%zu\n", cacheKey({{"a", "1"}, {"b", "2"}, {"c", "3"}}).size());
  std::printf("%zu\n", joinedNames({{"x", 1}, {"y", 2}, {"z", 3}}).size());
  std::printf("%s %ld\n", sortedKey({{"a", "1"}}).c_str(), total({{"a", 1}}));
  for (const auto &row : report())
    std::printf("%s:%d ", row.first.c_str(), row.second);
  for (const auto &row : byValue())
    std::printf("%d:%s ", row.first, row.second.c_str());
  std::printf("\n");
}
