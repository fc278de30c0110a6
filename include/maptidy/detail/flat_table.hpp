// maptidy/detail/flat_table.hpp - the open-addressing table behind
// maptidy::flat_map, maptidy::flat_set and the shards of maptidy::sharded_map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Design. Elements live in place in an array of slots; a parallel array of
// 16-byte metadata groups describes them, 15 slots per group. Each slot has
// a one-byte tag (0: empty, else 8 bits of the element's hash) and each group
// an overflow byte. A lookup matches its tag against a whole group with one
// SIMD comparison, compares keys only on tag matches, and moves to the next
// group (triangular probing) only if the group's overflow bit for its hash
// is set, i.e. only if some element of that hash class was pushed past the
// group. Erasure clears the tag and leaves overflow bits alone, so there are
// no tombstones; an erasure from an overflowed group lowers the load limit
// instead, so that stale overflow bits are cleared by the next rehash.
//
// Sources: the group-of-tags probing is Google's Swiss table
// (Abseil's flat_hash_map, "Designing a fast, efficient, cache-friendly hash
// table, step by step", CppCon 2017); the groups of 15 slots with an overflow
// byte in place of tombstones, and moving keys out of elements that are
// about to be destroyed during a rehash, follow Joaquín M López Muñoz's
// design of boost::unordered_flat_map (Boost 1.81, "Inside
// boost::unordered_flat_map", 2022), as does reading a lookup's tag,
// repeated in a word, from a table.
//
// Invariants
// - group_mask_ + 1 groups (a power of two, at most 2^32) and 15 slots per
//   group, or no storage at all (groups_ == &no_groups, group_mask_ == 0);
//   group_shift_ == hash_fields::group_shift(group_mask_ + 1); one extra
//   sentinel group past the last, whose slot 0 alone is tagged sentinel_tag,
//   ends iteration without a bounds check. No element has that tag.
// - A slot holds a constructed element exactly when its tag is non-zero.
// - An element with hash h sits in the first group of h's probe sequence
//   that had a free slot when it was placed; every group it was pushed past
//   has h's overflow bit set.
// - size() <= load_limit_ <= the load limit of the current capacity (7/8).
#ifndef MAPTIDY_DETAIL_FLAT_TABLE_HPP
#define MAPTIDY_DETAIL_FLAT_TABLE_HPP

