// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Known trip counts that cannot be spelled before the loop: warn, no fix.
#include <vector>

std::vector<int> makeValues();
int nextLimit();

#define FOR_EACH(v, range) for (int v : range)

void warnWithoutFix(const std::vector<int> &values, bool enabled, short small) {
  std::vector<int> fromTemporary;
  for (int v : makeValues())
    fromTemporary.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'fromTemporary' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the iteration count cannot be computed safely before the loop; no fix is offered

  std::vector<int> fromCall;
  for (int i = 0; i < nextLimit(); ++i)
    fromCall.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fromCall' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the iteration count cannot be computed safely before the loop; no fix is offered

  std::vector<int> underIf;
  if (enabled)
    for (int v : values)
      underIf.push_back(v);
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'underIf' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
      // CHECK-MESSAGES: :[[@LINE-3]]:5: note: a statement cannot be inserted before this loop; add 'underIf.reserve(values.size());' yourself

  std::vector<int> inMacro;
  FOR_EACH(v, values)
    inMacro.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'inMacro' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the iteration count cannot be computed safely before the loop; no fix is offered
    // CHECK-MESSAGES: :[[@LINE-27]]:28: note: expanded from macro 'FOR_EACH'

  std::vector<int> narrowBound;
  for (short i = 0; i < small; ++i)
    narrowBound.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'narrowBound' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the iteration count cannot be computed safely before the loop; no fix is offered
}
