// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// What one iteration adds: every append of the body counts, fixed-size
// string literals by their length, and one reserve() covers all of them.
#include <cstdio>
#include <string>
#include <vector>

static void strings(const std::vector<std::string> &words) {
  std::string quoted;
  for (const std::string &w : words) {
    quoted.push_back('"');
    quoted += w[0];
    quoted += "\", ";
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:12: warning: 'quoted' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  quoted.reserve(5 * words.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (const std::string &w : words) {{{$}}
  std::printf("%s\n", quoted.c_str());

  std::string arrows;
  for (int i = 0; i < 8; ++i)
    arrows.append("->");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'arrows' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  arrows.reserve(16);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 8; ++i){{$}}
  std::printf("%s\n", arrows.c_str());
}

// Several appends to one container in one body: one reserve() of the total.
static void severalAppends(const std::vector<int> &values) {
  std::vector<int> pairs;
  for (int v : values) {
    pairs.push_back(v);
    pairs.emplace_back(-v);
    pairs.insert(pairs.end(), 0);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:11: warning: 'pairs' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  pairs.reserve(3 * values.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int v : values) {{{$}}
  std::printf("%zu\n", pairs.size());

  // Reading an element back does not grow the vector.
  std::vector<int> squares;
  int sum = 0;
  for (int i = 0; i < 5; ++i) {
    squares.push_back(i * i);
    sum += squares[i];
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:13: warning: 'squares' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  squares.reserve(5);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 5; ++i) {{{$}}
  std::printf("%d\n", sum);
}

int main() {
  strings({"alpha", "beta"});
  severalAppends({1, 2});
}