#include "maptidy/composite_key.hpp"
#include "maptidy/detail/cpu.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace maptidy {
namespace detail {

// Whether Hash and Equal both accept probe types other than the key. Probe
// only makes the answer depend on a member template's parameter (SFINAE).
template <class Hash, class Equal, class Probe, class = void>
struct is_transparent_lookup : std::false_type {};
template <class Hash, class Equal, class Probe>
struct is_transparent_lookup<Hash, Equal, Probe,
                             std::void_t<typename Hash::is_transparent, typename Equal::is_transparent>>
    : std::true_type {};

// Multiplier of the post-mixing applied to hashes that do not avalanche.
inline constexpr std::uint64_t post_mix_multiplier = 0x8463513755ac0ecdu;

// The 64-bit hash a table works with: Hash's result, post-mixed unless Hash
// declares that it avalanches, so that group, tag and shard bits are all
// usable. A one-word key under maptidy::hash is mixed with a single
// multiply-fold instead of the hash's absorb and finish folds, as
// boost::unordered_flat_map and absl::flat_hash_map mix integers: the second
// fold makes every output bit flip with probability 1/2, which composite
// keys need and a table's bit fields do not, and it took a fifth of the time
// of a successful u64 lookup. The multiplier spreads structured keys
// (sequential, strided, shifted) evenly over the group, tag and shard bits
// (flat_map_test checks 60 such families).
template <class Hash, class K>
std::uint64_t table_hash(const Hash& hasher, const K& key) noexcept(noexcept(hasher(key))) {
  if constexpr (is_maptidy_hash<Hash>::value && is_single_word_v<K>)
    return mul_fold(word_of(key), finish_multiplier);
  else if constexpr (is_avalanching_v<Hash> && sizeof(std::size_t) >= sizeof(std::uint64_t))
    return static_cast<std::uint64_t>(hasher(key));
  else
    return mul_fold(static_cast<std::uint64_t>(hasher(key)), post_mix_multiplier);
}

// What a lookup needs from the tag byte of a hash, for each of its 256
// values: the slot tag repeated in the four bytes of a word, which is
// broadcast to a whole group with one 32-bit shuffle (SSE2 has no byte
// shuffle) and no arithmetic, and the group overflow bit of the hash. Tags
// are 2..255: 0 marks an empty slot and 1 the sentinel that ends iteration,
// so hash bytes 0 and 1 map to tags 8 and 9 (as in
// boost::unordered_flat_map). The overflow bit is the hash byte's low three
// bits, also as in Boost: it is read only once a group holds no match, so a
// successful lookup spends nothing on it.
inline constexpr unsigned char empty_tag = 0;
inline constexpr unsigned char sentinel_tag = 1;
struct tag_entry {
  std::uint32_t pattern;
  unsigned char overflow_bit;
};
struct tag_entry_table {
  tag_entry entries[256];
  constexpr tag_entry_table() noexcept : entries{} {
    for (unsigned byte = 0; byte < 256; ++byte)
      entries[byte] = tag_entry{0x01010101u * (byte <= sentinel_tag ? byte + 8 : byte),
                                static_cast<unsigned char>(1u << (byte & 7))};
  }
};
inline constexpr tag_entry_table tag_entries{};

// Fields of the 64-bit (mixed) hash. They never overlap, so the shard a key
// lands in says nothing about its position or tag inside the shard's table,
// and keys of one shard still spread over all its groups.
struct hash_fields {
  static constexpr unsigned tag_shift = 56;    // bits 56..63: slot tag and overflow bit
  static constexpr unsigned shard_shift = 32;  // bits 32..47: shard index
  // Bits 0..31: the starting group within the table, read from the top: a
  // table of 2^k groups reads bits 32-k..31. Doubling the table then sends
  // the elements of group g to groups 2g and 2g+1, so a rehash writes one
  // sequential stream, where reading the low bits sent them to g and g + 2^k,
  // two streams far apart (a rehash of 1e5 u64 elements took 1.4 times as
  // long). boost::unordered_flat_map reads its group from the top as well.
  static constexpr unsigned group_bits = 32;
  static constexpr std::size_t max_shards = std::size_t{1} << 16;

  // The group shift of a table of `groups` groups (a power of two, at most
  // 2^32; none: every hash selects group 0).
  static unsigned group_shift(std::size_t groups) noexcept {
    unsigned shift = group_bits;
    for (; groups > 1; groups >>= 1) --shift;
    return shift;
  }
  // Shifted as 64 bits: a table without storage shifts by 32.
  static std::size_t group(std::uint64_t hash, unsigned group_shift) noexcept {
    return static_cast<std::size_t>((hash & 0xffffffffu) >> group_shift);
  }

  static std::size_t shard(std::uint64_t hash, std::size_t shard_mask) noexcept {
    return static_cast<std::size_t>(hash >> shard_shift) & shard_mask;
  }
  static const tag_entry& tag_of(std::uint64_t hash) noexcept {
    return tag_entries.entries[hash >> tag_shift];
  }
  static unsigned char tag(std::uint64_t hash) noexcept { return static_cast<unsigned char>(tag_of(hash).pattern); }
  static unsigned char overflow_bit(std::uint64_t hash) noexcept { return tag_of(hash).overflow_bit; }
};

// Metadata of a group of 15 slots: one tag byte per slot and an overflow
// byte. Overflow bit b is set once an element whose hash selects b had to
// move past this group because it was full.
struct alignas(16) group_metadata {
  static constexpr unsigned slot_count = 15;
  static constexpr unsigned all_slots = (1u << slot_count) - 1;

  unsigned char bytes[16];  // bytes[0..14]: tags, bytes[15]: overflow bits

