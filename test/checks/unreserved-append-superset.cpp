// Every loop that clang-tidy's performance-inefficient-vector-operation flags
// is flagged by maptidy-unreserved-append too (compared by line).
// RUN: %clang_tidy --checks=-*,performance-inefficient-vector-operation %s -- -std=c++17 2>&1 | grep -o '^[^ ]*:[0-9]*:[0-9]*: warning' | cut -d: -f2 | sort -u > %t.peer
// RUN: count 12 < %t.peer
// RUN: not %maptidy --checks=-*,maptidy-unreserved-append %s -- -std=c++17 2>&1 | grep -o '^[^ ]*:[0-9]*:[0-9]*: warning' | cut -d: -f2 | sort -u > %t.ours
// RUN: comm -23 %t.peer %t.ours | count 0
#include <array>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

int limit();

struct Holder {
  std::vector<int> items;
};

void peerShapes(int n, const std::vector<int> &values, const std::set<int> &set,
                const std::map<int, int> &map, const std::deque<int> &deque,
                const std::unordered_map<int, int> &hash, const Holder &holder) {
  std::vector<int> a;
  for (int i = 0; i < n; ++i)
    a.push_back(i);

  std::vector<int> b;
  for (int i = 0; i < 10 + 1; ++i) {
    b.emplace_back(i);
  }

  std::vector<int> c;
  for (int i = 0; i < limit(); ++i)
    c.push_back(i);

  std::vector<int> d;
  for (const int &v : values)
    d.push_back(v);

  std::vector<int> e;
  for (int v : set)
    e.push_back(v);

  std::vector<int> f;
  for (const auto &entry : map)
    f.push_back(entry.first);

  std::vector<int> g;
  for (int v : deque)
    g.push_back(v);

  std::vector<int> h;
  for (const auto &entry : hash)
    h.push_back(entry.second);

  std::vector<int> k;
  for (int v : holder.items)
    k.push_back(v);
}

// Template code: the peer reports each instantiated loop, maptidy the written
// template once.
template <class T> std::vector<T> copyAll(const std::vector<T> &in) {
  std::vector<T> out;
  for (const T &x : in)
    out.push_back(x);
  return out;
}

template <class T> std::vector<T> firstN(const std::vector<T> &in, int n) {
  std::vector<T> out;
  for (int i = 0; i < n; ++i)
    out.push_back(in[i]);
  return out;
}

template <class T> struct Box {
  std::vector<T> items;
  std::vector<T> copied() const {
    std::vector<T> out;
    for (const T &x : items)
      out.emplace_back(x);
    return out;
  }
};

std::size_t instantiate(const std::vector<int> &values) {
  Box<double> box;
  return copyAll(values).size() + firstN(values, 1).size() +
         box.copied().size();
}
