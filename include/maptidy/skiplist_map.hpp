// maptidy/skiplist_map.hpp - an ordered concurrent map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef MAPTIDY_SKIPLIST_MAP_HPP
#define MAPTIDY_SKIPLIST_MAP_HPP

// maptidy::skiplist_map: an ordered map that any number of threads may read and write at once.
// In single-threaded code it behaves as std::map (same members, same results, sorted iteration).
//
// Concurrency contract
// - find, contains, count, lower_bound, upper_bound, equal_range, at, operator[], insert,
//   emplace, try_emplace, insert_or_assign, erase, iteration, for_each and snapshot may run
//   concurrently from any number of threads without external locking.
// - Point operations are linearizable: each takes effect at one instant between its call and its
//   return. Lookups never block; writers lock only the few nodes next to the key they change.
// - Iteration and for_each are weakly consistent: every element present for the whole traversal
//   is visited exactly once, in key order; elements inserted or erased meanwhile may or may not
//   be visited. Traversals never see freed memory, whatever writers do.
// - snapshot() returns the contents at one instant between its call and its return. While it
//   copies, inserts and erases that reach their linearization point wait for it; lookups and
//   traversals do not. Value copies made by snapshot() must not write to the same map.
// - Writing a mapped value (through a reference, an iterator or insert_or_assign) while another
//   thread reads it is the caller's business, as for any shared object. insert_or_assign is
//   safe against other insert_or_assign calls, erase and snapshot on the same key.
// - try_emplace and insert_or_assign leave their arguments untouched when the key is found by
//   the first lookup; if another thread inserts the same key in between, the arguments may have
//   been moved into a node that is then discarded (or, for insert_or_assign, assigned).
// - size() is exact when no writer runs concurrently, otherwise a value it had recently.
// - erase may throw std::bad_alloc (growing the list of nodes awaiting reclamation) before it has
//   any effect; it never fails after the element is gone.
// - clear(), swap, assignment and destruction must not run concurrently with any other use.
// - The comparator and the allocator are used from several threads at once.
//
// Lifetime of iterators and references
// Erased nodes are reclaimed with epoch-based reclamation. A live iterator pins the epoch of the
// operation that created it, so the element it refers to stays readable after an erase for as
// long as the iterator lives, on whichever thread it is moved to. A reference or pointer obtained
// from an element stays valid until the element is erased, and after that only while an iterator that
// existed before the erase is still alive. The epoch is shared by all maps, so a long-lived
// iterator delays reclamation of whatever any skiplist_map erases after it was created (memory
// only; correctness is unaffected). Iterators and references are invalidated by clear(),
// assignment and destruction.
//
// Memory
// Nodes come from chunks the map obtains from its allocator (1 KiB growing to 64 KiB), kept
// apart by tower height. A reclaimed node is reused by a later insert into the same map; chunks
// go back to the allocator on clear(), assignment and destruction, so a map holds the memory of
// its largest size. With key hints, the map also keeps a search index of about a quarter of its
// keys (see below), rebuilt by the writer that finds it due after a quarter of the size in writes.
//
// Design and sources (each part in its own header under detail/):
// - skiplist_node.hpp: William Pugh's skip list ("Skip Lists: A Probabilistic Alternative to
//   Balanced Trees", CACM 1990), made concurrent as the lazy skip list of Herlihy, Lev, Luchangco
//   and Shavit ("A Simple Optimistic Skiplist Algorithm", SIROCCO 2007): writers lock the
//   predecessors and validate, lookups take no lock, a node's state flag is its linearization
//   point.
// - skiplist_key_hint.hpp: the key (or a key prefix) of each level-1 link's target kept beside
//   the link, so that a search on level 1 reads a node only when it moves onto it.
// - skiplist_index.hpp: a static B+ tree of the hints of every fourth node, searched without
//   branches, where lookups and most inserts and erases start (the layout of Khuong and Morin,
//   "Array Layouts for Comparison-Based Searching", 2017).
// - skiplist_epoch.hpp and skiplist_retired.hpp: Keir Fraser's epoch-based reclamation
//   ("Practical lock-freedom", 2004), announced without a fence through Linux membarrier.
// - skiplist_write_gate.hpp: the gate that gives snapshot() a consistent cut.
// - skiplist_node_pool.hpp: per-map node chunks, one region per tower height.
// - skiplist_iterator.hpp: forward iterators that pin the epoch.

#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/skiplist_epoch.hpp"
#include "maptidy/detail/skiplist_index.hpp"
#include "maptidy/detail/skiplist_iterator.hpp"
#include "maptidy/detail/skiplist_key_hint.hpp"
#include "maptidy/detail/skiplist_node.hpp"
#include "maptidy/detail/skiplist_node_pool.hpp"
#include "maptidy/detail/skiplist_retired.hpp"
#include "maptidy/detail/skiplist_write_gate.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace maptidy {

template <class Key, class T, class Compare = std::less<>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
class skiplist_map {
  using node_base = detail::skiplist::node_base;
  using node_type = detail::skiplist::node<std::pair<const Key, T>>;
  using thread_record = detail::skiplist::thread_record;
  using operation_guard = detail::skiplist::operation_guard;
  using node_locks = detail::skiplist::node_locks;
  using gate_pass = detail::skiplist::gate_pass;
  using spin_wait = detail::spin_wait;
  static constexpr int max_height = detail::skiplist::max_height;
  static constexpr detail::skiplist::in_operation_t in_operation{};
  using hint_traits = detail::skiplist::key_hint<Key, Compare>;
  static constexpr bool key_hints = hint_traits::enabled;
  using hint_type = typename hint_traits::type;
  using slot_type = detail::skiplist::tower_slot<hint_type>;
  using layout = detail::skiplist::node_layout<std::pair<const Key, T>, slot_type>;
  // Never built without hints.
  using index_type =
      detail::skiplist::search_index<std::conditional_t<key_hints, hint_type, std::uintptr_t>,
                                     Allocator>;

 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = std::pair<const Key, T>;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using key_compare = Compare;
  using allocator_type = Allocator;
  using reference = value_type&;
  using const_reference = const value_type&;
  using pointer = typename std::allocator_traits<Allocator>::pointer;
  using const_pointer = typename std::allocator_traits<Allocator>::const_pointer;
  using iterator = detail::skiplist::map_iterator<value_type, false, sizeof(slot_type)>;
  using const_iterator = detail::skiplist::map_iterator<value_type, true, sizeof(slot_type)>;

  static_assert(std::is_same_v<typename Allocator::value_type, value_type>,
                "Allocator::value_type must be the map's value_type");

  class value_compare {
   public:
    bool operator()(const value_type& a, const value_type& b) const { return comp(a.first, b.first); }

   protected:
    friend class skiplist_map;
    explicit value_compare(Compare c) : comp(std::move(c)) {}
    Compare comp;
  };

  // --- construction (none of these may run concurrently with other uses of the map) ---------

