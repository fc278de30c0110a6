// Test doubles shared by the flat_map and flat_set tests: hashing that
// collides, elements that count their copies, and types whose copies,
// moves, hashing or allocation throw on demand.
#ifndef MAPTIDY_TEST_UNIT_FLAT_TEST_SUPPORT_HPP
#define MAPTIDY_TEST_UNIT_FLAT_TEST_SUPPORT_HPP

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace flat_test {

// Few distinct hash values: long probe sequences and overflow bits.
struct colliding_hash {
  std::size_t operator()(int key) const noexcept { return static_cast<std::size_t>(key % 7); }
};

// std::erase_if for unordered containers is C++20; the test is built as C++17 too.
template <class Map, class Predicate>
std::size_t erase_matching(Map& map, Predicate predicate) {
  std::size_t erased = 0;
  for (auto it = map.begin(); it != map.end();) {
    if (predicate(*it)) {
      it = map.erase(it);
      ++erased;
    } else {
      ++it;
    }
  }
  return erased;
}

// Counts its copies: growth must move elements, not copy them.
struct counted {
  static inline int copies = 0;
  std::string text;
  explicit counted(std::string t) : text(std::move(t)) {}
  counted(const counted& other) : text(other.text) { ++copies; }
  counted(counted&&) noexcept = default;
  counted& operator=(const counted&) = default;
  counted& operator=(counted&&) noexcept = default;
  bool operator==(const counted& other) const { return text == other.text; }
};
struct counted_hash {
  std::size_t operator()(const counted& c) const noexcept { return std::hash<std::string>()(c.text); }
};

// Throws from the chosen operations once a shared countdown reaches zero.
struct fault {
  static inline int countdown = -1;  // negative: never
  static void point() {
    if (countdown >= 0 && countdown-- == 0) throw std::runtime_error("injected");
  }
};

template <class T>
struct failing_allocator {
  using value_type = T;
  failing_allocator() = default;
  template <class U>
  failing_allocator(const failing_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    fault::point();
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept { std::allocator<T>().deallocate(p, n); }
  friend bool operator==(const failing_allocator&, const failing_allocator&) { return true; }
  friend bool operator!=(const failing_allocator&, const failing_allocator&) { return false; }
};

// Copies, moves and hashing may throw.
struct fragile {
  int value = 0;
  explicit fragile(int v) : value(v) {}
  fragile(const fragile& other) : value(other.value) { fault::point(); }
  fragile(fragile&& other) : value(other.value) {
    fault::point();
    other.value = -1;  // a move that leaves a trace, as a string's does
  }
  fragile& operator=(const fragile& other) {
    fault::point();
    value = other.value;
    return *this;
  }
  bool operator==(const fragile& other) const { return value == other.value; }
};
struct fragile_hash {
  std::size_t operator()(const fragile& f) const {
    fault::point();
    return static_cast<std::size_t>(f.value) * 0x9e3779b97f4a7c15u;
  }
};

template <class T>
struct tagged_allocator {
  using value_type = T;
  using propagate_on_container_move_assignment = std::false_type;
  int tag = 0;
  explicit tagged_allocator(int t = 0) noexcept : tag(t) {}
  template <class U>
  tagged_allocator(const tagged_allocator<U>& other) noexcept : tag(other.tag) {}
  T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept { std::allocator<T>().deallocate(p, n); }
  template <class U>
  friend bool operator==(const tagged_allocator& a, const tagged_allocator<U>& b) {
    return a.tag == b.tag;
  }
  template <class U>
  friend bool operator!=(const tagged_allocator& a, const tagged_allocator<U>& b) {
    return a.tag != b.tag;
  }
};

}  // namespace flat_test

#endif  // MAPTIDY_TEST_UNIT_FLAT_TEST_SUPPORT_HPP
