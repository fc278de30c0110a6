// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Containers that may already hold elements (parameters, members, non-empty
// locals) get reserve(size() + n); a conditional reserve does not count.
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

class Registry {
public:
  void addAll(const std::vector<std::string> &names) {
    for (const std::string &name : names)
      names_.push_back(name);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'names_' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
      // CHECK-FIXES: {{^}}#include <algorithm>{{$}}
      // CHECK-FIXES: {{^}}    names_.reserve(names_.size() + names.size());{{$}}
      // CHECK-FIXES-NEXT: {{^}}    for (const std::string &name : names){{$}}
    for (size_t i = 0; i < names.size(); ++i)
      this->index_[names[i]] = static_cast<int>(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'index_' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
      // CHECK-FIXES: {{^}}    this->index_.reserve(this->index_.size() + names.size());{{$}}
      // CHECK-FIXES-NEXT: {{^}}    for (size_t i = 0; i < names.size(); ++i){{$}}
  }
  size_t size() const { return names_.size() + index_.size(); }

private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, int> index_;
};

static void appendTo(std::vector<int> &out, const std::vector<int> &values) {
  for (int v : values)
    out.push_back(v * 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  out.reserve(out.size() + values.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : values){{$}}
}

static std::vector<int> withHeader(const std::vector<int> &values) {
  std::vector<int> result = {0};
  for (int v : values)
    result.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'result' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  result.reserve(result.size() + values.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : values){{$}}
  return result;
}

static std::vector<int> afterOtherUse(const std::vector<int> &values) {
  std::vector<int> result;
  result.push_back(-1);
  for (int v : values)
    result.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'result' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  result.reserve(result.size() + values.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : values){{$}}
  return result;
}

static std::vector<int> conditionalReserve(const std::vector<int> &values,
                                           bool big) {
  std::vector<int> result;
  if (big)
    result.reserve(1000);
  for (int v : values)
    result.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'result' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  result.reserve(values.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : values){{$}}
  return result;
}

static std::vector<std::vector<int>> perRow(const std::vector<int> &widths) {
  std::vector<std::vector<int>> rows;
  rows.reserve(widths.size());
  for (int width : widths) {
    std::vector<int> row;
    for (int i = 0; i < width; ++i)
      row.push_back(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'row' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
      // CHECK-FIXES: {{^}}    row.reserve(std::max(width, 0));{{$}}
      // CHECK-FIXES-NEXT: {{^}}    for (int i = 0; i < width; ++i){{$}}
    rows.push_back(row);
  }
  return rows;
}

int main() {
  Registry registry;
  registry.addAll({"a", "b"});
  std::vector<int> out = {1};
  appendTo(out, {2, 3});
  std::printf("%zu %zu %zu %zu %zu %zu\n", registry.size(), out.size(),
              withHeader({4, 5}).size(), afterOtherUse({6}).size(),
              conditionalReserve({7}, true).size(), perRow({2, 3}).size());
}