  skiplist_map() : skiplist_map(Compare()) {}

  explicit skiplist_map(const Compare& comp, const Allocator& alloc = Allocator())
      : comp_(comp), alloc_(alloc), retired_(alloc_) {}

  explicit skiplist_map(const Allocator& alloc) : skiplist_map(Compare(), alloc) {}

  template <class InputIt>
  skiplist_map(InputIt first, InputIt last, const Compare& comp = Compare(),
               const Allocator& alloc = Allocator())
      : skiplist_map(comp, alloc) {
    insert(first, last);
  }

  template <class InputIt>
  skiplist_map(InputIt first, InputIt last, const Allocator& alloc)
      : skiplist_map(first, last, Compare(), alloc) {}

  skiplist_map(std::initializer_list<value_type> init, const Compare& comp = Compare(),
               const Allocator& alloc = Allocator())
      : skiplist_map(init.begin(), init.end(), comp, alloc) {}

  skiplist_map(std::initializer_list<value_type> init, const Allocator& alloc)
      : skiplist_map(init.begin(), init.end(), Compare(), alloc) {}

  // The source may be modified concurrently; the copy then holds a weakly consistent traversal.
  skiplist_map(const skiplist_map& other)
      : skiplist_map(other, alloc_traits::select_on_container_copy_construction(other.alloc_)) {}

  skiplist_map(const skiplist_map& other, const Allocator& alloc)
      : skiplist_map(other.comp_, alloc) {
    append_sorted(other.begin(), other.end());
  }

  skiplist_map(skiplist_map&& other) noexcept
      : comp_(other.comp_), alloc_(std::move(other.alloc_)), retired_(alloc_) {
    swap_contents(other);
  }

  skiplist_map(skiplist_map&& other, const Allocator& alloc) : skiplist_map(other.comp_, alloc) {
    if (alloc_ == other.alloc_) {
      swap_contents(other);
    } else {
      append_sorted(std::make_move_iterator(other.begin()), std::make_move_iterator(other.end()));
      other.clear();
    }
  }

  ~skiplist_map() { destroy_all(); }

  skiplist_map& operator=(const skiplist_map& other) {
    if (this == &other) return *this;
    clear();
    if constexpr (alloc_traits::propagate_on_container_copy_assignment::value) {
      alloc_ = other.alloc_;
      retired_.reset_allocator(alloc_);
    }
    comp_ = other.comp_;
    append_sorted(other.begin(), other.end());
    return *this;
  }

  skiplist_map& operator=(skiplist_map&& other) noexcept(
      alloc_traits::propagate_on_container_move_assignment::value ||
      alloc_traits::is_always_equal::value) {
    if (this == &other) return *this;
    clear();
    if constexpr (alloc_traits::propagate_on_container_move_assignment::value) {
      alloc_ = other.alloc_;
      retired_.reset_allocator(alloc_);
      swap_contents(other);
    } else if (alloc_ == other.alloc_) {
      swap_contents(other);
    } else {
      comp_ = other.comp_;
      append_sorted(std::make_move_iterator(other.begin()), std::make_move_iterator(other.end()));
      other.clear();
    }
    return *this;
  }

  skiplist_map& operator=(std::initializer_list<value_type> init) {
    clear();
    insert(init);
    return *this;
  }

  allocator_type get_allocator() const noexcept { return alloc_; }
  key_compare key_comp() const { return comp_; }
  value_compare value_comp() const { return value_compare(comp_); }

  // --- iteration ------------------------------------------------------------------------------

  // Not noexcept: a thread's first use of any map registers it, which allocates once.
  iterator begin() { return first<iterator>(); }
  const_iterator begin() const { return first<const_iterator>(); }
  const_iterator cbegin() const { return first<const_iterator>(); }
  iterator end() noexcept { return iterator(); }
  const_iterator end() const noexcept { return const_iterator(); }
  const_iterator cend() const noexcept { return const_iterator(); }

  // Calls f(element) for each element in key order (weakly consistent, like iteration).
  template <class F>
  void for_each(F&& f) {
    operation_guard guard(detail::skiplist::this_thread_record());
    for (node_base* n = first_live(); n != nullptr; n = next_live(n)) {
      f(value_of(n));
    }
  }

  template <class F>
  void for_each(F&& f) const {
    operation_guard guard(detail::skiplist::this_thread_record());
    for (node_base* n = first_live(); n != nullptr; n = next_live(n)) {
      f(std::as_const(value_of(n)));
    }
  }

  // The contents at one instant, in key order. Writers wait at their linearization points while
  // the elements are copied; lookups and traversals go on.
  std::vector<std::pair<Key, T>> snapshot() const {
    std::vector<std::pair<Key, T>> out;
    out.reserve(size());
    operation_guard guard(detail::skiplist::this_thread_record());
    detail::skiplist::gate_closure closed(gate_);
    for (node_base* n = first_live(); n != nullptr; n = next_live(n)) {
      out.emplace_back(value_of(n).first, value_of(n).second);
    }
    return out;
  }

  // --- capacity -------------------------------------------------------------------------------

  bool empty() const { return begin() == end(); }

  // Exact when no writer runs concurrently; otherwise a value the size had recently.
  size_type size() const noexcept { return write_counts().size(); }

  size_type max_size() const noexcept {
    return node_pool::max_nodes(alloc_);
  }

  // --- modifiers ------------------------------------------------------------------------------

  void clear() noexcept {
    destroy_all();
    levels_.store(1, std::memory_order_relaxed);
    for (size_stripe& stripe : sizes_) {
      stripe.inserts.store(0, std::memory_order_relaxed);
      stripe.erases.store(0, std::memory_order_relaxed);
    }
    writes_at_index_build_.store(0, std::memory_order_relaxed);
  }

  std::pair<iterator, bool> insert(const value_type& value) {
    return try_emplace_impl(value.first, value.second);
  }

  std::pair<iterator, bool> insert(value_type&& value) {
    return try_emplace_impl(value.first, std::move(value.second));
  }

  template <class P, class = std::enable_if_t<std::is_constructible_v<value_type, P&&>>>
  std::pair<iterator, bool> insert(P&& value) {
    return emplace(std::forward<P>(value));
  }

  iterator insert(const_iterator /*hint*/, const value_type& value) { return insert(value).first; }
  iterator insert(const_iterator /*hint*/, value_type&& value) {
    return insert(std::move(value)).first;
  }

  template <class InputIt>
  void insert(InputIt first, InputIt last) {
    for (; first != last; ++first) emplace(*first);
  }

  void insert(std::initializer_list<value_type> init) { insert(init.begin(), init.end()); }

  template <class... Args>
  std::pair<iterator, bool> emplace(Args&&... args) {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    node_holder fresh(*this, create_node(self, std::forward<Args>(args)...));
    const auto [n, inserted] = link(self, fresh.get());
    if (inserted) fresh.release();
    return {iterator(in_operation, n, self), inserted};
  }

