// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Reading elements of the container a bound measures (`items_[i]`,
// `in.at(i)`) through its non-const overloads does not change its size, so
// the trip count stays known (re2's PrefilterTree::AssignUniqueIds). A bound
// whose elements the body writes, or whose size it changes, is not fixed.
#include <cstddef>
#include <cstdio>
#include <vector>

class Tree {
public:
  std::vector<int *> topLevel() {
    std::vector<int *> v;
    for (std::size_t i = 0; i < items_.size(); i++) {
      int *item = items_[i];
      v.push_back(item);
    }
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'v' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}    v.reserve(items_.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}    for (std::size_t i = 0; i < items_.size(); i++) {{{$}}
    return v;
  }

  std::vector<int> firstAndRest() {
    std::vector<int> out;
    for (std::size_t i = 0; i < values_.size(); i++)
      out.push_back(values_.at(i) + values_.front());
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}    out.reserve(values_.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}    for (std::size_t i = 0; i < values_.size(); i++){{$}}
    return out;
  }

  // The body grows the container the bound measures: not a fixed count.
  std::vector<int> growsBound() {
    std::vector<int> out;
    for (std::size_t i = 0; i < values_.size(); i++) {
      out.push_back(values_[i]);
      if (values_[i] > 100)
        values_.push_back(values_[i] / 2);
    }
    return out;
  }

  // The bound reads an element the body writes.
  std::vector<int> elementBound() {
    std::vector<int> out;
    for (int i = 0; i < values_[0]; i++) {
      out.push_back(i);
      values_[0] -= 1;
    }
    return out;
  }

  // Written through a reference to the element.
  std::vector<int> elementBoundByReference() {
    std::vector<int> out;
    for (int i = 0; i < values_.front(); i++) {
      int &first = values_.front();
      out.push_back(i);
      --first;
    }
    return out;
  }

  std::vector<int *> items_;
  std::vector<int> values_;
};

static std::vector<int> doubled(std::vector<int> &in) {
  std::vector<int> out;
  for (std::size_t i = 0; i < in.size(); ++i)
    out.push_back(2 * in[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  out.reserve(in.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (std::size_t i = 0; i < in.size(); ++i){{$}}
  return out;
}

int main() {
  int a = 1, b = 2;
  Tree tree;
  tree.items_ = {&a, &b};
  tree.values_ = {3, 200, 5};
  std::vector<int> in = {1, 2, 3};
  const std::size_t top = tree.topLevel().size(), rest = tree.firstAndRest().size();
  const std::size_t grown = tree.growsBound().size();
  const std::size_t element = tree.elementBound().size();
  tree.values_[0] = 4;
  const std::size_t byReference = tree.elementBoundByReference().size();
  std::printf("%zu %zu %zu %zu %zu %zu\n", top, rest, grown, element, byReference,
              doubled(in).size());
  return 0;
}