  // Bit i of the result is set when slot i holds the tag repeated in
  // `pattern` (0: is empty).
  unsigned match(std::uint32_t pattern) const noexcept {
#if defined(MAPTIDY_SSE2)
    const __m128i metadata = _mm_load_si128(reinterpret_cast<const __m128i*>(bytes));
    const __m128i equal = _mm_cmpeq_epi8(metadata, _mm_set1_epi32(static_cast<int>(pattern)));
    return static_cast<unsigned>(_mm_movemask_epi8(equal)) & all_slots;
#else
    const auto tag = static_cast<unsigned char>(pattern);
    unsigned result = 0;
    for (unsigned i = 0; i < slot_count; ++i) result |= unsigned{bytes[i] == tag} << i;
    return result;
#endif
  }
  unsigned match_empty() const noexcept { return match(empty_tag); }
  unsigned match_occupied() const noexcept { return ~match_empty() & all_slots; }
  bool overflowed(unsigned char bit) const noexcept { return (bytes[slot_count] & bit) != 0; }
  bool any_overflow() const noexcept { return bytes[slot_count] != 0; }
  void mark_overflow(unsigned char bit) noexcept { bytes[slot_count] |= bit; }
};

// The one group of every table without storage: all its slots are empty and
// it has no overflow bits, so a lookup stops there without testing whether
// the table has storage. Nothing writes it.
inline group_metadata no_groups{};

// How the table moves an element during a rehash. A map element
// pair<const K, T> is about to be destroyed when it is moved, so its key is
// moved from despite the const (as boost::unordered_flat_map does): nothing
// observes the element afterwards, and keys such as std::string move
// instead of being copied.
template <class Value>
struct element_relocation {
  static constexpr bool nothrow = std::is_nothrow_move_constructible_v<Value>;
  static Value&& source(Value& element) noexcept { return std::move(element); }
};
template <class Key, class T>
struct element_relocation<std::pair<const Key, T>> {
  static constexpr bool nothrow =
      std::is_nothrow_move_constructible_v<Key> && std::is_nothrow_move_constructible_v<T>;
  static std::pair<Key&&, T&&> source(std::pair<const Key, T>& element) noexcept {
    return {std::move(const_cast<Key&>(element.first)), std::move(element.second)};
  }
};

// Where a table finds the key of an element: a map's element is a
// pair<const Key, T>, a set's element is its key. The policy is named by the
// front end rather than read off the element type, so that a set of pairs
// is never taken for a map.
struct map_element_key {
  template <class Value>
  static const auto& key(const Value& element) noexcept {
    return element.first;
  }
};
struct set_element_key {
  template <class Value>
  static const Value& key(const Value& element) noexcept {
    return element;
  }
};

// Starts loading the slots of the group whose slot 0 is at `first`: the
// first half of them, where insertions put elements first (as
// boost::unordered_flat_map does). Only an address is computed, so `first`
// may lie past the end of the slot array.
template <class Slot>
void prefetch_group_slots(std::uintptr_t first) noexcept {
  constexpr std::size_t bytes = sizeof(Slot) * group_metadata::slot_count / 2;
  for (std::size_t offset = 0; offset < bytes; offset += cache_line_size)
    prefetch(reinterpret_cast<const void*>(first + offset));
}

// Scans read the slots of the group this many groups ahead: the hardware
// prefetcher alone left iteration over 40-byte elements at half the speed
// of memory.
inline constexpr std::size_t scan_prefetch_distance = 4;

template <class Slot>
void prefetch_scan_ahead(const Slot* group_slots) noexcept {
  prefetch_group_slots<Slot>(reinterpret_cast<std::uintptr_t>(group_slots) +
                             scan_prefetch_distance * group_metadata::slot_count * sizeof(Slot));
}

// A slot of a flat_table: its group, the group's first slot and the slot
// within the group. Lookups return one, and iterators are one. The null
// position (a null group) is both a lookup's "not found" and the end of
// iteration, which advancing reaches at the sentinel: comparing a lookup's
// result with end() then tests one pointer against null, where an end at
// the sentinel group kept that group's address in a register across lookup
// loops (and spilled their counters to the stack).
template <class Slot>
struct table_position {
  group_metadata* group = nullptr;
  Slot* slots = nullptr;  // slot 0 of `group`
  std::size_t slot = 0;