  template <class... Args>
  iterator emplace_hint(const_iterator /*hint*/, Args&&... args) {
    return emplace(std::forward<Args>(args)...).first;
  }

  template <class... Args>
  std::pair<iterator, bool> try_emplace(const key_type& key, Args&&... args) {
    return try_emplace_impl(key, std::forward<Args>(args)...);
  }

  template <class... Args>
  std::pair<iterator, bool> try_emplace(key_type&& key, Args&&... args) {
    return try_emplace_impl(std::move(key), std::forward<Args>(args)...);
  }

  template <class... Args>
  iterator try_emplace(const_iterator /*hint*/, const key_type& key, Args&&... args) {
    return try_emplace_impl(key, std::forward<Args>(args)...).first;
  }

  template <class... Args>
  iterator try_emplace(const_iterator /*hint*/, key_type&& key, Args&&... args) {
    return try_emplace_impl(std::move(key), std::forward<Args>(args)...).first;
  }

  template <class M>
  std::pair<iterator, bool> insert_or_assign(const key_type& key, M&& obj) {
    return insert_or_assign_impl(key, std::forward<M>(obj));
  }

  template <class M>
  std::pair<iterator, bool> insert_or_assign(key_type&& key, M&& obj) {
    return insert_or_assign_impl(std::move(key), std::forward<M>(obj));
  }

  template <class M>
  iterator insert_or_assign(const_iterator /*hint*/, const key_type& key, M&& obj) {
    return insert_or_assign_impl(key, std::forward<M>(obj)).first;
  }

  template <class M>
  iterator insert_or_assign(const_iterator /*hint*/, key_type&& key, M&& obj) {
    return insert_or_assign_impl(std::move(key), std::forward<M>(obj)).first;
  }

  T& operator[](const key_type& key) { return try_emplace_impl(key).first->second; }
  T& operator[](key_type&& key) { return try_emplace_impl(std::move(key)).first->second; }

  T& at(const key_type& key) { return at_impl(key); }
  const T& at(const key_type& key) const { return at_impl(key); }

  size_type erase(const key_type& key) { return erase_key(key); }

  template <class K, class C = Compare, class = typename C::is_transparent,
            class = std::enable_if_t<!std::is_convertible_v<K&&, const_iterator> &&
                                     !std::is_convertible_v<K&&, iterator>>>
  size_type erase(K&& key) {
    return erase_key(key);
  }

  // Erases the element `pos` points at (unless another thread already erased it) and returns an
  // iterator to the element after it.
  iterator erase(const_iterator pos) {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    node_base* after = detail::skiplist::skip_dead(pos.node_ptr()->next0().load());
    erase_node(self, value_of(pos.node_ptr()).first, pos.node_ptr());
    return iterator(in_operation, after, self);
  }

  iterator erase(iterator pos) { return erase(const_iterator(std::move(pos))); }

  // Bounded by key as well, so that it stops even if another thread erases `last` meanwhile.
  iterator erase(const_iterator first, const_iterator last) {
    while (first != last && first != cend() && (last == cend() || comp_(first->first, last->first))) {
      first = erase(first);
    }
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    return iterator(in_operation, last.node_ptr(), self);
  }

  void swap(skiplist_map& other) noexcept(alloc_traits::is_always_equal::value ||
                                          alloc_traits::propagate_on_container_swap::value) {
    if constexpr (alloc_traits::propagate_on_container_swap::value) {
      using std::swap;
      swap(alloc_, other.alloc_);
    }
    swap_contents(other);
  }

  friend void swap(skiplist_map& a, skiplist_map& b) noexcept(noexcept(a.swap(b))) { a.swap(b); }

  // --- lookup ---------------------------------------------------------------------------------

  iterator find(const key_type& key) { return find_impl<iterator>(key); }
  const_iterator find(const key_type& key) const { return find_impl<const_iterator>(key); }
  template <class K, class C = Compare, class = typename C::is_transparent>
  iterator find(const K& key) {
    return find_impl<iterator>(key);
  }
  template <class K, class C = Compare, class = typename C::is_transparent>
  const_iterator find(const K& key) const {
    return find_impl<const_iterator>(key);
  }

  bool contains(const key_type& key) const { return contains_impl(key); }
  template <class K, class C = Compare, class = typename C::is_transparent>
  bool contains(const K& key) const {
    return contains_impl(key);
  }

  size_type count(const key_type& key) const { return contains_impl(key) ? 1 : 0; }
  // A transparent comparator may find several keys equivalent to `key`.
  template <class K, class C = Compare, class = typename C::is_transparent>
  size_type count(const K& key) const {
    const auto [first, last] = equal_range(key);
    return static_cast<size_type>(std::distance(first, last));
  }

  iterator lower_bound(const key_type& key) { return lower_bound_impl<iterator>(key); }
  const_iterator lower_bound(const key_type& key) const {
    return lower_bound_impl<const_iterator>(key);
  }
  template <class K, class C = Compare, class = typename C::is_transparent>
  iterator lower_bound(const K& key) {
    return lower_bound_impl<iterator>(key);
  }
  template <class K, class C = Compare, class = typename C::is_transparent>
  const_iterator lower_bound(const K& key) const {
    return lower_bound_impl<const_iterator>(key);
  }

  iterator upper_bound(const key_type& key) { return upper_bound_impl<iterator>(key); }
  const_iterator upper_bound(const key_type& key) const {
    return upper_bound_impl<const_iterator>(key);
  }
  template <class K, class C = Compare, class = typename C::is_transparent>
  iterator upper_bound(const K& key) {
    return upper_bound_impl<iterator>(key);
  }
  template <class K, class C = Compare, class = typename C::is_transparent>
  const_iterator upper_bound(const K& key) const {
    return upper_bound_impl<const_iterator>(key);
  }

  std::pair<iterator, iterator> equal_range(const key_type& key) {
    return {lower_bound(key), upper_bound(key)};
  }
  std::pair<const_iterator, const_iterator> equal_range(const key_type& key) const {
    return {lower_bound(key), upper_bound(key)};
  }
  template <class K, class C = Compare, class = typename C::is_transparent>
  std::pair<iterator, iterator> equal_range(const K& key) {
    return {lower_bound(key), upper_bound(key)};
  }
  template <class K, class C = Compare, class = typename C::is_transparent>
  std::pair<const_iterator, const_iterator> equal_range(const K& key) const {
    return {lower_bound(key), upper_bound(key)};
  }

