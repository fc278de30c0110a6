// maptidy/detail/skiplist_node.hpp - the nodes of skiplist_map and their layout.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A lazy skip list: writers lock the nodes next to the key they change and validate, readers
// never lock (Herlihy, Lev, Luchangco and Shavit, "A Simple Optimistic Skiplist Algorithm",
// SIROCCO 2007), over William Pugh's skip lists ("Skip Lists: A Probabilistic Alternative to
// Balanced Trees", CACM 1990) with towers of geometric height.
#ifndef MAPTIDY_DETAIL_SKIPLIST_NODE_HPP
#define MAPTIDY_DETAIL_SKIPLIST_NODE_HPP

#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/skiplist_epoch.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

namespace maptidy {
namespace detail {
namespace skiplist {

// Tallest tower. Each level is kept with probability 1/2: with key hints a lookup misses the
// cache only when it moves right, about log2(n) times, against 1.5 log2(n) with 1/4 (measured
// 10-25% slower), for about 11 more bytes per entry. 32 levels serve 2^31 elements at full speed.
inline constexpr int max_height = 32;

// Nodes (lazy skip list: per-node locks for writers, lock-free traversal for everyone).
//
// Memory layout: [next(height-1) ... next(2)][slot(1)][next(0)][lock state height][value]. The
// slot of level 1 holds its link and, for maps with key hints (see below), a summary of the key
// of the node it links to; the levels above hold bare links. Lookups start on level 2 from the
// search index, which knows the key of the next indexed node (skiplist_index.hpp), so hints above
// level 1 would save a lookup almost nothing and cost 8 bytes per slot (4 bytes per entry). The
// tower sits below the header so that next(0), the header and the key share a cache line, and
// the links a search reads after moving to a node follow on from there.
//
// Lifecycle: linking (being linked bottom-up, invisible to lookups) -> live (its insert has
// linearized) -> erased (its erase has linearized; unlinked top-down right after, under the
// locks) -> retired (waits for the epoch) -> freed. A node's links and hints change only while
// the node is locked as a predecessor and not erased, so an erased node's links stay frozen and a
// traversal standing on it still reaches every later element.
struct node_base {
  using link = std::atomic<node_base*>;
  enum : std::uint8_t { linking, live, erased };

  node_base(std::uint8_t tower_height, std::uint8_t initial_state) noexcept
      : state(initial_state), height(tower_height) {}
  node_base(const node_base&) = delete;
  node_base& operator=(const node_base&) = delete;

  link& next0() const noexcept {
    auto* bytes = reinterpret_cast<unsigned char*>(const_cast<node_base*>(this));
    return *std::launder(reinterpret_cast<link*>(bytes - sizeof(link)));
  }

  bool is_live() const noexcept { return state.load() == live; }

  void lock() noexcept {
    spin_wait backoff;
    while (lock_word.exchange(1, std::memory_order_acquire) != 0) {
      while (lock_word.load(std::memory_order_relaxed) != 0) backoff.wait();
    }
  }

  void unlock() noexcept { lock_word.store(0, std::memory_order_release); }

  std::atomic<std::uint8_t> lock_word{0};
  std::atomic<std::uint8_t> state;
  const std::uint8_t height;
  // Set before a search index naming the node is published and never cleared while the node
  // lives, so that its erase sees it and keeps the node until no index can name it (a byte of
  // the header's padding: nodes do not grow).
  std::atomic<std::uint8_t> indexed{0};
};

template <class Value>
struct node : node_base {
  explicit node(std::uint8_t tower_height) noexcept : node_base(tower_height, linking) {}
  ~node() {}  // the map constructs and destroys `value` through its allocator

  union {
    Value value;
  };
};

// The link of level 1 and, for maps with key hints (skiplist_key_hint.hpp), the hint of the node
// it links to.
template <class Hint>
struct tower_slot {
  std::atomic<node_base*> next{nullptr};  // first member: a slot's link is at the slot's address
  std::atomic<Hint> hint{Hint()};         // meaningless while `next` is null
};

template <>
struct tower_slot<void> {
  std::atomic<node_base*> next{nullptr};
};

// The list head: a full tower and no value, laid out like a node so traversals start from it.
template <class Slot>
struct head_node {
  head_node() noexcept : base(max_height, node_base::live) {}

  node_base::link links[max_height - 2]{};  // links[max_height - 1 - level] serves `level` >= 2
  Slot slot1{};
  node_base::link next0{nullptr};
  node_base base;
};

// Where the parts of a node of a given height lie, for nodes holding `Value` with towers of
// `Slot`. Node memory is counted in storage units of the node's alignment.
template <class Value, class Slot>
struct node_layout {
  using link = node_base::link;
  using node_type = node<Value>;
  static constexpr std::size_t alignment = std::max(alignof(node_type), alignof(Slot));
  struct alignas(alignment) storage_unit {
    unsigned char bytes[alignment];
  };