  // Within a group the tags are tested one by one: insertions fill a group
  // from slot 0, so the next slot is usually occupied, and the loop carries
  // only the slot index from one element to the next (a mask computed per
  // step made iteration latency-bound). Across groups, whole groups are
  // tested at once.
  void advance() noexcept {
    while (++slot < group_metadata::slot_count)
      if (group->bytes[slot] != 0) return;
    unsigned occupied;
    do {
      ++group;
      slots += group_metadata::slot_count;
      prefetch_scan_ahead(slots);
      occupied = group->match_occupied();
    } while (occupied == 0);
    slot = count_trailing_zeros(occupied);
    if (group->bytes[slot] == sentinel_tag) *this = table_position{};
  }
  // Moves to the first occupied slot at or after the current one.
  void settle() noexcept {
    if (group != nullptr && ((group->match_occupied() >> slot) & 1) == 0) advance();
  }
  bool found() const noexcept { return group != nullptr; }
  friend bool operator==(const table_position& a, const table_position& b) noexcept {
    return a.group == b.group && a.slot == b.slot;
  }
};

// The element count of a table that only its owner reads. Not atomic: even
// a relaxed atomic turned each insertion's and erasure's update into a load
// and a store, 11 of 74 instructions of a u64 erasure.
class plain_count {
 public:
  std::size_t get() const noexcept { return value_; }
  void set(std::size_t value) noexcept { value_ = value; }

 private:
  std::size_t value_ = 0;
};

// The element count of a sharded_map shard, which size() reads without the
// shard's lock. Relaxed: the count orders nothing.
class relaxed_count {
 public:
  std::size_t get() const noexcept { return value_.load(std::memory_order_relaxed); }
  void set(std::size_t value) noexcept { value_.store(value, std::memory_order_relaxed); }

 private:
  std::atomic<std::size_t> value_{0};
};

// Open addressing over groups of 15 slots with triangular probing between
// groups. Not thread-safe: a flat_map or flat_set owns one, each shard of a
// sharded_map owns one under its lock. The allocator, hash and equality are
// passed in by the owner, which keeps them once; ElementKey (map_element_key
// or set_element_key) says which part of an element lookups compare, Count
// (plain_count or relaxed_count) how the size is kept.
template <class Value, class Allocator, class ElementKey, class Count = plain_count>
class flat_table {
  using value_traits = std::allocator_traits<Allocator>;
  struct slot {
    alignas(Value) unsigned char storage[sizeof(Value)];
  };
  using slot_allocator = typename value_traits::template rebind_alloc<slot>;

 public:
  using position = table_position<slot>;
  // Where a table's elements are: what a lookup reads before any element.
  // A copy taken by a reader without the owner's lock (see find_in).
  class storage_view {
   public:
    explicit storage_view(const flat_table& table) noexcept
        : groups_(table.groups()), slots_(table.slots()), group_mask_(table.group_mask()),
          group_shift_(table.group_shift()) {}
    group_metadata* groups() const noexcept { return groups_; }
    slot* slots() const noexcept { return slots_; }
    std::size_t group_mask() const noexcept { return group_mask_; }
    unsigned group_shift() const noexcept { return group_shift_; }

   private:
    group_metadata* groups_;
    slot* slots_;
    std::size_t group_mask_;
    unsigned group_shift_;
  };
  // Storage a rebuild replaced, still allocated (see grow_keeping_storage).
  struct replaced_storage {
    slot* slots = nullptr;
    std::size_t slot_count = 0;
    explicit operator bool() const noexcept { return slots != nullptr; }
  };
  // The load limit: 7/8 of the slots keeps probe sequences short while
  // groups of 15 still have room.
  static constexpr float max_load_factor = 0.875f;
  // The most groups the group field of a hash can address.
  static constexpr std::size_t max_groups = std::size_t{1} << hash_fields::group_bits;
  // The most elements a table holds.
  static constexpr std::size_t max_elements = max_groups * group_metadata::slot_count * 7 / 8;

  flat_table() noexcept = default;
  flat_table(const flat_table&) = delete;
  flat_table& operator=(const flat_table&) = delete;

  // The number of elements; with a relaxed_count, readable without the
  // owner's lock, and only written under it.
  std::size_t size() const noexcept { return size_.get(); }
  std::size_t capacity() const noexcept { return group_count() * group_metadata::slot_count; }
  std::size_t group_count() const noexcept { return has_storage() ? group_mask_ + 1 : 0; }
  // The size up to which insertions do not rehash.
  std::size_t load_limit() const noexcept { return load_limit_; }
  // Bytes obtained from the allocator.
  std::size_t allocated_bytes() const noexcept {
    return has_storage() ? storage_slots(group_count()) * sizeof(slot) : 0;
  }

