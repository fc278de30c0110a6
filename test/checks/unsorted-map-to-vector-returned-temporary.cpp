// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// A vector built from an unordered container in the return statement itself
// hands its unspecified order to the callers, as a named copy returned does.
// The fix names the copy and sorts it, or makes a local source ordered.
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
// CHECK-FIXES: {{^}}#include <maptidy/skiplist_map.hpp>{{$}}

// Visible to other files: their callers are not seen.
std::vector<std::string> tagList(const std::unordered_set<std::string> &tags) {
  return std::vector<std::string>(tags.begin(), tags.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the returned vector takes the iteration order of 'tags', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-FIXES: {{^}}  std::vector<std::string> sorted(tags.begin(), tags.end());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(sorted.begin(), sorted.end());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return sorted;{{$}}
}

// Braced: the vector's type is the function's return type.
std::vector<std::pair<std::string, int>>
entries(const std::unordered_map<std::string, int> &counts) {
  return {counts.begin(), counts.end()};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the returned vector takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-FIXES: {{^}}  std::vector<std::pair<std::string, int>> sorted{counts.begin(), counts.end()};{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(sorted.begin(), sorted.end());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return sorted;{{$}}
}

// A name the function uses is not taken.
using Ids = std::vector<int>;
Ids idsOf(const std::unordered_set<int> &live, int sorted) {
  if (sorted < 0)
    return {};
  return Ids(live.begin(), live.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the returned vector takes the iteration order of 'live', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-FIXES: {{^}}  Ids result(live.begin(), live.end());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(result.begin(), result.end());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return result;{{$}}
}

// A local source becomes ordered instead: no sort is needed.
std::vector<std::pair<std::string, int>>
tally(const std::vector<std::string> &words) {
  std::unordered_map<std::string, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<std::string, int> counts;{{$}}
  for (const auto &word : words)
    ++counts[word];
  return std::vector<std::pair<std::string, int>>(counts.begin(),
                                                  counts.end());
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: the returned vector takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE-3]]:51: note: 'counts' becomes a maptidy::skiplist_map, which iterates in key order
  // CHECK-FIXES: {{^}}  return std::vector<std::pair<std::string, int>>(counts.begin(),{{$}}
}

// The body of an if: reported, with no place for the sort.
std::vector<int> maybeIds(const std::unordered_set<int> &live, bool wanted) {
  if (wanted)
    return std::vector<int>(live.begin(), live.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the returned vector takes the iteration order of 'live', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-FIXES: {{^}}    return std::vector<int>(live.begin(), live.end());{{$}}
  return {};
}

// Only this file calls it, and its one caller relies on the order.
static std::vector<std::string> userNames(
    const std::unordered_set<std::string> &users) {
  std::vector<std::string> unused;
  (void)unused;
  return {users.begin(), users.end()};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the returned vector takes the iteration order of 'users', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
}

// Silent: every caller puts the names in a set.
static std::vector<std::string> roleNames(
    const std::unordered_set<std::string> &roles) {
  return std::vector<std::string>(roles.begin(), roles.end());
}

// Silent: not a vector.
std::set<std::string> roleSet(const std::unordered_set<std::string> &roles) {
  return std::set<std::string>(roles.begin(), roles.end());
}

// Silent: ordered sources.
std::vector<std::string> ordered(const std::set<std::string> &names) {
  return {names.begin(), names.end()};
}

// One element each: the program prints the same before and after the fixes.
int main() {
  for (const std::string &tag : tagList({"a"}))
    std::printf("%s\n", tag.c_str());
  for (const auto &[name, count] : entries({{"x", 1}}))
    std::printf("%s=%d\n", name.c_str(), count);
  for (int id : idsOf({3}, 1))
    std::printf("%d\n", id);
  for (const auto &[word, count] : tally({"b", "b"}))
    std::printf("%s=%d\n", word.c_str(), count);
  std::printf("%zu\n", maybeIds({1}, true).size());
  for (const std::string &user : userNames({"u"}))
    std::printf("%s\n", user.c_str());
  const std::vector<std::string> roles = roleNames({"r", "s"});
  const std::set<std::string> unique(roles.begin(), roles.end());
  std::printf("%zu %zu %zu\n", unique.size(), roleSet({"q"}).size(),
              ordered({"p"}).size());
}
