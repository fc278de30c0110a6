// RUN: %check_maptidy %s maptidy-concatenated-map-key %t -- -- -std=c++17 -I%maptidy_include
// Keys glued from the same parts at every access: the map is re-keyed by the parts.
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

// Every access glues the same parts with the same separator.
class RouteTable {
public:
  void add(const std::string &service, const std::string &method, int port) {
    ports_[service + "/" + method] = port;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the key of 'ports_' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}#include <maptidy/flat_map.hpp>{{$}}
    // CHECK-FIXES: {{^}}#include <maptidy/flat_set.hpp>{{$}}
    // CHECK-FIXES: {{^}}#include <tuple>{{$}}
    // CHECK-FIXES: {{^}}#include <utility>{{$}}
    // CHECK-FIXES: {{^}}    ports_[{service, method}] = port;{{$}}
  }
  int find(const std::string &service, const std::string &method) const {
    auto it = ports_.find(service + "/" + method);
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: the key of 'ports_' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}    auto it = ports_.find({service, method});{{$}}
    return it == ports_.end() ? -1 : it->second;
  }
  bool has(const std::string &service, const std::string &method) const {
    return ports_.count(service + "/" + method) != 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the key of 'ports_' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}    return ports_.count({service, method}) != 0;{{$}}
  }

private:
  std::unordered_map<std::string, int> ports_;
};

// Numbers formatted with std::to_string.
static int grid() {
  std::map<std::string, int> cells;
  for (int x = 0; x < 3; ++x)
    for (int y = 0; y < 2; ++y)
      cells[std::to_string(x) + ":" + std::to_string(y)] = x * y;
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the key of 'cells' is concatenated from 2 parts on every access; key it by std::pair<int, int> to avoid building a string each time [maptidy-concatenated-map-key]
      // CHECK-FIXES: {{^}}  maptidy::flat_map<std::pair<std::string, std::string>, int> ports_;{{$}}
      // CHECK-FIXES: {{^}}  std::map<std::pair<int, int>, int> cells;{{$}}
      // CHECK-FIXES: {{^}}      cells[{x, y}] = x * y;{{$}}
      // CHECK-FIXES: {{^}}  return cells.at({2, 1});{{$}}
  return cells.at(std::to_string(2) + ":" + std::to_string(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the key of 'cells' is concatenated from 2 parts on every access; key it by std::pair<int, int> to avoid building a string each time [maptidy-concatenated-map-key]
}

// A membership set keyed by three parts.
static bool seenTwice() {
  std::unordered_set<std::string> seen;
  const std::string user = "ann", device = "phone";
  const int session = 7;
  seen.insert(user + "|" + device + "|" + std::to_string(session));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the key of 'seen' is concatenated from 3 parts on every access; key it by std::tuple<std::string, std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-FIXES: {{^}}  maptidy::flat_set<std::tuple<std::string, std::string, int>> seen;{{$}}
  // CHECK-FIXES: {{^}}  seen.insert({user, device, session});{{$}}
  // CHECK-FIXES: {{^}}  return seen.count({user, device, session}) == 1;{{$}}
  return seen.count(user + "|" + device + "|" + std::to_string(session)) == 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the key of 'seen' is concatenated from 3 parts on every access; key it by std::tuple<std::string, std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
}

int main() {
  RouteTable table;
  table.add("users", "get", 8080);
  std::printf("%d %d %d %d\n", table.find("users", "get"),
              table.has("users", "put") ? 1 : 0, grid(), seenTwice() ? 1 : 0);
}