  static Value& value_at(const position& p) noexcept {
    return *std::launder(reinterpret_cast<Value*>(p.slots[p.slot].storage));
  }

  position begin() const noexcept {
    position p = end();
    if (has_storage()) {
      p = position{groups_, slots_, 0};
      p.settle();
    }
    return p;
  }
  static position end() noexcept { return position{}; }

  // The element equal to `key`, or a position that is not found().
  template <class Key, class Equal>
  MAPTIDY_FORCEINLINE position find(const Key& key, std::uint64_t hash, const Equal& equal) const {
    return find_in(*this, key, hash, equal);
  }
  // find() in `storage`: this table, or a storage_view of it taken earlier
  // (readers without the owner's lock probe that way). Each field is read
  // where it is needed: the slots only on a tag match.
  template <class Storage, class Key, class Equal>
  static MAPTIDY_FORCEINLINE position find_in(const Storage& storage, const Key& key, std::uint64_t hash,
                                              const Equal& equal) {
    const tag_entry& tag = hash_fields::tag_of(hash);
    std::size_t group = hash_fields::group(hash, storage.group_shift());
    std::size_t step = 0;
    do {
      group_metadata* const metadata = storage.groups() + group;
      // The group's slots are addressed, and fetched, only when a tag
      // matches: a lookup that fails on the metadata (most misses) then
      // costs no slot traffic and no address arithmetic.
      if (unsigned match = metadata->match(tag.pattern); match != 0) {
        slot* const group_slots = storage.slots() + group * group_metadata::slot_count;
        prefetch_group_slots<slot>(reinterpret_cast<std::uintptr_t>(group_slots));
        do {
          const position candidate{metadata, group_slots, count_trailing_zeros(match)};
          if (equal(key, ElementKey::key(value_at(candidate)))) return candidate;
          match &= match - 1;
        } while (match != 0);
      }
      // Most misses end at their first group: with this exit laid out as the
      // fall-through, a loop of misses took a quarter less time. The probe
      // bound is tested apart from it (every group probed once): tested
      // together, clang made one branch-free condition of the two and a miss
      // took three taken branches.
      if (MAPTIDY_LIKELY(!metadata->overflowed(tag.overflow_bit))) return position{};
      group = (group + ++step) & storage.group_mask();
    } while (step <= storage.group_mask());
    return position{};
  }

  storage_view view() const noexcept { return storage_view(*this); }
  group_metadata* groups() const noexcept { return groups_; }
  slot* slots() const noexcept { return slots_; }
  std::size_t group_mask() const noexcept { return group_mask_; }
  unsigned group_shift() const noexcept { return group_shift_; }

  // Constructs a new element whose key is known to be absent. When the
  // table is full, the element is built aside before the table grows and
  // moved in after: `args` may refer to elements of this table (as in
  // map.emplace(k, map.at(j))), which growth moves, and a throwing
  // constructor leaves the table as it was. Only the growth itself is out of
  // line, so `args` never have their addresses passed to a call: when they
  // were passed to an out-of-line growing insertion, every insertion kept
  // them, the hash and the table in stack slots. hash_of(const Value&)
  // rehashes elements; like other function objects it is passed by value,
  // which keeps the owner's pointer it holds in a register.
  template <class HashOf, class... Args>
  MAPTIDY_FORCEINLINE position emplace_absent(std::uint64_t hash, HashOf hash_of, Allocator& allocator,
                                              Args&&... args) {
    if (MAPTIDY_UNLIKELY(size() == load_limit_)) {
      pending_element pending(allocator, std::forward<Args>(args)...);
      grow(hash_of, allocator);
      return construct_at(free_slot(hash), hash, allocator, element_relocation<Value>::source(pending.value()));
    }
    return construct_at(free_slot(hash), hash, allocator, std::forward<Args>(args)...);
  }

  void erase(const position& p, Allocator& allocator) noexcept {
    value_traits::destroy(allocator, &value_at(p));
    group_metadata& metadata = *p.group;
    metadata.bytes[p.slot] = 0;
    size_.set(size() - 1);
    // Overflow bits outlive the elements that set them: an erasure from a
    // group with any lowers the load limit instead of freeing the slot for
    // later insertions, so that churn ends in a rehash that clears them.
    if (metadata.any_overflow()) --load_limit_;
  }

