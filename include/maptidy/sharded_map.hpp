// maptidy/sharded_map.hpp - a sharded concurrent hash map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// maptidy::sharded_map splits its elements over a power-of-two number of
// shards. Each shard sits on its own cache line(s) and owns a reader-writer
// lock and an open-addressing table; an operation on one key locks exactly
// one shard. There are no iterators: elements are reached through callbacks
// (visit, upsert, for_each, erase_if) that run while the shard is locked, or
// copied out (get, snapshot).
//
// Callbacks must not call back into the same map (that would self-deadlock);
// builds without NDEBUG assert on it.
//
// Design sources: one lock per submap, selected by high hash bits, as in
// Gregory Popovitch's parallel_flat_hash_map (phmap) and the segments of
// Java's ConcurrentHashMap; each shard's table is detail/flat_table.hpp
// (Swiss-table groups with boost::unordered_flat_map's overflow bytes).
#ifndef MAPTIDY_SHARDED_MAP_HPP
#define MAPTIDY_SHARDED_MAP_HPP

#include "maptidy/composite_key.hpp"
#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/flat_table.hpp"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace maptidy {

// A reader-writer spin lock: four bytes, no system call on the uncontended
// path, writer-preferring (a waiting writer holds off new readers). Waiters
// spin briefly, then yield their time slice, then sleep in short steps,
// which keeps oversubscribed threads making progress. Meets the SharedMutex requirements, so it works
// with std::unique_lock and std::shared_lock.
class rw_spinlock {
 public:
  rw_spinlock() noexcept = default;
  rw_spinlock(const rw_spinlock&) = delete;
  rw_spinlock& operator=(const rw_spinlock&) = delete;

  void lock() noexcept {
    std::uint32_t expected = 0;
    if (!state_.compare_exchange_strong(expected, writer_active, std::memory_order_acquire,
                                        std::memory_order_relaxed))
      lock_contended();
  }

  bool try_lock() noexcept {
    std::uint32_t state = state_.load(std::memory_order_relaxed);
    return (state & ~writer_waiting) == 0 &&
           state_.compare_exchange_strong(state, writer_active, std::memory_order_acquire,
                                          std::memory_order_relaxed);
  }

  // An atomic subtraction rather than a store: readers that find the lock
  // taken are counted in for a moment before they back out.
  void unlock() noexcept { state_.fetch_sub(writer_active, std::memory_order_release); }

  void lock_shared() noexcept {
    for (unsigned attempt = 0; !try_lock_shared(); ++attempt) {
      while (state_.load(std::memory_order_relaxed) & (writer_active | writer_waiting)) pause(attempt++);
    }
  }

  // Optimistic: one atomic addition when no writer holds or waits for the
  // lock (cheaper than a compare-and-swap loop), backed out otherwise.
  bool try_lock_shared() noexcept {
    const std::uint32_t previous = state_.fetch_add(one_reader, std::memory_order_acquire);
    if ((previous & (writer_active | writer_waiting)) == 0) return true;
    state_.fetch_sub(one_reader, std::memory_order_relaxed);
    return false;
  }

  void unlock_shared() noexcept { state_.fetch_sub(one_reader, std::memory_order_release); }

 private:
  static constexpr std::uint32_t writer_active = 1;
  static constexpr std::uint32_t writer_waiting = 2;
  static constexpr std::uint32_t one_reader = 4;

  void lock_contended() noexcept {
    for (unsigned attempt = 0;; ++attempt) {
      std::uint32_t state = state_.load(std::memory_order_relaxed);
      if ((state & ~writer_waiting) == 0) {
        // Taking the lock also clears writer_waiting; other waiting writers set it again.
        if (state_.compare_exchange_weak(state, writer_active, std::memory_order_acquire,
                                         std::memory_order_relaxed))
          return;
      } else if ((state & writer_waiting) == 0) {
        state_.fetch_or(writer_waiting, std::memory_order_relaxed);
      }
      pause(attempt);
    }
  }

