// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++20
// Function templates (their written code, reported once), std::for_each
// and std::ranges::for_each with a lambda, and targets reached through a
// pointer or a reference parameter.
#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_set>
#include <vector>

template <class T> std::vector<T> copyAll(const std::vector<T> &in) {
  std::vector<T> out;
  for (auto &x : in)
    out.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  out.reserve(in.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (auto &x : in){{$}}
  return out;
}

template <class T>
void appendIndexed(const std::vector<T> &in, std::vector<T> &results) {
  for (size_t i = 0; i < in.size(); ++i)
    results.emplace_back(in[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'results' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  results.reserve(results.size() + in.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (size_t i = 0; i < in.size(); ++i){{$}}
}

template <class Key> struct Index {
  std::unordered_set<Key> keys;
  void addAll(const std::vector<Key> &more) {
    for (const Key &k : more)
      keys.insert(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'keys' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}    keys.reserve(keys.size() + more.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}    for (const Key &k : more){{$}}
  }
};

static void algorithms(const std::vector<int> &values) {
  std::vector<int> doubled;
  std::for_each(values.begin(), values.end(),
                [&](int v) { doubled.push_back(v * 2); });
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'doubled' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  doubled.reserve(values.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::for_each(values.begin(), values.end(),{{$}}
  std::vector<std::string> names;
  std::ranges::for_each(values, [&names](int v) {
    names.push_back(std::to_string(v));
  });
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: 'names' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  names.reserve(values.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::ranges::for_each(values, [&names](int v) {{{$}}
  std::printf("%zu %zu\n", doubled.size(), names.size());
}

static void throughPointer(const std::vector<int> &values,
                           std::vector<int> *out) {
  out->clear();
  for (int v : values)
    out->push_back(v + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  out->reserve(out->size() + values.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int v : values){{$}}
}

// Nothing dereferences the pointer before the loop: it may be null when the
// loop runs zero times, so the reserve() is left to the reader.
static void maybeNull(const std::vector<int> &values, std::vector<int> *out) {
  for (int v : values)
    out->push_back(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'out' is not dereferenced before the loop and may be null where the loop does not run; add 'out->reserve(out->size() + values.size());' yourself if it cannot be
}

int main() {
  const std::vector<int> values = {1, 2, 3};
  std::vector<int> copied = copyAll(values);
  std::vector<std::string> words = copyAll(std::vector<std::string>{"a"});
  appendIndexed(values, copied);
  Index<int> index;
  index.addAll(values);
  algorithms(values);
  std::vector<int> out = {7};
  throughPointer(values, &out);
  maybeNull({}, nullptr);
  maybeNull(values, &out);
  std::printf("%zu %zu %zu %zu\n", copied.size(), words.size(),
              index.keys.size(), out.size());
}