  template <class F>
  void for_each(F& f) {
    for_each_position([&](const position& p) { f(value_at(p)); });
  }
  template <class F>
  void for_each(F& f) const {
    for_each_position([&](const position& p) { f(static_cast<const Value&>(value_at(p))); });
  }

  template <class Predicate>
  std::size_t erase_if(Predicate& predicate, Allocator& allocator) {
    std::size_t erased = 0;
    for_each_position([&](const position& p) {
      if (predicate(static_cast<const Value&>(value_at(p)))) {
        erase(p, allocator);
        ++erased;
      }
    });
    return erased;
  }

  // Makes room for `count` elements in total without a rehash.
  template <class HashOf>
  void reserve(std::size_t count, const HashOf& hash_of, Allocator& allocator) {
    if (count > load_limit_) rebuild(groups_after_growth(count), hash_of, allocator);
  }

  // Rebuilds the table with the fewest groups that hold max(count, size())
  // elements (none at all for zero), which may shrink it.
  template <class HashOf>
  void rehash(std::size_t count, const HashOf& hash_of, Allocator& allocator) {
    count = std::max(count, size());
    if (count == 0) {
      release(allocator);
      return;
    }
    rebuild(groups_for(count, 1), hash_of, allocator);
  }

  // Destroys the elements and keeps the storage for refilling.
  void clear(Allocator& allocator) noexcept {
    if (!has_storage()) return;
    destroy_elements(allocator);
    std::memset(static_cast<void*>(groups_), 0, group_count() * sizeof(group_metadata));
    size_.set(0);
    load_limit_ = max_load_for(group_count());
  }

  // Copies another table slot by slot (same hash function, same positions).
  void copy_from(const flat_table& other, Allocator& allocator) {
    if (other.size() == 0) return;
    flat_table copy;
    copy.allocate(other.group_count(), allocator);
    try {
      other.for_each_position([&](const position& p) {
        const position target{copy.groups_ + (p.group - other.groups_), copy.slots_ + (p.slots - other.slots_), p.slot};
        value_traits::construct(allocator, address(target), value_at(p));
        target.group->bytes[p.slot] = p.group->bytes[p.slot];
        copy.size_.set(copy.size() + 1);
      });
    } catch (...) {
      copy.release(allocator);
      throw;
    }
    for (std::size_t group = 0; group < other.group_count(); ++group)
      copy.groups_[group].bytes[group_metadata::slot_count] = other.groups_[group].bytes[group_metadata::slot_count];
    copy.load_limit_ = other.load_limit_;
    swap(copy);
    copy.release(allocator);
  }

  // Makes room for one more element like an insertion's growth, but leaves
  // the replaced storage allocated (its elements destroyed) for the caller
  // to free with release_storage(), once no reader without the owner's lock
  // can be probing it. Strong guarantee, as for emplace_absent's growth.
  template <class HashOf>
  MAPTIDY_NOINLINE replaced_storage grow_keeping_storage(const HashOf& hash_of, Allocator& allocator) {
    return rebuild_keeping_storage(groups_after_growth(size() + 1), hash_of, allocator);
  }
  // reserve() with the replaced storage left as by grow_keeping_storage().
  template <class HashOf>
  replaced_storage reserve_keeping_storage(std::size_t count, const HashOf& hash_of, Allocator& allocator) {
    if (count <= load_limit_) return replaced_storage{};
    return rebuild_keeping_storage(groups_after_growth(count), hash_of, allocator);
  }
  static void release_storage(const replaced_storage& storage, Allocator& allocator) noexcept {
    if (!storage) return;
    slot_allocator slots(allocator);
    std::allocator_traits<slot_allocator>::deallocate(slots, storage.slots, storage.slot_count);
  }

  // Destroys the elements and frees the storage.
  void release(Allocator& allocator) noexcept {
    if (has_storage()) {
      destroy_elements(allocator);
      slot_allocator slots(allocator);
      std::allocator_traits<slot_allocator>::deallocate(slots, slots_, storage_slots(group_count()));
    }
    groups_ = &no_groups;
    slots_ = nullptr;
    group_mask_ = 0;
    group_shift_ = hash_fields::group_shift(1);
    load_limit_ = 0;
    size_.set(0);
  }