  static_assert(std::is_standard_layout_v<Slot> && offsetof(Slot, next) == 0 &&
                sizeof(Slot) % sizeof(link) == 0);
  static_assert(std::is_standard_layout_v<head_node<Slot>> &&
                    offsetof(head_node<Slot>, slot1) == (max_height - 2) * sizeof(link) &&
                    offsetof(head_node<Slot>, next0) ==
                        offsetof(head_node<Slot>, slot1) + sizeof(Slot) &&
                    offsetof(head_node<Slot>, base) ==
                        offsetof(head_node<Slot>, next0) + sizeof(link),
                "the head must be laid out like a node of full height");

  // Bytes below the header: the links of levels [2, height), the slot of level 1 and the
  // level-0 link.
  static constexpr std::size_t tower_bytes(int height) noexcept {
    const std::size_t upper =
        height > 1 ? sizeof(Slot) + static_cast<std::size_t>(height - 2) * sizeof(link) : 0;
    const std::size_t bytes = sizeof(link) + upper;
    return (bytes + alignment - 1) / alignment * alignment;
  }

  // How far below the header the link of `level` starts.
  static constexpr std::size_t link_offset(int level) noexcept {
    if (level == 0) return sizeof(link);
    return sizeof(Slot) + static_cast<std::size_t>(level) * sizeof(link);
  }

  static constexpr std::size_t units_for(int height) noexcept {
    return (tower_bytes(height) + sizeof(node_type) + alignment - 1) / alignment;
  }

  // The slot of level 1 in a node of height two or more.
  static Slot& slot1_of(const node_base* n) noexcept {
    auto* header = reinterpret_cast<unsigned char*>(const_cast<node_base*>(n));
    return *std::launder(reinterpret_cast<Slot*>(header - link_offset(1)));
  }

  // The link of any level (level 1's is the first member of its slot).
  static link& link_of(const node_base* n, int level) noexcept {
    auto* header = reinterpret_cast<unsigned char*>(const_cast<node_base*>(n));
    return *std::launder(reinterpret_cast<link*>(header - link_offset(level)));
  }

  // Constructs the links and slots of a node of `height` in `storage` (tower_bytes(height) +
  // sizeof(node_type) bytes) and its header; the caller constructs the value.
  static node_type* construct(unsigned char* storage, std::uint8_t height) noexcept {
    unsigned char* const header = storage + tower_bytes(height);
    ::new (static_cast<void*>(header - link_offset(0))) link(nullptr);
    if (height > 1) ::new (static_cast<void*>(header - link_offset(1))) Slot();
    for (int level = 2; level < height; ++level) {
      ::new (static_cast<void*>(header - link_offset(level))) link(nullptr);
    }
    return ::new (static_cast<void*>(header)) node_type(height);
  }

  // The first byte of the storage of `n`, of `height` (where its tower starts). The height is
  // passed in: a pooled node's header is poisoned.
  static unsigned char* storage_of(const node_base* n, int height) noexcept {
    return reinterpret_cast<unsigned char*>(const_cast<node_base*>(n)) - tower_bytes(height);
  }
};

inline node_base* skip_dead(node_base* n) noexcept {
  while (n != nullptr && !n->is_live()) n = n->next0().load();
  return n;
}

inline std::uint8_t random_height(thread_record& record) noexcept {
  std::uint64_t x = record.random_state;  // xorshift64*
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  record.random_state = x;
  std::uint64_t bits = (x * 0x2545f4914f6cdd1du) >> 32;  // the high half is the better one
  std::uint8_t height = 1;
  while (height < max_height && (bits & 1) == 0) {
    ++height;
    bits >>= 1;
  }
  return height;
}

// Locks taken by one writer, released together. Writers lock in decreasing key order (victim,
// then predecessors from level 0 upwards), which rules out deadlock.
class node_locks {
 public:
  node_locks() = default;
  node_locks(const node_locks&) = delete;
  node_locks& operator=(const node_locks&) = delete;
  ~node_locks() {
    for (int i = 0; i < count_; ++i) held_[i]->unlock();
  }

  void acquire(node_base* n) noexcept {
    if (count_ != 0 && held_[count_ - 1] == n) return;  // same predecessor on several levels
    n->lock();
    held_[count_++] = n;
  }

 private:
  node_base* held_[max_height + 1];  // [0, count_) are set; not zeroed: writers build one per try
  int count_ = 0;
};

// The level-0 node about two places after `n` if `n` has a level-1 link (`stride`: bytes of the
// level-1 slot), else the one right after it. Only for prefetching: scans wait for one node at a
// time otherwise. Reads nothing outside `n`'s tower and needs no branch.
inline const void* skip_ahead(const node_base* n, std::size_t stride) noexcept {
  const std::size_t back =
      sizeof(node_base::link) + static_cast<std::size_t>(n->height > 1) * stride;
  return std::launder(reinterpret_cast<const node_base::link*>(
                          reinterpret_cast<const unsigned char*>(n) - back))
      ->load(std::memory_order_relaxed);
}


}  // namespace skiplist
}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_SKIPLIST_NODE_HPP
