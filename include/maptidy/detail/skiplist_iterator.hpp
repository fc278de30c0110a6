// maptidy/detail/skiplist_iterator.hpp - the forward iterator of skiplist_map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef MAPTIDY_DETAIL_SKIPLIST_ITERATOR_HPP
#define MAPTIDY_DETAIL_SKIPLIST_ITERATOR_HPP

#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/skiplist_epoch.hpp"
#include "maptidy/detail/skiplist_node.hpp"

#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>

namespace maptidy {
namespace detail {
namespace skiplist {

// Tags the constructor that may only run inside an operation of the creating thread.
struct in_operation_t {};

// Forward iterator. Holds a pin while it points at an element (not at end()).
template <class Value, bool IsConst, std::size_t SlotStride>
class map_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  using pointer = std::conditional_t<IsConst, const Value*, Value*>;
  using reference = std::conditional_t<IsConst, const Value&, Value&>;

  map_iterator() noexcept = default;

  // Made during an operation of `creator`'s thread; pins when `n` is an element.
  map_iterator(in_operation_t, node_base* n, thread_record& creator) noexcept : node_(n) {
    if (n != nullptr) {
      epoch_domain::pin_iterator(creator);
      pin_ = &creator;
    }
  }

  map_iterator(const map_iterator& other) noexcept : node_(other.node_), pin_(other.pin_) {
    if (pin_ != nullptr) epoch_domain::add_pin(*pin_);
  }

  map_iterator(map_iterator&& other) noexcept
      : node_(std::exchange(other.node_, nullptr)), pin_(std::exchange(other.pin_, nullptr)) {}

  template <bool C = IsConst, class = std::enable_if_t<C>>
  // NOLINTNEXTLINE: implicit like std
  map_iterator(const map_iterator<Value, false, SlotStride>& other) noexcept
      : node_(other.node_), pin_(other.pin_) {
    if (pin_ != nullptr) epoch_domain::add_pin(*pin_);
  }

  template <bool C = IsConst, class = std::enable_if_t<C>>
  // NOLINTNEXTLINE: implicit like std
  map_iterator(map_iterator<Value, false, SlotStride>&& other) noexcept
      : node_(std::exchange(other.node_, nullptr)), pin_(std::exchange(other.pin_, nullptr)) {}

  map_iterator& operator=(map_iterator other) noexcept {
    std::swap(node_, other.node_);
    std::swap(pin_, other.pin_);
    return *this;
  }

  ~map_iterator() { release_pin(); }

  reference operator*() const noexcept { return static_cast<node<Value>*>(node_)->value; }
  pointer operator->() const noexcept { return std::addressof(**this); }

  map_iterator& operator++() noexcept {
    node_ = skip_dead(node_->next0().load());
    if (node_ == nullptr) {
      release_pin();  // end() needs no protection
    } else {
      prefetch(skip_ahead(node_, SlotStride));
    }
    return *this;
  }

  map_iterator operator++(int) noexcept {
    map_iterator old(*this);
    ++*this;
    return old;
  }

  node_base* node_ptr() const noexcept { return node_; }

 private:
  template <class, bool, std::size_t>
  friend class map_iterator;

  void release_pin() noexcept {
    if (pin_ != nullptr) epoch_domain::unpin(*std::exchange(pin_, nullptr));
  }

  node_base* node_ = nullptr;
  thread_record* pin_ = nullptr;
};

template <class V, bool A, bool B, std::size_t S>
bool operator==(const map_iterator<V, A, S>& a, const map_iterator<V, B, S>& b) noexcept {
  return a.node_ptr() == b.node_ptr();
}

template <class V, bool A, bool B, std::size_t S>
bool operator!=(const map_iterator<V, A, S>& a, const map_iterator<V, B, S>& b) noexcept {
  return a.node_ptr() != b.node_ptr();
}


}  // namespace skiplist
}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_SKIPLIST_ITERATOR_HPP
