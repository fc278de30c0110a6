// RUN: %check_maptidy %s maptidy-concatenated-map-key %t -- -- -std=c++17 -I%maptidy_include
// Declarations the re-keying must cover whole: a static member and its
// out-of-line definition are retyped together; declarators sharing one
// written type are not retyped apart.
#include <cstdio>
#include <map>
#include <string>

namespace {
// Private to this file: the declaration and the definition change together.
class Ports {
public:
  static void add(const std::string &host, const std::string &service, int port) {
    ports[host + ":" + service] = port;
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the key of 'ports' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}#include <utility>{{$}}
    // CHECK-FIXES: {{^}}    ports[{host, service}] = port;{{$}}
  }
  static int find(const std::string &host, const std::string &service) {
    return ports.at(host + ":" + service);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the key of 'ports' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}    return ports.at({host, service});{{$}}
  }

private:
  static std::map<std::string, int> ports;
  // CHECK-FIXES: {{^}}  static std::map<std::pair<std::string, std::string>, int> ports;{{$}}
};
std::map<std::string, int> Ports::ports;
// CHECK-FIXES: {{^}}std::map<std::pair<std::string, std::string>, int> Ports::ports;{{$}}
} // namespace

// Two declarators, one written type: re-keying one would re-key the other.
static int siblings(const std::string &a, const std::string &b) {
  std::map<std::string, int> hits, misses;
  hits[a + "/" + b] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the key of 'hits' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'hits' is declared together with other variables; no fix is offered
  misses["whole"] = 2;
  return hits.at(a + "/" + b) + misses.at("whole");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the key of 'hits' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
}

int main() {
  Ports::add("db", "pg", 5432);
  std::printf("%d %d\n", Ports::find("db", "pg"), siblings("x", "y"));
}