  // Spin, then yield, then sleep: a holder that was preempted or is
  // rehashing a large shard gets the processor instead of busy waiters.
  static void pause(unsigned attempt) noexcept { detail::backoff(attempt, 64, 128); }

  std::atomic<std::uint32_t> state_{0};
};

// Constructor argument selecting the number of shards; rounded up to a power
// of two. Zero means the default.
struct shards {
  std::size_t count = 0;
};

namespace detail {

// Debug-build detection of callbacks that call back into the map they run
// under: the map whose callback is running on this thread is recorded.
#if defined(NDEBUG)
struct callback_scope {
  explicit callback_scope(const void*) noexcept {}
};
inline void assert_not_in_callback(const void*) noexcept {}
#else
inline const void*& map_in_callback() noexcept {
  static thread_local const void* map = nullptr;
  return map;
}
class callback_scope {
 public:
  explicit callback_scope(const void* map) noexcept : previous_(map_in_callback()) { map_in_callback() = map; }
  ~callback_scope() { map_in_callback() = previous_; }
  callback_scope(const callback_scope&) = delete;
  callback_scope& operator=(const callback_scope&) = delete;

 private:
  const void* previous_;
};
inline void assert_not_in_callback(const void* map) noexcept {
  assert(map_in_callback() != map && "maptidy::sharded_map: a callback called back into its own map");
  (void)map;
}
#endif

}  // namespace detail

// Thread-safety: every member function may be called concurrently with any
// other, except construction and destruction. Hash, KeyEqual and Allocator
// are called concurrently through const references (as std::hash,
// std::equal_to and std::allocator allow).
template <class Key, class T, class Hash = maptidy::hash<Key>, class KeyEqual = std::equal_to<>,
          class Allocator = std::allocator<std::pair<const Key, T>>, class SharedMutex = rw_spinlock>
class sharded_map {
  template <class Probe>
  using enable_if_transparent =
      std::enable_if_t<detail::is_transparent_lookup<Hash, KeyEqual, Probe>::value, int>;

 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = std::pair<const Key, T>;
  using size_type = std::size_t;
  using hasher = Hash;
  using key_equal = KeyEqual;
  using allocator_type = Allocator;
  using mutex_type = SharedMutex;

  // Default shard count: 64 per hardware thread, as a power of two within
  // [64, 2048]. Two threads on 1e5 keys (90% lookups) ran 57 Mops/s over 8
  // shards, 115 over 64 and 133 over 128, at one thread's speed or better:
  // threads that meet on a shard's lock word slow each other down however
  // briefly they hold it.
  static size_type default_shard_count() noexcept {
    static const size_type count = std::clamp<size_type>(
        detail::round_up_to_power_of_two(64 * size_type{std::max(1u, std::thread::hardware_concurrency())}), 64,
        2048);
    return count;
  }

