// RUN: %check_maptidy %s maptidy-unreserved-append %t -- --config="{CheckOptions: {maptidy-unreserved-append.VectorLikeClasses: '::std::vector;::acme::Buffer;acme::Chain', maptidy-unreserved-append.HashLikeClasses: '::acme::Table'}}" -- -std=c++17
// Listed classes with a reserve(n) member are targets; listed ones without are not.
#include <cstddef>
#include <vector>

namespace acme {
template <typename T> class Buffer {
public:
  void reserve(std::size_t n) { items_.reserve(n); }
  void push_back(const T &v) { items_.push_back(v); }

private:
  std::vector<T> items_;
};

template <typename K> class Table {
public:
  void reserve(std::size_t n) { keys_.reserve(n); }
  void insert(const K &k) { keys_.push_back(k); }

private:
  std::vector<K> keys_;
};

// Listed, but without reserve(): never reported.
template <typename T> class Chain {
public:
  void push_back(const T &) {}
};
} // namespace acme

void fill(const std::vector<int> &values) {
  acme::Buffer<int> buffer;
  for (int v : values)
    buffer.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'buffer' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  buffer.reserve(values.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : values){{$}}

  acme::Table<int> table;
  for (int v : values)
    table.insert(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'table' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  table.reserve(values.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int v : values){{$}}

  acme::Chain<int> chain;
  for (int v : values)
    chain.push_back(v);
}
