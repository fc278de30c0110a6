// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++20
// Templates, algorithms and pointer targets a careful engineer would leave
// alone: none may be reported.
#include <algorithm>
#include <string>
#include <vector>

bool keep(int v);

template <class T> std::vector<T> filtered(const std::vector<T> &in) {
  std::vector<T> out;
  out.reserve(in.size());
  for (const T &x : in)
    out.push_back(x);
  std::vector<T> some;
  for (const T &x : in)
    if (keep(x))
      some.push_back(x);
  return some.empty() ? out : some;
}

template <class T> void refill(const std::vector<T> &in, std::vector<T> &out) {
  for (const T &x : in) {
    out.push_back(x);
    out.clear();
  }
}

void algorithms(const std::vector<int> &values, std::vector<int> &sink) {
  // The lambda appends to its own copy.
  std::vector<int> copied;
  std::for_each(values.begin(), values.end(),
                [copied](int v) mutable { copied.push_back(v); });
  // Conditional appends in the lambda.
  std::vector<int> kept;
  std::for_each(values.begin(), values.end(), [&](int v) {
    if (keep(v))
      kept.push_back(v);
  });
  // A lambda stored elsewhere.
  auto add = [&](int v) { sink.push_back(v); };
  std::for_each(values.begin(), values.end(), add);
}

// The pointer changes in the loop, or the container is reached through an
// element of another object.
void pointers(const std::vector<std::vector<int>> &groups,
              std::vector<int> *first, std::vector<int> *second) {
  for (const auto &group : groups) {
    first->push_back(group.size());
    std::swap(first, second);
  }
}