  void swap(flat_table& other) noexcept {
    std::swap(groups_, other.groups_);
    std::swap(slots_, other.slots_);
    std::swap(group_mask_, other.group_mask_);
    std::swap(group_shift_, other.group_shift_);
    std::swap(load_limit_, other.load_limit_);
    const std::size_t size = this->size();
    size_.set(other.size());
    other.size_.set(size);
  }

 private:
  bool has_storage() const noexcept { return groups_ != &no_groups; }

  static std::size_t max_load_for(std::size_t groups) noexcept {
    return groups * group_metadata::slot_count * 7 / 8;
  }

  // The fewest groups, a power of two and at least `minimum`, for `count`
  // elements.
  static std::size_t groups_for(std::size_t count, std::size_t minimum) noexcept {
    std::size_t groups = std::max<std::size_t>(minimum, 1);
    while (max_load_for(groups) < count) groups *= 2;
    return groups;
  }

  position at(std::size_t group, std::size_t slot) const noexcept {
    return position{groups_ + group, slots_ + group * group_metadata::slot_count, slot};
  }
  static Value* address(const position& p) noexcept { return reinterpret_cast<Value*>(p.slots[p.slot].storage); }

  // The table's fields are read once: f usually stores tags, and a store of
  // a byte may alias any object, so fields read in the loop were reloaded
  // after every element (a tenth of a rehash's instructions).
  template <class F>
  void for_each_position(F&& f) const {
    group_metadata* const groups = groups_;
    slot* group_slots = slots_;
    const std::size_t count = group_count();
    for (std::size_t group = 0; group < count; ++group, group_slots += group_metadata::slot_count) {
      prefetch_scan_ahead(group_slots);
      for (unsigned match = groups[group].match_occupied(); match != 0; match &= match - 1)
        f(position{groups + group, group_slots, count_trailing_zeros(match)});
    }
  }

  MAPTIDY_FORCEINLINE position free_slot(std::uint64_t hash) noexcept {
    std::size_t group = hash_fields::group(hash, group_shift_);
    for (std::size_t step = 1;; ++step) {
      group_metadata& metadata = groups_[group];
      if (const unsigned empty = metadata.match_empty(); empty != 0) return at(group, count_trailing_zeros(empty));
      metadata.mark_overflow(hash_fields::overflow_bit(hash));
      group = (group + step) & group_mask_;
    }
  }

  // Builds an element in the free slot `p`, then marks it occupied.
  template <class... Args>
  MAPTIDY_FORCEINLINE position construct_at(const position& p, std::uint64_t hash, Allocator& allocator,
                                            Args&&... args) {
    value_traits::construct(allocator, address(p), std::forward<Args>(args)...);
    p.group->bytes[p.slot] = hash_fields::tag(hash);
    size_.set(size() + 1);
    return p;
  }

  // The slots and, at the next 16-byte boundary after them, the metadata
  // of `groups` groups and the sentinel share one allocation, counted in
  // slots (as boost::unordered_flat_map allocates): a growing table asks
  // for one block instead of two. In a profile of filling 1e6 string keys,
  // glibc's consolidation of free chunks fell from 29% to 13% of the time.
  static std::size_t storage_slots(std::size_t groups) noexcept {
    const std::size_t metadata_bytes = (groups + 1) * sizeof(group_metadata) + alignof(group_metadata) - 1;
    return groups * group_metadata::slot_count + (metadata_bytes + sizeof(slot) - 1) / sizeof(slot);
  }

  // Only the metadata is written here: slot memory is first touched when an
  // element is constructed in it, so a fresh table costs page faults in
  // proportion to what it holds.
  void allocate(std::size_t groups, Allocator& allocator) {
    if (groups > max_groups) throw std::length_error("maptidy: hash table too large");
    slot_allocator slot_alloc(allocator);
    const std::size_t total = storage_slots(groups);
    slot* const new_slots = std::allocator_traits<slot_allocator>::allocate(slot_alloc, total);
    void* metadata = new_slots + groups * group_metadata::slot_count;
    std::size_t space = (total - groups * group_metadata::slot_count) * sizeof(slot);
    metadata = std::align(alignof(group_metadata), (groups + 1) * sizeof(group_metadata), metadata, space);
    auto* const new_groups = static_cast<group_metadata*>(metadata);
    for (std::size_t group = 0; group <= groups; ++group)
      ::new (static_cast<void*>(new_groups + group)) group_metadata{};
    new_groups[groups].bytes[0] = sentinel_tag;
    slots_ = new_slots;
    groups_ = new_groups;
    group_mask_ = groups - 1;
    group_shift_ = hash_fields::group_shift(groups);
    load_limit_ = max_load_for(groups);
  }

