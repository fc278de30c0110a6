// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// A constant bound written as a macro keeps its name in the reserve, as a
// named constant does: `arraysize(kinds)` (re2's tester.cc), `kMaxSlots`.
// A macro that spells only part of the bound, or a literal, gives the number.
#include <cstddef>
#include <cstdio>
#include <vector>

#define arraysize(array) (sizeof(array) / sizeof((array)[0]))
#define MAX_SLOTS 4
#define HALF(n) n / 2

static int kinds[] = {1, 2, 3};
static int modes[] = {1, 2, 3, 4, 5};

static std::vector<int> allKinds() {
  std::vector<int> v;
  for (std::size_t i = 0; i < arraysize(kinds); i++)
    v.push_back(kinds[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  v.reserve(arraysize(kinds));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (std::size_t i = 0; i < arraysize(kinds); i++){{$}}
  return v;
}

static std::vector<int> allPairs() {
  std::vector<int> v;
  for (std::size_t i = 0; i < arraysize(kinds); i++)
    for (std::size_t j = 0; j < arraysize(modes); j++)
      v.push_back(kinds[i] * modes[j]);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'v' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  v.reserve(arraysize(kinds) * arraysize(modes));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (std::size_t i = 0; i < arraysize(kinds); i++){{$}}
  return v;
}

static std::vector<int> slots() {
  std::vector<int> v;
  for (int i = 0; i < MAX_SLOTS; i++)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  v.reserve(MAX_SLOTS);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < MAX_SLOTS; i++){{$}}
  return v;
}

// The macro spells part of the bound: the number.
static std::vector<int> partly() {
  std::vector<int> v;
  for (int i = 0; i < HALF(8) + 1; i++)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  v.reserve(5);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < HALF(8) + 1; i++){{$}}
  return v;
}

// A literal stays a literal.
static std::vector<int> literal() {
  std::vector<int> v;
  for (int i = 0; i < 6; i++)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  v.reserve(6);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 6; i++){{$}}
  return v;
}

int main() {
  std::printf("%zu %zu %zu %zu %zu\n", allKinds().size(), allPairs().size(), slots().size(),
              partly().size(), literal().size());
  return 0;
}
