// maptidy/sharded_map.hpp - a sharded concurrent hash map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// maptidy::sharded_map splits its elements over a power-of-two number of
// shards. Each shard sits on its own cache line(s) and owns a reader-writer
// lock and an open-addressing table; an operation on one key locks exactly
// one shard, except lookups in maps of scalar keys and trivially copyable
// values, which read the shard without its lock and check its version
// (detail/optimistic_read.hpp). There are no iterators: elements are reached
// through callbacks (visit, upsert, for_each, erase_if) that run while the
// shard is locked, or copied out (get, snapshot).
//
// Callbacks must not call back into the same map (that would self-deadlock);
// builds without NDEBUG assert on it.
//
// Design sources: one lock per submap, selected by high hash bits, as in
// Gregory Popovitch's parallel_flat_hash_map (phmap) and the segments of
// Java's ConcurrentHashMap; each shard's table is detail/flat_table.hpp
// (Swiss-table groups with boost::unordered_flat_map's overflow bytes);
// lookups without the lock are seqlock reads, with storage freed behind a
// reader gate like boost::concurrent_flat_map's per-thread-slot locks.
#ifndef MAPTIDY_SHARDED_MAP_HPP
#define MAPTIDY_SHARDED_MAP_HPP

#include "maptidy/composite_key.hpp"
#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/flat_table.hpp"
#include "maptidy/detail/optimistic_read.hpp"
#include "maptidy/detail/rw_spinlock.hpp"

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
      const shard_write write(*this, shards_[i]);
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
    for_each_impl(*this, f);
  }
  template <class F>
  void for_each(F&& f) {
    for_each_impl(*this, f);
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
      const shard_write write(*this, shards_[i]);
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
      shard_write write(*this, shards_[i]);
      write.replaced(shards_[i].table.reserve_keeping_storage(per_shard + margin, hash_of_value(), allocator_));
    }
  }

  size_type shard_count() const noexcept { return shard_count_; }
  hasher hash_function() const { return hasher_; }
  key_equal key_eq() const { return equal_; }
  allocator_type get_allocator() const { return allocator_; }

 private:
  using table_type = detail::flat_table<value_type, Allocator, detail::map_element_key, detail::relaxed_count>;
  using position = typename table_type::position;

  // Invariants: `mutex` guards every member of `table`; the size counter
  // is also read without the lock (relaxed, for size()), and lookups read
  // the table without it under `version` (detail/optimistic_read.hpp), so
  // every change to the table is made inside a shard_write. No operation
  // holds two shard locks except the copy constructor and snapshot(), which
  // lock in increasing index order, and nothing waits for a lock while
  // holding one out of that order, so shards cannot deadlock.
  struct alignas(cache_line_size) shard {
    mutable SharedMutex mutex;
    detail::table_version version;
    table_type table;
  };

  // The exclusive lock of a shard for a change to its table. In a map that
  // reads_without_lock, the version is odd meanwhile, and storage that a
  // growth replaced is freed after the lock is released, once the readers
  // that may be probing it have left.
  class shard_write {
   public:
    shard_write(sharded_map& map, shard& s) : map_(map), shard_(s), lock_(s.mutex) {
      if constexpr (reads_without_lock) shard_.version.begin_change();
    }
    ~shard_write() {
      if constexpr (reads_without_lock) shard_.version.end_change();
      lock_.unlock();
      if (replaced_) {
        if constexpr (reads_without_lock) map_.readers_.wait_for_readers();
        table_type::release_storage(replaced_, map_.allocator_);
      }
    }
    shard_write(const shard_write&) = delete;
    shard_write& operator=(const shard_write&) = delete;

    void replaced(typename table_type::replaced_storage storage) noexcept {
      assert(!replaced_ && "one growth per write");
      replaced_ = storage;
    }

   private:
    sharded_map& map_;
    shard& shard_;
    std::unique_lock<SharedMutex> lock_;
    typename table_type::replaced_storage replaced_;
  };

  // Whether lookups read the table without the lock first: comparing a key
  // read while a writer changes it must be harmless (a scalar under the
  // standard equality), and the mapped value must be copyable as bytes.
  // Other maps always lock: for them only misses could be decided without
  // the lock, and hits would pay for both.
  static constexpr bool reads_without_lock =
      std::is_scalar_v<Key> && std::is_trivially_copyable_v<T> && std::is_copy_constructible_v<T> &&
      (std::is_same_v<KeyEqual, std::equal_to<>> || std::is_same_v<KeyEqual, std::equal_to<Key>>);

  enum class read_result { absent, found, undecided };
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
    shard_write write(*this, s);
    if (s.table.find(key, hash, equal_).found()) return false;
    insert_absent(write, s, hash, std::forward<Args>(args)...);
    return true;
  }

  // Inserts an element whose key is absent from `s`, growing its table if
  // full with the replaced storage left to `write`.
  template <class... Args>
  position insert_absent(shard_write& write, shard& s, std::uint64_t hash, Args&&... args) {
    if (MAPTIDY_UNLIKELY(s.table.size() == s.table.load_limit()))
      write.replaced(s.table.grow_keeping_storage(hash_of_value(), allocator_));
    return s.table.emplace_absent(hash, hash_of_value(), allocator_, std::forward<Args>(args)...);
  }

  template <class K, class M>
  bool insert_or_assign_impl(K&& key, M&& object) {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    shard& s = shard_for(hash);
    shard_write write(*this, s);
    if (const position found = s.table.find(key, hash, equal_); found.found()) {
      table_type::value_at(found).second = std::forward<M>(object);
      return false;
    }
    insert_absent(write, s, hash, std::forward<K>(key), std::forward<M>(object));
    return true;
  }

  template <class K, class F>
  bool upsert_impl(K&& key, F& f) {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    shard& s = shard_for(hash);
    shard_write write(*this, s);
    if (const position found = s.table.find(key, hash, equal_); found.found()) {
      const detail::callback_scope in_callback(this);
      f(table_type::value_at(found).second);
      return false;
    }
    const position inserted = insert_absent(write, s, hash, std::piecewise_construct,
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

  // Looks `key` up in `s` without its lock (detail/optimistic_read.hpp) if
  // the map reads_without_lock. When found, on_found(const value_type&) is
  // called with a copy of the element, after the read. `undecided`: the
  // shard changed meanwhile (or the map always locks); the caller locks.
  template <class K, class OnFound>
  read_result read_without_lock(const shard& s, const K& key, std::uint64_t hash, OnFound&& on_found) const {
    if constexpr (!reads_without_lock) {
      return read_result::undecided;
    } else {
      std::optional<value_type> copy;
      {
        const detail::reader_gate::pass pass(readers_);
        if (!pass.entered()) return read_result::undecided;
        const std::uint64_t start = s.version.read_begin();
        if (start & 1) return read_result::undecided;
        const detail::ignored_reads ignored;
        const typename table_type::storage_view storage = s.table.view();
        if (!s.version.validate(start)) return read_result::undecided;
        const position found = table_type::find_in(storage, key, hash, equal_);
        if (!found.found()) return s.version.validate(start) ? read_result::absent : read_result::undecided;
        const value_type& element = table_type::value_at(found);
        const Key element_key = element.first;
        const T element_value = element.second;
        if (!s.version.validate(start)) return read_result::undecided;
        copy.emplace(element_key, element_value);
      }
      on_found(*copy);
      return read_result::found;
    }
  }

  // A const map reads without the lock first, then under the shared lock; a
  // mutable one under the exclusive lock.
  template <class Self, class K, class F>
  static bool visit_impl(Self& self, const K& key, F&& f) {
    detail::assert_not_in_callback(&self);
    const std::uint64_t hash = self.hash_of(key);
    shard& s = self.shard_for(hash);
    const auto visit_in_place = [&](const position& found) {
      if (!found.found()) return false;
      const detail::callback_scope in_callback(&self);
      f(static_cast<std::conditional_t<std::is_const_v<Self>, const value_type&, value_type&>>(
          table_type::value_at(found)));
      return true;
    };
    if constexpr (std::is_const_v<Self>) {
      const auto visit_copy = [&](const value_type& element) {
        const detail::callback_scope in_callback(&self);
        f(element);
      };
      if (const read_result read = self.read_without_lock(s, key, hash, visit_copy); read != read_result::undecided)
        return read == read_result::found;
      const std::shared_lock<SharedMutex> lock(s.mutex);
      return visit_in_place(s.table.find(key, hash, self.equal_));
    } else {
      const shard_write write(self, s);
      return visit_in_place(s.table.find(key, hash, self.equal_));
    }
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
    if (const read_result read = read_without_lock(s, key, hash, [](const value_type&) {});
        read != read_result::undecided)
      return read == read_result::found;
    const std::shared_lock<SharedMutex> lock(s.mutex);
    return s.table.find(key, hash, equal_).found();
  }

  template <class K>
  size_type erase_impl(const K& key) {
    detail::assert_not_in_callback(this);
    const std::uint64_t hash = hash_of(key);
    shard& s = shard_for(hash);
    const shard_write write(*this, s);
    const position found = s.table.find(key, hash, equal_);
    if (!found.found()) return 0;
    s.table.erase(found, allocator_);
    return 1;
  }

  // Shared locks for a const map, exclusive ones otherwise.
  template <class Self, class F>
  static void for_each_impl(Self& self, F& f) {
    detail::assert_not_in_callback(&self);
    for (size_type i = 0; i < self.shard_count_; ++i) {
      if constexpr (std::is_const_v<Self>) {
        const std::shared_lock<SharedMutex> lock(self.shards_[i].mutex);
        const detail::callback_scope in_callback(&self);
        self.shards_[i].table.for_each(f);
      } else {
        const shard_write write(self, self.shards_[i]);
        const detail::callback_scope in_callback(&self);
        self.shards_[i].table.for_each(f);
      }
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
  // Only maps that read without the lock have readers to wait for.
  struct no_reader_gate {};
  std::conditional_t<reads_without_lock, detail::reader_gate, no_reader_gate> readers_;
};

}  // namespace maptidy

#endif  // MAPTIDY_SHARDED_MAP_HPP
