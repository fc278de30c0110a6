// RUN: %check_maptidy %s maptidy-nested-map-key %t -- -- -std=c++17 -I%maptidy_include
// Declarations the retyping must cover whole: a static member and its
// out-of-line definition are retyped together; declarators sharing one
// written type are not retyped apart.
#include <cstdio>
#include <map>

namespace {
// Private to this file: the declaration and the definition change together.
class Routes {
public:
  static void set(int from, int to, int cost) { costs[from][to] = cost; }
  static int get(int from, int to) { return costs.at(from).at(to); }

private:
  static std::map<int, std::map<int, int>> costs;
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'costs' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  static void set(int from, int to, int cost) { costs[{from, to}] = cost; }{{$}}
  // CHECK-FIXES: {{^}}  static int get(int from, int to) { return costs.at({from, to}); }{{$}}
  // CHECK-FIXES: {{^}}  static std::map<std::pair<int, int>, int> costs;{{$}}
};
std::map<int, std::map<int, int>> Routes::costs;
// CHECK-FIXES: {{^}}std::map<std::pair<int, int>, int> Routes::costs;{{$}}
} // namespace

// Two declarators, one written type: retyping one would retype the other.
static int siblings() {
  std::map<int, std::map<int, int>> near, far;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'near' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: 'near' is declared together with other variables; no fix is offered
  // CHECK-MESSAGES: :[[@LINE-3]]:43: warning: 'far' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-4]]:43: note: 'far' is declared together with other variables; no fix is offered
  near[1][2] = 3;
  far[4][5] = 6;
  return near[1][2] + far[4][5];
}

int main() {
  Routes::set(1, 2, 7);
  std::printf("%d %d\n", Routes::get(1, 2), siblings());
}