  // Groups for `count` elements: at least double the current number when
  // the size reached the capacity's load limit, the same number when
  // erasures lowered the limit (rebuilding clears their stale overflow bits).
  std::size_t groups_after_growth(std::size_t count) const noexcept {
    const bool full = size() >= max_load_for(group_count());
    return groups_for(count, full ? 2 * group_count() : group_count());
  }

  // An element built from an insertion's arguments while the table grows.
  class pending_element {
   public:
    template <class... Args>
    explicit pending_element(Allocator& allocator, Args&&... args) : allocator_(allocator) {
      value_traits::construct(allocator_, address(), std::forward<Args>(args)...);
    }
    pending_element(const pending_element&) = delete;
    pending_element& operator=(const pending_element&) = delete;
    ~pending_element() { value_traits::destroy(allocator_, address()); }
    Value& value() noexcept { return *std::launder(address()); }

   private:
    Value* address() noexcept { return reinterpret_cast<Value*>(storage_); }
    alignas(Value) unsigned char storage_[sizeof(Value)];
    Allocator& allocator_;
  };

  // Makes room for one more element, out of line: inlined, it made every
  // insertion too large to inline and to keep in registers.
  template <class HashOf>
  MAPTIDY_NOINLINE void grow(const HashOf& hash_of, Allocator& allocator) {
    rebuild(groups_after_growth(size() + 1), hash_of, allocator);
  }

  // Moves the elements into `groups` new groups. If anything throws, the
  // new storage is freed and this table is as it was (see
  // relocation_source).
  template <class HashOf>
  void rebuild(std::size_t groups, const HashOf& hash_of, Allocator& allocator) {
    release_storage(rebuild_keeping_storage(groups, hash_of, allocator), allocator);
  }
  template <class HashOf>
  replaced_storage rebuild_keeping_storage(std::size_t groups, const HashOf& hash_of, Allocator& allocator) {
    flat_table fresh;
    fresh.allocate(groups, allocator);
    try {
      // The count is settled once at the end: fresh.release() finds the
      // elements by their tags if a copy throws.
      for_each_position([&](const position& p) {
        Value& element = value_at(p);
        const std::uint64_t hash = hash_of(element);
        const position target = fresh.free_slot(hash);
        value_traits::construct(allocator, address(target), relocation_source(element, hash_of));
        target.group->bytes[target.slot] = hash_fields::tag(hash);
      });
    } catch (...) {
      fresh.release(allocator);
      throw;
    }
    fresh.size_.set(size());
    swap(fresh);
    fresh.destroy_elements(allocator);
    if (!fresh.has_storage()) return replaced_storage{};
    return replaced_storage{fresh.slots_, storage_slots(fresh.group_count())};
  }

  // Moving an element leaves the source unusable, so the source is moved
  // from only when nothing in the rehash can throw; otherwise it is copied
  // (strong guarantee), unless it cannot be (move-only values: basic
  // guarantee).
  template <class HashOf>
  static decltype(auto) relocation_source(Value& element, const HashOf& hash_of) noexcept {
    using relocation = element_relocation<Value>;
    constexpr bool nothrow_move = relocation::nothrow && noexcept(hash_of(std::declval<const Value&>()));
    if constexpr (nothrow_move || !std::is_copy_constructible_v<Value>)
      return relocation::source(element);
    else
      return static_cast<const Value&>(element);
  }

  void destroy_elements(Allocator& allocator) noexcept {
    if constexpr (!std::is_trivially_destructible_v<Value>)
      for_each_position([&](const position& p) { value_traits::destroy(allocator, &value_at(p)); });
  }

  group_metadata* groups_ = &no_groups;
  slot* slots_ = nullptr;
  std::size_t group_mask_ = 0;
  unsigned group_shift_ = hash_fields::group_shift(1);
  std::size_t load_limit_ = 0;  // the size at which the next insertion rehashes
  Count size_;
};

}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_FLAT_TABLE_HPP
