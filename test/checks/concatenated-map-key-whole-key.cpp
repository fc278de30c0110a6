// RUN: %check_maptidy %s maptidy-concatenated-map-key %t -- -- -std=c++17 -I%maptidy_include
// A key glued from parts in one place but used whole in another: a pair key
// would force splitting the string there, so nothing is reported. The twins
// build the key from the same parts on every access.
#include <map>
#include <string>
#include <unordered_map>

// Recorded by directory and name, looked up by path.
class DirectorySizes {
public:
  void record(const std::string &dir, const std::string &name, long n) {
    sizes_[dir + "/" + name] = n;
  }
  long size(const std::string &path) const {
    auto it = sizes_.find(path);
    return it == sizes_.end() ? 0 : it->second;
  }

private:
  std::unordered_map<std::string, long> sizes_;
};

// Handed to a function that may look keys up whole.
long lookup(const std::map<std::string, long> &table, const std::string &key);

long passed(const std::string &a, const std::string &b) {
  std::map<std::string, long> table;
  table[a + ":" + b] = 1;
  return lookup(table, a);
}

// Keys of different parts in one map: the paths of a tree.
int depths(const std::string &a, const std::string &b, const std::string &c) {
  std::map<std::string, int> nodes;
  nodes[a + "/" + b] = 2;
  nodes[a + "/" + b + "/" + c] = 3;
  return static_cast<int>(nodes.size());
}

// Visible to other files, and looked up whole in this one.
std::unordered_map<std::string, int> routes;

void addRoute(const std::string &host, const std::string &path) {
  routes[host + path] = 1;
}

int route(const std::string &url) { return static_cast<int>(routes.count(url)); }

// The twins: every access builds the key from the same two parts.
class DirectoryCounts {
public:
  void record(const std::string &dir, const std::string &name, long n) {
    counts_[dir + "/" + name] = n;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the key of 'counts_' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}    counts_[{dir, name}] = n;{{$}}
  }
  long count(const std::string &dir, const std::string &name) const {
    auto it = counts_.find(dir + "/" + name);
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the key of 'counts_' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}    auto it = counts_.find({dir, name});{{$}}
    return it == counts_.end() ? 0 : it->second;
  }

private:
  std::unordered_map<std::string, long> counts_;
  // CHECK-FIXES: {{^}}  maptidy::flat_map<std::pair<std::string, std::string>, long> counts_;{{$}}
};

std::map<std::string, long> tables;

long sameParts(const std::string &a, const std::string &b) {
  tables[a + ":" + b] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the key of 'tables' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: 'tables' is visible outside this translation unit; no fix is offered
  return tables.at(a + ":" + b);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the key of 'tables' is concatenated from 2 parts on every access; key it by std::pair<std::string, std::string> to avoid building a string each time [maptidy-concatenated-map-key]
}