  sharded_map() : sharded_map(shards{}) {}
  explicit sharded_map(size_type expected_size, const Hash& hash = Hash(), const KeyEqual& equal = KeyEqual(),
                       const Allocator& allocator = Allocator())
      : sharded_map(shards{}, expected_size, hash, equal, allocator) {}
  explicit sharded_map(shards count, size_type expected_size = 0, const Hash& hash = Hash(),
                       const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : hasher_(hash), equal_(equal), allocator_(allocator) {
    const size_type wanted = count.count == 0 ? default_shard_count() : count.count;
    allocate_shards(detail::round_up_to_power_of_two(std::min(wanted, detail::hash_fields::max_shards)));
    try {
      reserve(expected_size);
    } catch (...) {
      release_shards();
      throw;
    }
  }
  explicit sharded_map(const Allocator& allocator) : sharded_map(shards{}, 0, Hash(), KeyEqual(), allocator) {}
  template <class InputIt>
  sharded_map(InputIt first, InputIt last, size_type expected_size = 0, const Hash& hash = Hash(),
              const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : sharded_map(shards{}, expected_size, hash, equal, allocator) {
    insert(first, last);
  }
  sharded_map(std::initializer_list<value_type> values, size_type expected_size = 0, const Hash& hash = Hash(),
              const KeyEqual& equal = KeyEqual(), const Allocator& allocator = Allocator())
      : sharded_map(values.begin(), values.end(), expected_size, hash, equal, allocator) {}

  // Copies a consistent cut of `other` (all its shards locked while copying).
  sharded_map(const sharded_map& other)
      : hasher_(other.hasher_),
        equal_(other.equal_),
        allocator_(std::allocator_traits<Allocator>::select_on_container_copy_construction(other.allocator_)) {
    allocate_shards(other.shard_count_);
    try {
      const all_shards_lock lock(other);
      for (size_type i = 0; i < shard_count_; ++i) shards_[i].table.copy_from(other.shards_[i].table, allocator_);
    } catch (...) {
      release_shards();
      throw;
    }
  }

  // A map is shared by address between threads; it is neither moved nor
  // assigned (use snapshot() or the copy constructor to copy it).
  sharded_map(sharded_map&&) = delete;
  sharded_map& operator=(const sharded_map&) = delete;
  sharded_map& operator=(sharded_map&&) = delete;

  ~sharded_map() { release_shards(); }

  // ---- Insertion. Each returns true if it inserted. Strong guarantee: if
  // hashing, comparing, allocating or constructing throws, the map is left
  // unchanged. insert_or_assign's assignment and upsert's callback on an
  // existing element give the guarantee of T's assignment / the callback.

  bool insert(const value_type& value) { return emplace_unique(value.first, value); }
  bool insert(value_type&& value) { return emplace_unique(value.first, std::move(value)); }

  // Inserts each element of [first, last) that is absent; returns how many.
  template <class InputIt>
  size_type insert(InputIt first, InputIt last) {
    size_type inserted = 0;
    for (; first != last; ++first) inserted += emplace(*first) ? 1 : 0;
    return inserted;
  }

  template <class... Args>
  bool emplace(Args&&... args) {
    if constexpr (first_is_key<Args...>::value) {
      return try_emplace(std::forward<Args>(args)...);
    } else {
      // The key is only known once the element is built.
      value_type value(std::forward<Args>(args)...);
      return emplace_unique(value.first, std::move(value));
    }
  }

  template <class... Args>
  bool try_emplace(const key_type& key, Args&&... args) {
    return emplace_unique(key, std::piecewise_construct, std::forward_as_tuple(key),
                          std::forward_as_tuple(std::forward<Args>(args)...));
  }
  template <class... Args>
  bool try_emplace(key_type&& key, Args&&... args) {
    return emplace_unique(key, std::piecewise_construct, std::forward_as_tuple(std::move(key)),
                          std::forward_as_tuple(std::forward<Args>(args)...));
  }

  template <class M>
  bool insert_or_assign(const key_type& key, M&& object) {
    return insert_or_assign_impl(key, std::forward<M>(object));
  }
  template <class M>
  bool insert_or_assign(key_type&& key, M&& object) {
    return insert_or_assign_impl(std::move(key), std::forward<M>(object));
  }

  // Default-constructs the mapped value if the key is absent, then calls
  // f(T&) under the shard's exclusive lock. If f throws right after an
  // insertion, the new element is removed again.
  template <class F>
  bool upsert(const key_type& key, F&& f) {
    return upsert_impl(key, f);
  }
  template <class F>
  bool upsert(key_type&& key, F&& f) {
    return upsert_impl(std::move(key), f);
  }

  // ---- Lookup. Each has an overload for any probe type K (string_view for
  // string keys, pairs of views for pair keys) when Hash and KeyEqual are
  // both transparent.

  // Calls f(const value_type&) under a shared lock; returns whether found.
  template <class F>
  bool visit(const key_type& key, F&& f) const {
    return visit_impl(*this, key, f);
  }
  template <class K, class F, enable_if_transparent<K> = 0>
  bool visit(const K& key, F&& f) const {
    return visit_impl(*this, key, f);
  }
  // Calls f(value_type&) under the exclusive lock; returns whether found.
  template <class F>
  bool visit(const key_type& key, F&& f) {
    return visit_impl(*this, key, f);
  }
  template <class K, class F, enable_if_transparent<K> = 0>
  bool visit(const K& key, F&& f) {
    return visit_impl(*this, key, f);
  }

  std::optional<T> get(const key_type& key) const { return get_impl(key); }
  template <class K, enable_if_transparent<K> = 0>
  std::optional<T> get(const K& key) const {
    return get_impl(key);
  }

  T get_or(const key_type& key, T fallback) const { return get_or_impl(key, std::move(fallback)); }
  template <class K, enable_if_transparent<K> = 0>
  T get_or(const K& key, T fallback) const {
    return get_or_impl(key, std::move(fallback));
  }

  bool contains(const key_type& key) const { return contains_impl(key); }
  template <class K, enable_if_transparent<K> = 0>
  bool contains(const K& key) const {
    return contains_impl(key);
  }

  size_type count(const key_type& key) const { return contains_impl(key) ? 1 : 0; }
  template <class K, enable_if_transparent<K> = 0>
  size_type count(const K& key) const {
    return contains_impl(key) ? 1 : 0;
  }

  // ---- Erasure.

  size_type erase(const key_type& key) { return erase_impl(key); }
  template <class K, enable_if_transparent<K> = 0>
  size_type erase(const K& key) {
    return erase_impl(key);
  }

  // Erases the elements for which pred(const value_type&) holds, one shard at
  // a time. If pred throws, the elements erased so far stay erased.
  template <class Predicate>
  size_type erase_if(Predicate pred) {
    detail::assert_not_in_callback(this);
    size_type erased = 0;
    for (size_type i = 0; i < shard_count_; ++i) {
      const std::unique_lock<SharedMutex> lock(shards_[i].mutex);
      const detail::callback_scope in_callback(this);
      erased += shards_[i].table.erase_if(pred, allocator_);
    }
    return erased;
  }

  // ---- Whole-map operations.

  // Calls f on every element, locking one shard at a time (shared for the
  // const overload, exclusive otherwise). Weakly consistent: elements
  // inserted or erased concurrently in shards not yet visited may or may not
  // be seen.
  template <class F>
  void for_each(F&& f) const {
    for_each_impl<std::shared_lock<SharedMutex>>(*this, f);
  }
  template <class F>
  void for_each(F&& f) {
    for_each_impl<std::unique_lock<SharedMutex>>(*this, f);
  }

  // A copy of the elements as of one instant: every shard is locked (shared,
  // in index order) before the first is copied.
  std::vector<std::pair<Key, T>> snapshot() const {
    detail::assert_not_in_callback(this);
    const all_shards_lock lock(*this);
    std::vector<std::pair<Key, T>> elements;
    elements.reserve(size());
    for (size_type i = 0; i < shard_count_; ++i) {
      const auto copy = [&elements](const value_type& element) { elements.emplace_back(element); };
      shards_[i].table.for_each(copy);
    }
    return elements;
  }

  // Sum of the shard sizes, each read without locking: exact when no
  // insertion or erasure runs concurrently.
  size_type size() const noexcept {
    size_type total = 0;
    for (size_type i = 0; i < shard_count_; ++i) total += shards_[i].table.size();
    return total;
  }
  bool empty() const noexcept { return size() == 0; }

  // Erases everything, one shard at a time; keeps the storage.
  void clear() noexcept {
    detail::assert_not_in_callback(this);
    for (size_type i = 0; i < shard_count_; ++i) {
      const std::unique_lock<SharedMutex> lock(shards_[i].mutex);
      shards_[i].table.clear(allocator_);
    }
  }

  // Makes room for `count` elements in total without rehashing, assuming they
  // spread evenly over the shards (with a margin for the random deviation).
  // Strong guarantee per shard.
  void reserve(size_type count) {
    detail::assert_not_in_callback(this);
    if (count == 0) return;
    const size_type per_shard = count / shard_count_;
    const size_type margin = 4 * static_cast<size_type>(std::sqrt(static_cast<double>(per_shard))) + 1;
    for (size_type i = 0; i < shard_count_; ++i) {
      const std::unique_lock<SharedMutex> lock(shards_[i].mutex);
      shards_[i].table.reserve(per_shard + margin, hash_of_value(), allocator_);
    }
  }

  size_type shard_count() const noexcept { return shard_count_; }
  hasher hash_function() const { return hasher_; }
  key_equal key_eq() const { return equal_; }
  allocator_type get_allocator() const { return allocator_; }

 private:
  using table_type = detail::flat_table<value_type, Allocator, detail::map_element_key, detail::relaxed_count>;
  using position = typename table_type::position;

  // Invariant: `mutex` guards every member of `table` except its size
  // counter, which is also read without the lock (relaxed, for size()).
  // No operation holds two shard locks except the copy constructor and
  // snapshot(), which lock in increasing index order, and nothing waits for
  // a lock while holding one out of that order, so shards cannot deadlock.
  struct alignas(cache_line_size) shard {
    mutable SharedMutex mutex;
    table_type table;
  };
  using shard_allocator = typename std::allocator_traits<Allocator>::template rebind_alloc<shard>;

  // Whether emplace(args...) is emplace(key, mapped-constructor-argument).
  template <class... Args>
  struct first_is_key : std::false_type {};
  template <class First, class Second>
  struct first_is_key<First, Second> : std::is_same<std::remove_cv_t<std::remove_reference_t<First>>, key_type> {};

  // Locks every shard shared, in index order; unlocks on destruction.
  class all_shards_lock {
   public:
    explicit all_shards_lock(const sharded_map& map) : map_(map) {
      for (; locked_ < map.shard_count_; ++locked_) map.shards_[locked_].mutex.lock_shared();
    }
    ~all_shards_lock() {
      while (locked_ > 0) map_.shards_[--locked_].mutex.unlock_shared();
    }
    all_shards_lock(const all_shards_lock&) = delete;
    all_shards_lock& operator=(const all_shards_lock&) = delete;

   private:
    const sharded_map& map_;
    size_type locked_ = 0;
  };

  template <class K>
  std::uint64_t hash_of(const K& key) const noexcept(noexcept(std::declval<const Hash&>()(key))) {
    return detail::table_hash(hasher_, key);
  }

  auto hash_of_value() const noexcept {
    return [this](const value_type& value) noexcept(noexcept(std::declval<const sharded_map&>().hash_of(value.first))) {
      return hash_of(value.first);
    };
  }

  shard& shard_for(std::uint64_t hash) const noexcept {
    return shards_[detail::hash_fields::shard(hash, shard_count_ - 1)];
  }

  template <class K, class... Args>
  bool emplace_unique(const K& key, Args&&... args) {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    shard& s = shard_for(hash);
    const std::unique_lock<SharedMutex> lock(s.mutex);
    if (s.table.find(key, hash, equal_).found()) return false;
    s.table.emplace_absent(hash, hash_of_value(), allocator_, std::forward<Args>(args)...);
    return true;
  }

  template <class K, class M>
  bool insert_or_assign_impl(K&& key, M&& object) {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    shard& s = shard_for(hash);
    const std::unique_lock<SharedMutex> lock(s.mutex);
    if (const position found = s.table.find(key, hash, equal_); found.found()) {
      table_type::value_at(found).second = std::forward<M>(object);
      return false;
    }
    s.table.emplace_absent(hash, hash_of_value(), allocator_, std::forward<K>(key), std::forward<M>(object));
    return true;
  }

  template <class K, class F>
  bool upsert_impl(K&& key, F& f) {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    shard& s = shard_for(hash);
    const std::unique_lock<SharedMutex> lock(s.mutex);
    if (const position found = s.table.find(key, hash, equal_); found.found()) {
      const detail::callback_scope in_callback(this);
      f(table_type::value_at(found).second);
      return false;
    }
    const position inserted = s.table.emplace_absent(hash, hash_of_value(), allocator_, std::piecewise_construct,
                                                   std::forward_as_tuple(std::forward<K>(key)), std::tuple<>());
    try {
      const detail::callback_scope in_callback(this);
      f(table_type::value_at(inserted).second);
    } catch (...) {
      s.table.erase(inserted, allocator_);
      throw;
    }
    return true;
  }

  // Shared lock for a const map, exclusive lock otherwise.
  template <class Self, class K, class F>
  static bool visit_impl(Self& self, const K& key, F&& f) {
    detail::assert_not_in_callback(&self);
    using lock_type = std::conditional_t<std::is_const_v<Self>, std::shared_lock<SharedMutex>,
                                         std::unique_lock<SharedMutex>>;
    const std::uint64_t hash = self.hash_of(key);
    shard& s = self.shard_for(hash);
    const lock_type lock(s.mutex);
    const position found = s.table.find(key, hash, self.equal_);
    if (!found.found()) return false;
    const detail::callback_scope in_callback(&self);
    f(static_cast<std::conditional_t<std::is_const_v<Self>, const value_type&, value_type&>>(
        table_type::value_at(found)));
    return true;
  }

  template <class K>
  std::optional<T> get_impl(const K& key) const {
    std::optional<T> result;
    visit_impl(*this, key, [&result](const value_type& element) { result.emplace(element.second); });
    return result;
  }

  template <class K>
  T get_or_impl(const K& key, T fallback) const {
    visit_impl(*this, key, [&fallback](const value_type& element) { fallback = element.second; });
    return fallback;
  }

  template <class K>
  bool contains_impl(const K& key) const {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    const shard& s = shard_for(hash);
    const std::shared_lock<SharedMutex> lock(s.mutex);
    return s.table.find(key, hash, equal_).found();
  }

  template <class K>
  size_type erase_impl(const K& key) {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    shard& s = shard_for(hash);
    const std::unique_lock<SharedMutex> lock(s.mutex);
    const position found = s.table.find(key, hash, equal_);
    if (!found.found()) return 0;
    s.table.erase(found, allocator_);
    return 1;
  }

  template <class Lock, class Self, class F>
  static void for_each_impl(Self& self, F& f) {
    detail::assert_not_in_callback(&self);
    for (size_type i = 0; i < self.shard_count_; ++i) {
      const Lock lock(self.shards_[i].mutex);
      const detail::callback_scope in_callback(&self);
      auto& table = static_cast<std::conditional_t<std::is_const_v<Self>, const table_type&, table_type&>>(
          self.shards_[i].table);
      table.for_each(f);
    }
  }

  void allocate_shards(size_type count) {
    shard_allocator allocator(allocator_);
    shard* const array = std::allocator_traits<shard_allocator>::allocate(allocator, count);
    size_type constructed = 0;
    try {
      for (; constructed < count; ++constructed) ::new (static_cast<void*>(array + constructed)) shard();
    } catch (...) {  // a SharedMutex constructor may throw
      while (constructed > 0) array[--constructed].~shard();
      std::allocator_traits<shard_allocator>::deallocate(allocator, array, count);
      throw;
    }
    shards_ = array;
    shard_count_ = count;
  }

  void release_shards() noexcept {
    if (shards_ == nullptr) return;
    for (size_type i = 0; i < shard_count_; ++i) {
      shards_[i].table.release(allocator_);
      shards_[i].~shard();
    }
    shard_allocator allocator(allocator_);
    std::allocator_traits<shard_allocator>::deallocate(allocator, shards_, shard_count_);
    shards_ = nullptr;
  }

  Hash hasher_;
  KeyEqual equal_;
  mutable Allocator allocator_;  // used under shard locks; must tolerate concurrent calls
  shard* shards_ = nullptr;
  size_type shard_count_ = 0;
};

}  // namespace maptidy

#endif  // MAPTIDY_SHARDED_MAP_HPP
