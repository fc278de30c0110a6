// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++20
// Algorithms that append a known number of elements through an inserter.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

int main() {
  const std::vector<int> source = {3, 1, 2};
  const std::map<int, std::string> names = {{1, "one"}, {2, "two"}};
  int raw[3] = {7, 8, 9};

  std::vector<int> copied;
  std::copy(source.begin(), source.end(), std::back_inserter(copied));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'copied' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  copied.reserve(source.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::copy(source.begin(), source.end(), std::back_inserter(copied));{{$}}

  std::vector<int> counted;
  std::copy_n(source.begin(), 2, std::back_inserter(counted));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'counted' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  counted.reserve(2);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::copy_n(source.begin(), 2, std::back_inserter(counted));{{$}}

  std::vector<int> fromPointers;
  std::copy(raw, raw + 3, std::back_inserter(fromPointers));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fromPointers' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  fromPointers.reserve(3);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::copy(raw, raw + 3, std::back_inserter(fromPointers));{{$}}

  std::vector<std::string> transformed;
  std::transform(names.begin(), names.end(), std::back_inserter(transformed),
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'transformed' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  transformed.reserve(names.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::transform(names.begin(), names.end(), std::back_inserter(transformed),{{$}}
                 [](const auto &entry) { return entry.second; });

  std::vector<int> sums;
  std::transform(source.begin(), source.end(), source.begin(),
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sums' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  sums.reserve(source.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::transform(source.begin(), source.end(), source.begin(),{{$}}
                 std::back_inserter(sums), [](int a, int b) { return a + b; });

  std::unordered_set<int> unique;
  std::copy(source.cbegin(), source.cend(), std::inserter(unique, unique.end()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'unique' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  unique.reserve(source.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::copy(source.cbegin(), source.cend(), std::inserter(unique, unique.end()));{{$}}

  std::vector<int> ranged;
  std::ranges::copy(source, std::back_inserter(ranged));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'ranged' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  ranged.reserve(source.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::ranges::copy(source, std::back_inserter(ranged));{{$}}

  std::vector<int> doubled;
  std::ranges::transform(source, std::back_inserter(doubled),
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'doubled' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  doubled.reserve(source.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::ranges::transform(source, std::back_inserter(doubled),{{$}}
                         [](int v) { return v * 2; });

  std::vector<int> unknown;
  std::copy_if(source.begin(), source.end(), std::back_inserter(unknown),
               [](int v) { return v > 1; });

  std::printf("%zu %zu %zu %zu %zu %zu %zu %zu %zu\n", copied.size(),
              counted.size(), fromPointers.size(), transformed.size(),
              sums.size(), unique.size(), ranged.size(), doubled.size(),
              unknown.size());
}