  // Element-wise comparison; meaningful only while neither map is being modified.
  friend bool operator==(const skiplist_map& a, const skiplist_map& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend bool operator!=(const skiplist_map& a, const skiplist_map& b) { return !(a == b); }

 private:
  using alloc_traits = std::allocator_traits<Allocator>;
  using link_type = node_base::link;
  using head_type = detail::skiplist::head_node<slot_type>;
  using node_pool = detail::skiplist::node_pool<layout, Allocator>;

  // Insert and erase counts per group of threads, so that writers do not share one counter's
  // cache line. Their difference is the size, their sum paces the search index's rebuilds.
  struct alignas(cache_line_size) size_stripe {
    std::atomic<std::size_t> inserts{0};
    std::atomic<std::size_t> erases{0};
  };
  static constexpr std::size_t size_stripes = 4;

  struct write_count {
    std::size_t inserts = 0;
    std::size_t erases = 0;
    std::size_t size() const noexcept { return inserts > erases ? inserts - erases : 0; }
    std::size_t total() const noexcept { return inserts + erases; }
  };

  write_count write_counts() const noexcept {
    write_count counts;
    for (const size_stripe& stripe : sizes_) {
      counts.inserts += stripe.inserts.load(std::memory_order_relaxed);
      counts.erases += stripe.erases.load(std::memory_order_relaxed);
    }
    return counts;
  }

  // Destroys a node that was never published, unless released.
  class node_holder {
   public:
    node_holder(skiplist_map& map, node_type* n) noexcept : map_(map), node_(n) {}
    node_holder(const node_holder&) = delete;
    node_holder& operator=(const node_holder&) = delete;
    ~node_holder() {
      if (node_ != nullptr) map_.destroy_node(node_);
    }
    node_type* get() const noexcept { return node_; }
    void reset(node_type* n) noexcept { node_ = n; }
    void release() noexcept { node_ = nullptr; }

   private:
    skiplist_map& map_;
    node_type* node_;
  };

  // Holds room in the retired list from before an erase linearizes, so that retiring the node
  // afterwards cannot fail.
  class retire_reservation {
   public:
    explicit retire_reservation(skiplist_map& map) noexcept : map_(map) {}
    retire_reservation(const retire_reservation&) = delete;
    retire_reservation& operator=(const retire_reservation&) = delete;
    ~retire_reservation() {
      if (held_) map_.retired_.cancel_reservation();
    }

    void reserve() {
      if (held_) return;
      map_.retired_.reserve();
      held_ = true;
    }

    // Call after `victim` is unlinked at every level.
    void retire(node_base* victim) noexcept {
      held_ = false;
      node_base* const reclaimable = map_.retired_.retire(victim, map_.alloc_);
      std::size_t count = 0;
      for (node_base* n = reclaimable; n != nullptr;
           n = n->next0().load(std::memory_order_relaxed)) {
        alloc_traits::destroy(map_.alloc_, std::addressof(static_cast<node_type*>(n)->value));
        ++count;
      }
      if (count != 0) map_.pool_.release(reclaimable, count);
    }

   private:
    skiplist_map& map_;
    bool held_ = false;
  };

  // --- node storage ---------------------------------------------------------------------------

  template <class... Args>
  node_type* create_node(thread_record& self, Args&&... args) {
    return create_node_of_height(detail::skiplist::random_height(self),
                                 std::forward<Args>(args)...);
  }

  template <class... Args>
  node_type* create_node_of_height(std::uint8_t height, Args&&... args) {
    node_type* const n = layout::construct(pool_.allocate(alloc_, height), height);
    try {
      alloc_traits::construct(alloc_, std::addressof(n->value), std::forward<Args>(args)...);
    } catch (...) {
      pool_.release(n, 1);
      throw;
    }
    return n;
  }

  void destroy_node(node_base* n) noexcept {
    alloc_traits::destroy(alloc_, std::addressof(static_cast<node_type*>(n)->value));
    pool_.release(n, 1);
  }

  // Frees every node, published or retired. Only when no other thread uses the map.
  void destroy_all() noexcept {
    for (node_base* n = head_.base.next0().load(std::memory_order_relaxed); n != nullptr;
         n = n->next0().load(std::memory_order_relaxed)) {
      alloc_traits::destroy(alloc_, std::addressof(static_cast<node_type*>(n)->value));
    }
    retired_.clear(
        [&](node_base* n) {
          alloc_traits::destroy(alloc_, std::addressof(static_cast<node_type*>(n)->value));
        },
        alloc_);
    index_type::destroy(alloc_, index_.exchange(nullptr, std::memory_order_relaxed));
    pool_.release_chunks(alloc_);
    for (int level = 0; level < max_height; ++level) {
      layout::link_of(&head_.base, level).store(nullptr, std::memory_order_relaxed);
    }
  }

  // Appends elements given in strictly increasing key order. Only for a map that is empty and
  // not yet used by other threads (construction, assignment).
  template <class InputIt>
  void append_sorted(InputIt first, InputIt last) {
    thread_record& self = detail::skiplist::this_thread_record();
    node_base* tails[max_height];
    std::fill(std::begin(tails), std::end(tails), &head_.base);
    int levels = 1;
    std::size_t count = 0;
    try {
      for (; first != last; ++first) {
        node_type* n = create_node(self, *first);
        n->state.store(node_base::live, std::memory_order_relaxed);
        for (int level = 0; level < n->height; ++level) {
          layout::link_of(tails[level], level).store(n, std::memory_order_relaxed);
          set_hint(tails[level], level, n);
          tails[level] = n;
        }
        levels = std::max<int>(levels, n->height);
        ++count;
      }
    } catch (...) {
      clear();
      throw;
    }
    levels_.store(levels, std::memory_order_relaxed);
    sizes_[0].inserts.fetch_add(count, std::memory_order_relaxed);
    if constexpr (key_hints) rebuild_index(self);
  }

  // Exchanges the elements (not the allocators). Only when no other thread uses either map.
  void swap_contents(skiplist_map& other) noexcept {
    for (int level = 0; level < max_height; ++level) {
      node_base* mine = layout::link_of(&head_.base, level).load(std::memory_order_relaxed);
      node_base* theirs = layout::link_of(&other.head_.base, level).load(std::memory_order_relaxed);
      layout::link_of(&head_.base, level).store(theirs, std::memory_order_relaxed);
      layout::link_of(&other.head_.base, level).store(mine, std::memory_order_relaxed);
      set_hint(&head_.base, level, theirs);
      other.set_hint(&other.head_.base, level, mine);
    }
    const int levels = levels_.load(std::memory_order_relaxed);
    levels_.store(other.levels_.load(std::memory_order_relaxed), std::memory_order_relaxed);
    other.levels_.store(levels, std::memory_order_relaxed);
    for (std::size_t i = 0; i < size_stripes; ++i) {
      swap_relaxed(sizes_[i].inserts, other.sizes_[i].inserts);
      swap_relaxed(sizes_[i].erases, other.sizes_[i].erases);
    }
    swap_relaxed(writes_at_index_build_, other.writes_at_index_build_);
    swap_relaxed(index_, other.index_);
    pool_.swap(other.pool_);
    retired_.swap(other.retired_);
    using std::swap;
    swap(comp_, other.comp_);
  }

  // --- search index ---------------------------------------------------------------------------
  //
  // With key hints, lookups start from the search index (detail/skiplist_index.hpp). How the map
  // keeps the index's invariants:
  // - A node an index names stays allocated while a thread may read that index. The builder sets
  //   node->indexed and then checks that the node is live, an erase marks its victim erased and
  //   then reads the flag (all seq_cst): a node erased before a build is left out of it, and an
  //   erase that sees the flag parks its victim in retired_ until an index built after the erase
  //   is published (detail/skiplist_retired.hpp).
  // - A search may start from an index entry only on the levels that entry's tower has: lookups
  //   and most writers on index_level; a writer that links or unlinks a taller tower from an
  //   entry at least as tall, found among the few entries before the key, or else from the head.
  // - One thread builds at a time (index_building_ is a try-lock), walking level index_level. A
  //   build is due once inserts and erases since the previous one reach a quarter of the size
  //   (and index_min_writes), so the walk costs O(1) per write and few nodes wait parked. A build
  //   that fails (the allocator threw) keeps the previous index; lookups stay correct.
  static constexpr int index_level = detail::skiplist::index_level;
  static constexpr std::size_t index_check_period = 64;  // writes per stripe between checks
  static constexpr std::size_t index_min_writes = 1024;

  // Where a descent for the key that `before` and `probe` describe starts: the live indexed node
  // nearest before it with a tower of `height` levels or more (null: start from the head) and the
  // first indexed node whose hint shows it comes after the key (null if none does).
  template <class K, class Probe, class Before>
  typename index_type::start_point index_start(const K& key, Probe probe, Before before,
                                               int height = index_level + 1) const noexcept {
    const index_type* const index = index_.load(std::memory_order_acquire);
    if (index == nullptr) return {nullptr, nullptr};
    return index->start_before(
        [&](const auto& hint) { return index_before(hint, probe, before); },
        [&](const auto& hint) { return index_after(key, hint, probe); }, height);
  }

  bool index_rebuild_due() const noexcept {
    const write_count counts = write_counts();
    const std::size_t since =
        counts.total() - writes_at_index_build_.load(std::memory_order_relaxed);
    return since >= std::max(index_min_writes, counts.size() / 4);
  }

  // Builds and publishes a new index unless another thread is building one. Never throws.
  void rebuild_index(thread_record& self) noexcept {
    if (index_building_.exchange(true, std::memory_order_acquire)) return;
    operation_guard guard(self);  // the walk stands on nodes that may be erased meanwhile
    const std::uint64_t build = retired_.start_index_build();
    writes_at_index_build_.store(write_counts().total(), std::memory_order_relaxed);
    try {
      index_type* const fresh = build_index();
      index_type* const old = index_.exchange(fresh);  // seq_cst: before the epoch read
      retired_.index_published(old, build, alloc_);
    } catch (...) {  // the allocator failed: keep the previous index
    }
    index_building_.store(false, std::memory_order_release);
  }

  // An index of the live nodes of level index_level, or null if there are none.
  index_type* build_index() {
    using entry = std::pair<hint_type, node_base*>;
    using entry_allocator = typename alloc_traits::template rebind_alloc<entry>;
    std::vector<entry, entry_allocator> found{entry_allocator(alloc_)};
    found.reserve((size() >> index_level) + (size() >> (index_level + 2)) + 16);
    for (node_base* n = layout::link_of(&head_.base, index_level).load(); n != nullptr;
         n = layout::link_of(n, index_level).load()) {
      if (!n->is_live()) continue;
      if (n->indexed.load() == 0) n->indexed.store(1);
      if (n->is_live()) found.emplace_back(hint_traits::of(key_of(n)), n);  // after the flag
    }
    return index_type::build(alloc_, found);
  }

  template <class V>
  static void swap_relaxed(std::atomic<V>& a, std::atomic<V>& b) noexcept {
    const V value = a.load(std::memory_order_relaxed);
    a.store(b.load(std::memory_order_relaxed), std::memory_order_relaxed);
    b.store(value, std::memory_order_relaxed);
  }

  // --- traversal ------------------------------------------------------------------------------

  static value_type& value_of(node_base* n) noexcept { return static_cast<node_type*>(n)->value; }

  // Copies the hint of `from`'s slot at `level` to `to`'s (both locked or unpublished; only
  // level 1 has hints).
  static void copy_hint(const node_base* to, const node_base* from, int level) noexcept {
    if constexpr (key_hints) {
      if (level == 1) {
        layout::slot1_of(to).hint.store(layout::slot1_of(from).hint.load(std::memory_order_relaxed),
                                        std::memory_order_relaxed);
      }
    }
  }

  // Makes the hint of `n`'s slot at `level` name `target` (a no-op without hints, on levels other
  // than 1 and for a null target). Called wherever that link is stored, by the thread allowed to
  // store it.
  static void set_hint(const node_base* n, int level, const node_base* target) noexcept {
    if constexpr (key_hints) {
      if (level == 1 && target != nullptr) {
        layout::slot1_of(n).hint.store(hint_traits::of(key_of(target)), std::memory_order_relaxed);
      }
    }
  }
  static const Key& key_of(const node_base* n) noexcept {
    return static_cast<const node_type*>(n)->value.first;
  }

  template <class K>
  bool equivalent(const K& key, const node_base* n) const {
    return !comp_(key, key_of(n)) && !comp_(key_of(n), key);
  }

  // Whether a search for a `K` can decide by hints (prefix hints need a string to cut).
  template <class K>
  static constexpr bool searches_by_hints = [] {
    if constexpr (key_hints) {
      return hint_traits::template probes<K>;
    } else {
      return false;
    }
  }();

  // What a search compares hints with: nothing beyond its key when hints are exact, else the
  // key's prefix.
  template <class K>
  static auto probe_of([[maybe_unused]] const K& key) noexcept {
    if constexpr (hint_traits::exact) {
      return nullptr;
    } else {
      return hint_traits::of(key);
    }
  }

  // Whether `next`, linked by a slot holding `hint`, comes before the key that `before` (`k <
  // key` or `k <= key`) and `probe` describe. Exact hints decide alone; prefix hints decide when
  // they differ from the key's, else `next`'s own key decides.
  template <class Hint, class Probe, class Before>
  static bool hint_before(const Hint& hint, Probe probe, const node_base* next,
                          Before before) {
    if constexpr (hint_traits::exact) {
      return before(hint);
    } else {
      return hint != probe ? hint < probe : before(key_of(next));
    }
  }

  // Whether `next`, linked by a slot holding `hint` and known not to be before `key`, holds
  // `key` (as far as the hint tells: a stale hint may name another node).
  template <class K, class Hint, class Probe>
  bool hint_matches(const K& key, const Hint& hint, Probe probe, const node_base* next) const {
    if constexpr (hint_traits::exact) {
      return !comp_(key, hint);
    } else {
      return hint == probe && !comp_(key, key_of(next));
    }
  }

  // For the search index, which holds hints only: whether an entry's key is surely before the
  // key (an index entry the key's prefix ties with is left for the descent).
  template <class Hint, class Probe, class Before>
  static bool index_before(const Hint& hint, Probe probe, Before before) {
    if constexpr (hint_traits::exact) {
      return before(hint);
    } else {
      return hint < probe;
    }
  }

  // For the first index entry not before the key: whether its hint alone shows that its key comes
  // strictly after `key`.
  template <class K, class Hint, class Probe>
  bool index_after(const K& key, const Hint& hint, Probe probe) const {
    if constexpr (hint_traits::exact) {
      return comp_(key, hint);
    } else {
      return hint != probe;
    }
  }

  // The live node after `n`, prefetching ahead (see skip_ahead).
  static node_base* next_live(const node_base* n) noexcept {
    node_base* const next = detail::skiplist::skip_dead(n->next0().load());
    if (next != nullptr) {
      detail::prefetch(detail::skiplist::skip_ahead(next, sizeof(slot_type)));
    }
    return next;
  }

  node_base* first_live() const noexcept {
    return detail::skiplist::skip_dead(head_.base.next0().load());
  }

  template <class It>
  It first() const {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    return It(in_operation, first_live(), self);
  }

  // First level-0 node (possibly not live) whose key `k` has before(k) false; `before` is
  // `k < key` or `k <= key`. Starting below the tallest tower is correct, only slower, so the
  // level hint needs no ordering.
  template <class K, class Before>
  node_base* descend([[maybe_unused]] const K& key, Before before) const {
    if constexpr (searches_by_hints<K>) {
      const auto probe = probe_of(key);
      const node_base* at = &head_.base;
      int top = levels_.load(std::memory_order_relaxed) - 1;
      // Leftmost node known to come after the key, where the walks stop without comparing.
      const node_base* bound = nullptr;
      // A live indexed node before the key stands where a search from the head could have
      // reached on level index_level (see the search index).
      const auto start = index_start(key, probe, before);
      if (start.start != nullptr) {
        at = start.start;
        top = index_level;
        bound = start.after;
      }
      // Levels above 1 have no hints: the nodes' keys decide. From the index, the first step
      // usually reaches `bound` and reads no key.
      for (int level = top; level > 1; --level) {
        for (;;) {
          node_base* const next = layout::link_of(at, level).load(std::memory_order_acquire);
          if (next == nullptr || next == bound) break;
          if (before(key_of(next))) {
            at = next;
            continue;
          }
          // A hit on a tall node ends here (an erased node may still be linked up here after an
          // insert of its key linked a new node below: search again by keys).
          if (!comp_(key, key_of(next))) return next->is_live() ? next : descend_by_keys(before);
          bound = next;
          break;
        }
      }
      if (top > 0) {
        const slot_type* slot = &layout::slot1_of(at);
        for (;;) {
          // No test for `bound` here: it would add a coin-toss branch to the hint's, which decides
          // the same.
          node_base* const next = slot->next.load(std::memory_order_acquire);
          if (next == nullptr) break;
          // Fetch `next` before the hint decides: its line is on the critical path when the
          // branch predictor guesses wrong, and is cheap to waste when the search goes down.
          detail::prefetch(next);
          const hint_type hint = slot->hint.load(std::memory_order_relaxed);
          if (hint_before(hint, probe, next, before)) {
            at = next;
            slot = &layout::slot1_of(at);
            continue;
          }
          // The nodes between `pred` and `next` have smaller keys than `next`, so a hint equal
          // to `key` names the answer: a live hit ends here, without level 0. A stale hint may
          // name another node, and an erased node may still be linked on level 1 after an insert
          // of its key linked a new node on level 0; either sends the search back to the start.
          // (With `k <= key`, the node is after the key: this never applies.)
          if (hint_matches(key, hint, probe, next)) {
            return equivalent(key, next) && next->is_live() ? next : descend_by_keys(before);
          }
          break;
        }
      }
      // A stale hint may have moved the search past the target, and every later step with it.
      if (at != &head_.base && !before(key_of(at))) return descend_by_keys(before);
      node_base* curr = at->next0().load();
      while (curr != nullptr && before(key_of(curr))) curr = curr->next0().load();
      return curr;
    } else {
      return descend_by_keys(before);
    }
  }

  template <class Before>
  node_base* descend_by_keys(Before before) const {
    node_base* pred = &head_.base;
    // Leftmost node seen not to be before the target (null: none). It saves comparisons only: a
    // concurrent erase may unlink it from the lower levels, so the walk also stops at the end.
    node_base* bound = nullptr;
    for (int level = levels_.load(std::memory_order_relaxed) - 1; level >= 0; --level) {
      node_base* curr = layout::link_of(pred, level).load();
      while (curr != bound && curr != nullptr && before(key_of(curr))) {
        pred = curr;
        curr = layout::link_of(pred, level).load();
      }
      bound = curr;
    }
    return bound;
  }

  // The neighbours of a key on levels [0, top] and the highest level holding the key (-1: none).
  struct splice {
    node_base* preds[max_height];
    node_base* succs[max_height];
    int top = 0;
    int found = -1;
  };

  // Fills `s` with the predecessors and successors of `key` on levels [0, s.top] and the highest
  // level on which a node with `key` was found (or -1). A search that needs `needed` levels
  // starts from an indexed node with at least that many when the index names one near the key,
  // and then fills levels [0, max(needed - 1, index_level)]; otherwise it starts from the head on
  // `top`. Guarantees (whatever
  // writers do): every predecessor is the head or a node before `key`, succs[0] and the
  // successors above level 1 were compared by their keys (or named by the index, whose nodes'
  // keys it knows), and the node found, if any, has `key`. With key hints, succs[1] is only
  // hinted to come after `key`: link() checks the hint again under the predecessor's lock, where
  // it is exact. A search from the index is as valid as one from the head: the indexed node was
  // live and before `key` when seen, and validation under the locks catches its erase.
  template <class K>
  void find_splice(const K& key, int top, int needed, splice& s) const {
    s.top = top;
    if constexpr (searches_by_hints<K>) {
      const auto probe = probe_of(key);
      const auto before = [&](const Key& k) { return comp_(k, key); };
      int found = -1;
      const node_base* at = &head_.base;
      const node_base* bound = nullptr;
      bool bound_matches = false;
      const auto start = index_start(key, probe, before, needed);
      if (start.start != nullptr) {
        at = start.start;
        s.top = std::max(needed - 1, index_level);
        bound = start.after;  // comes after `key`: it does not match
      }
      for (int level = s.top; level > 1; --level) {  // the same steps as descend()
        node_base* next = layout::link_of(at, level).load(std::memory_order_acquire);
        while (next != bound && next != nullptr && before(key_of(next))) {
          at = next;
          next = layout::link_of(at, level).load(std::memory_order_acquire);
        }
        if (next != bound) {
          bound = next;
          bound_matches = next != nullptr && !comp_(key, key_of(next));
        }
        if (bound_matches && found < 0) found = level;
        s.preds[level] = const_cast<node_base*>(at);
        s.succs[level] = next;
      }
      if (s.top > 0) {
        const slot_type* slot = &layout::slot1_of(at);
        node_base* next;
        for (;;) {
          next = slot->next.load(std::memory_order_acquire);
          if (next == nullptr) break;
          detail::prefetch(next);
          const hint_type hint = slot->hint.load(std::memory_order_relaxed);
          if (!hint_before(hint, probe, next, before)) {
            if (found < 0 && hint_matches(key, hint, probe, next)) found = 1;
            break;
          }
          at = next;
          slot = &layout::slot1_of(at);
        }
        s.preds[1] = const_cast<node_base*>(at);
        s.succs[1] = next;
      }
      node_base* pred = const_cast<node_base*>(at);
      if (pred != &head_.base && !comp_(key_of(pred), key)) {
        return find_splice_by_keys(key, top, s);  // a stale hint led past `key`
      }
      node_base* curr = pred->next0().load();
      while (curr != nullptr && comp_(key_of(curr), key)) {
        pred = curr;
        curr = pred->next0().load();
      }
      s.preds[0] = pred;
      s.succs[0] = curr;
      if (found < 0 && curr != nullptr && !comp_(key, key_of(curr))) found = 0;
      if (found == 1 && (comp_(key, key_of(s.succs[1])) || comp_(key_of(s.succs[1]), key))) {
        return find_splice_by_keys(key, top, s);  // a stale hint named another node
      }
      s.found = found;
    } else {
      find_splice_by_keys(key, top, s);
    }
  }

  template <class K>
  void find_splice_by_keys(const K& key, int top, splice& s) const {
    int found = -1;
    node_base* pred = &head_.base;
    node_base* bound = nullptr;
    bool bound_matches = false;
    s.top = top;
    for (int level = top; level >= 0; --level) {
      node_base* curr = layout::link_of(pred, level).load();
      while (curr != bound && curr != nullptr && comp_(key_of(curr), key)) {
        pred = curr;
        curr = layout::link_of(pred, level).load();
      }
      if (curr != bound) {
        bound = curr;
        bound_matches = curr != nullptr && !comp_(key, key_of(curr));
      }
      if (bound_matches && found < 0) found = level;
      s.preds[level] = pred;
      s.succs[level] = curr;
    }
    s.found = found;
  }

  // Whether `pred`'s successor at `level`, known to be at or after `key` by the search, comes
  // strictly after it. Called with `pred` locked, so that its hint is exact. Only level 1 was
  // decided by a hint.
  template <class K>
  bool hinted_after(const node_base* pred, int level, const node_base* succ, const K& key) const {
    if constexpr (searches_by_hints<K>) {
      return level != 1 || succ == nullptr ||
             !hint_before(layout::slot1_of(pred).hint.load(std::memory_order_relaxed),
                          probe_of(key), succ, [&](const Key& k) { return !comp_(key, k); });
    } else {
      return true;
    }
  }

  template <class K>
  node_type* find_node(const K& key) const {
    node_base* candidate = descend(key, [&](const Key& k) { return comp_(k, key); });
    if (candidate == nullptr || comp_(key, key_of(candidate)) || !candidate->is_live()) {
      return nullptr;  // linearizes when the candidate was observed not live or absent
    }
    return static_cast<node_type*>(candidate);
  }

  template <class It, class K>
  It find_impl(const K& key) const {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    return It(in_operation, find_node(key), self);
  }

  template <class K>
  bool contains_impl(const K& key) const {
    operation_guard guard(detail::skiplist::this_thread_record());
    return find_node(key) != nullptr;
  }

  template <class It, class K>
  It lower_bound_impl(const K& key) const {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    node_base* n = descend(key, [&](const Key& k) { return comp_(k, key); });
    return It(in_operation, detail::skiplist::skip_dead(n), self);
  }

  template <class It, class K>
  It upper_bound_impl(const K& key) const {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    node_base* n = descend(key, [&](const Key& k) { return !comp_(key, k); });
    return It(in_operation, detail::skiplist::skip_dead(n), self);
  }

  T& at_impl(const key_type& key) const {
    operation_guard guard(detail::skiplist::this_thread_record());
    node_type* n = find_node(key);
    if (n == nullptr) throw std::out_of_range("maptidy::skiplist_map::at: key not found");
    return n->value.second;
  }

  // --- writers --------------------------------------------------------------------------------

  // Counts an insert or an erase that took effect; every index_check_period of them on a stripe,
  // rebuilds the search index if it is due, or else frees the indexes it replaced once no reader
  // can hold them. Called with no lock held.
  void count_write(thread_record& self, bool insert) noexcept {
    size_stripe& stripe = sizes_[self.index % size_stripes];
    std::atomic<std::size_t>& counter = insert ? stripe.inserts : stripe.erases;
    const std::size_t count = counter.fetch_add(1, std::memory_order_relaxed) + 1;
    if constexpr (key_hints) {
      if (count % index_check_period != 0) return;
      if (index_rebuild_due()) {
        rebuild_index(self);
      } else if (retired_.indexes_waiting()) {
        retired_.reclaim_indexes(alloc_);
      }
    }
  }

  void raise_levels(int height) noexcept {
    int levels = levels_.load(std::memory_order_relaxed);
    while (levels < height &&
           !levels_.compare_exchange_weak(levels, height, std::memory_order_relaxed)) {
    }
  }

  // Links `fresh` unless its key is present. Returns the node holding the key and whether it is
  // `fresh`. `known`, when given, is a splice searched for the key after levels_ covered `fresh`
  // and found nothing. Linearization point: the store that makes `fresh` live, or the moment the
  // existing node was seen live.
  std::pair<node_type*, bool> link(thread_record& self, node_type* fresh, splice* known = nullptr) {
    const Key& key = fresh->value.first;
    const int height = fresh->height;
    splice local;
    splice& s = known != nullptr ? *known : local;
    if (known == nullptr) raise_levels(height);
    for (spin_wait backoff;; backoff.wait()) {
      // After raise_levels the hint covers `height`; an equal node is found on some lower level.
      if (known == nullptr) {
        find_splice(key, levels_.load(std::memory_order_relaxed) - 1, height, s);
      }
      known = nullptr;
      if (s.found >= 0) {
        node_base* existing = s.succs[s.found];
        if (existing->state.load() == node_base::erased) continue;  // wait for its unlink
        while (existing->state.load() == node_base::linking) backoff.wait();
        return {static_cast<node_type*>(existing), false};
      }
      {
        node_locks locks;
        bool valid = true;
        for (int level = 0; valid && level < height; ++level) {
          node_base* const pred = s.preds[level];
          node_base* const succ = s.succs[level];
          locks.acquire(pred);
          valid = pred->state.load() != node_base::erased &&
                  (succ == nullptr || succ->state.load() != node_base::erased) &&
                  layout::link_of(pred, level).load() == succ && hinted_after(pred, level, succ, key);
        }
        if (!valid) continue;
        for (int level = 0; level < height; ++level) {
          layout::link_of(fresh, level).store(s.succs[level], std::memory_order_relaxed);
          copy_hint(fresh, s.preds[level], level);  // exact: the predecessor is locked, validated
        }
        // Link first, hint second: a reader that pairs the new link with the old hint (a larger
        // key) at worst moves down early; the opposite pairing is caught by the searches' checks.
        for (int level = 0; level < height; ++level) {
          layout::link_of(s.preds[level], level).store(fresh, std::memory_order_release);
          set_hint(s.preds[level], level, fresh);
        }
        gate_pass pass(gate_, self);
        fresh->state.store(node_base::live);  // linearization point
      }
      count_write(self, true);
      return {fresh, true};
    }
  }

  // One search serves both the lookup and the insertion: the tower height is drawn first so that
  // the splice covers it.
  template <class KeyArg, class... Args>
  std::pair<iterator, bool> try_emplace_impl(KeyArg&& key, Args&&... args) {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    const std::uint8_t height = detail::skiplist::random_height(self);
    raise_levels(height);
    splice s;
    for (spin_wait backoff;; backoff.wait()) {
      find_splice(key, levels_.load(std::memory_order_relaxed) - 1, height, s);
      if (s.found < 0) break;
      node_base* existing = s.succs[s.found];
      while (existing->state.load() == node_base::linking) backoff.wait();
      if (existing->state.load() == node_base::live) {  // linearization point
        return {iterator(in_operation, existing, self), false};
      }
      // Erased: search again once it is unlinked.
    }
    node_holder fresh(*this, create_node_of_height(
                                 height, std::piecewise_construct,
                                 std::forward_as_tuple(std::forward<KeyArg>(key)),
                                 std::forward_as_tuple(std::forward<Args>(args)...)));
    const auto [n, inserted] = link(self, fresh.get(), &s);
    if (inserted) fresh.release();
    return {iterator(in_operation, n, self), inserted};
  }

  // Assigns under the node's lock, so that it cannot interleave with the node's erase or another
  // assignment, and inside the write gate, so that snapshots never copy a half-assigned value.
  template <class M>
  bool assign_if_live(thread_record& self, node_type* n, M&& obj) {
    node_locks locks;
    locks.acquire(n);
    if (!n->is_live()) return false;
    gate_pass pass(gate_, self);
    n->value.second = std::forward<M>(obj);
    return true;
  }

  template <class KeyArg, class M>
  std::pair<iterator, bool> insert_or_assign_impl(KeyArg&& key, M&& obj) {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    node_holder fresh(*this, nullptr);  // built once the key is seen absent
    for (spin_wait backoff;; backoff.wait()) {
      node_type* existing = find_node(fresh.get() != nullptr ? fresh.get()->value.first : key);
      if (existing == nullptr) {
        if (fresh.get() == nullptr) {
          fresh.reset(create_node(self, std::piecewise_construct,
                                  std::forward_as_tuple(std::forward<KeyArg>(key)),
                                  std::forward_as_tuple(std::forward<M>(obj))));
        }
        const auto [n, inserted] = link(self, fresh.get());
        if (inserted) {
          fresh.release();
          return {iterator(in_operation, n, self), true};
        }
        existing = n;
      }
      const bool assigned = fresh.get() != nullptr
                                ? assign_if_live(self, existing, std::move(fresh.get()->value.second))
                                : assign_if_live(self, existing, std::forward<M>(obj));
      if (assigned) return {iterator(in_operation, existing, self), false};
    }
  }

  template <class K>
  size_type erase_key(const K& key) {
    thread_record& self = detail::skiplist::this_thread_record();
    operation_guard guard(self);
    return erase_node(self, key, nullptr) ? 1 : 0;
  }

  // Erases the live node with `key` (only if it is `expected`, when given). Linearization point:
  // the store that marks the victim erased, made while the victim and its predecessors are
  // locked and validated, so the unlink that follows cannot fail and no comparator runs after it.
  template <class K>
  bool erase_node(thread_record& self, const K& key, const node_base* expected) {
    splice s;
    node_base** const preds = s.preds;
    retire_reservation reservation(*this);
    int top = levels_.load(std::memory_order_relaxed) - 1;
    // Most victims are short enough for a splice from the search index on index_level; a taller
    // one needs a splice that covers its tower.
    int needed = index_level + 1;
    for (spin_wait backoff;; backoff.wait()) {
      find_splice(key, top, needed, s);
      if (s.found < 0) return false;
      node_base* victim = s.succs[s.found];
      if (expected != nullptr && victim != expected) return false;
      if (!victim->is_live()) return false;  // not inserted yet, or erased by another thread
      if (victim->height > s.top + 1) {  // too tall for the splice: search again
        needed = victim->height;
        if (victim->height > top + 1) top = max_height - 1;  // a stale level hint
        continue;
      }
      reservation.reserve();
      {
        node_locks locks;
        locks.acquire(victim);
        if (!victim->is_live()) return false;
        bool valid = true;
        for (int level = 0; valid && level < victim->height; ++level) {
          locks.acquire(preds[level]);
          valid = preds[level]->state.load() != node_base::erased &&
                  layout::link_of(preds[level], level).load() == victim;
        }
        if (!valid) continue;
        {
          gate_pass pass(gate_, self);
          victim->state.store(node_base::erased);  // linearization point
        }
        // Hint first, link second: a reader that pairs the new hint (a larger key) with the old
        // link moves onto the victim, still before that key; the opposite pairing is caught by
        // the searches' checks.
        for (int level = victim->height - 1; level >= 0; --level) {
          copy_hint(preds[level], victim, level);
          layout::link_of(preds[level], level)
              .store(layout::link_of(victim, level).load(std::memory_order_relaxed));
        }
      }
      reservation.retire(victim);
      count_write(self, false);
      return true;
    }
  }

  // Hot, read-mostly: the head tower, the level hint and the gate.
  mutable head_type head_;
  Compare comp_;
  Allocator alloc_;
  std::atomic<int> levels_{1};
  detail::skiplist::write_gate gate_;
  size_stripe sizes_[size_stripes];
  node_pool pool_;
  detail::skiplist::retired_list<index_type, Allocator> retired_;
  // Read by every lookup, written once per build.
  alignas(cache_line_size) std::atomic<index_type*> index_{nullptr};
  std::atomic<bool> index_building_{false};
  std::atomic<std::size_t> writes_at_index_build_{0};
};

}  // namespace maptidy

#endif  // MAPTIDY_SKIPLIST_MAP_HPP
