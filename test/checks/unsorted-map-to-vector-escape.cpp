// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++20 -I%maptidy_include
// The order of an unordered container escapes through a vector copy: a sort is
// inserted after the copy. Order-insensitive uses and sorts by value are silent.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

void send(const std::vector<std::string> &names);

// The order escapes: returned, passed on, printed, indexed, compared.
std::vector<std::pair<std::string, int>>
returned(const std::unordered_map<std::string, int> &counts) {
  std::vector<std::pair<std::string, int>> rows;
  for (const auto &entry : counts)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: the order is relied on here
    rows.push_back(entry);
  return rows;
}

void passed(const std::unordered_set<std::string> &tags) {
  std::vector<std::string> names(tags.begin(), tags.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'names' takes the iteration order of 'tags', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:8: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(rows.begin(), rows.end());{{$}}
  send(names);
}

void printed(const std::unordered_map<int, double> &totals) {
  std::vector<int> ids;
  for (auto it = totals.begin(); it != totals.end(); ++it)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ids' takes the iteration order of 'totals', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:17: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(names.begin(), names.end());{{$}}
    ids.push_back(it->first);
  for (int id : ids)
    std::printf("%d\n", id);
}

int first(const std::unordered_map<int, int> &m) {
  std::vector<int> values;
  std::transform(m.begin(), m.end(), std::back_inserter(values),
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'values' takes the iteration order of 'm', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(ids.begin(), ids.end());{{$}}
                 [](const auto &e) { return e.second; });
  return values[0];
}

bool same(const std::unordered_set<int> &a, const std::vector<int> &expected) {
  std::vector<int> copy;
  copy.assign(a.begin(), a.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'copy' takes the iteration order of 'a', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(values.begin(), values.end());{{$}}
  return copy == expected;
}

// Ordered comparison (C++20 rewrites it through operator<=>).
bool before(const std::unordered_set<int> &a, const std::vector<int> &expected) {
  std::vector<int> copy(a.begin(), a.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'copy' takes the iteration order of 'a', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(copy.begin(), copy.end());{{$}}
  return copy < expected;
}

struct Node {};
void byAddress(const std::unordered_map<const Node *, int> &ranks,
               std::vector<const Node *> &out) {
  std::vector<const Node *> nodes;
  for (const auto &[node, rank] : ranks)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'nodes' takes the iteration order of 'ranks', which is unspecified and changes from run to run (pointer keys), and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+4]]:9: note: the order is relied on here
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: sort by a field that identifies the objects; their addresses differ between runs
  // CHECK-FIXES: {{^}}  std::sort(copy.begin(), copy.end());{{$}}
    nodes.push_back(node);
  out = nodes;
}

// Only order-insensitive uses: silent.
int summed(const std::unordered_map<std::string, int> &counts) {
  std::vector<int> values;
  for (const auto &entry : counts)
    values.push_back(entry.second);
  int total = 0;
  for (int v : values)
    total += v;
  return total + static_cast<int>(values.size()) +
         *std::max_element(values.begin(), values.end());
}

std::set<std::string> asSet(const std::unordered_set<std::string> &tags) {
  std::vector<std::string> names(tags.begin(), tags.end());
  return std::set<std::string>(names.begin(), names.end());
}

// Sorted by a value field: silent.
std::vector<std::pair<std::string, int>>
byCount(const std::unordered_map<std::string, int> &counts) {
  std::vector<std::pair<std::string, int>> rows(counts.begin(), counts.end());
  std::sort(rows.begin(), rows.end(),
            [](const auto &a, const auto &b) { return a.second < b.second; });
  return rows;
}

// A static data member constructed from arguments in its out-of-line
// definition (the declaration in the class has no initializer): silent.
struct Pool {
  Pool(const char *, int) {}
};
struct Registry {
  static Pool Default;
};
Pool Registry::Default("", 0);

// Erased from, inserted into or looked up in another associative container,
// by index or by range-for: the order does not matter. Silent.
void pruned(std::unordered_map<std::string, int> &entries,
            const std::set<std::string> &dead) {
  std::vector<std::string> doomed;
  for (const auto &entry : entries)
    if (dead.count(entry.first))
      doomed.push_back(entry.first);
  for (size_t i = 0; i < doomed.size(); ++i)
    entries.erase(doomed[i]);
}

std::set<int> merged(const std::unordered_set<int> &a, std::set<int> seen) {
  std::vector<int> values(a.begin(), a.end());
  for (int v : values)
    if (!seen.count(v))
      seen.insert(v);
  return seen;
}

// Indexed and printed: the order escapes.
void indexedPrint(const std::unordered_set<int> &ids) {
  std::vector<int> listed(ids.begin(), ids.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'listed' takes the iteration order of 'ids', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:25: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(listed.begin(), listed.end());{{$}}
  for (size_t i = 0; i < listed.size(); ++i)
    std::printf("%d\n", listed[i]);
}
