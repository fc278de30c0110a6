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
// long as the iterator lives, on whichever thread it is moved to. A reference or pointer obtained from an
// element stays valid until the element is erased, and after that only while an iterator that
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

#include "maptidy/detail/cpu.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/membarrier.h>)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#define MAPTIDY_SKIPLIST_HAS_MEMBARRIER 1
#endif
#endif

#if defined(__SANITIZE_ADDRESS__)
#define MAPTIDY_SKIPLIST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MAPTIDY_SKIPLIST_ASAN 1
#endif
#endif
#ifdef MAPTIDY_SKIPLIST_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace maptidy {
namespace detail {
namespace skiplist {

// Pooled node memory is poisoned while free, so that AddressSanitizer still catches a traversal
// that reaches a reclaimed node.
inline void poison(const void* address, std::size_t bytes) noexcept {
#ifdef MAPTIDY_SKIPLIST_ASAN
  ASAN_POISON_MEMORY_REGION(address, bytes);
#else
  static_cast<void>(address);
  static_cast<void>(bytes);
#endif
}

inline void unpoison(const void* address, std::size_t bytes) noexcept {
#ifdef MAPTIDY_SKIPLIST_ASAN
  ASAN_UNPOISON_MEMORY_REGION(address, bytes);
#else
  static_cast<void>(address);
  static_cast<void>(bytes);
#endif
}

// Tallest tower. Each level is kept with probability 1/2: with key hints a lookup misses the
// cache only when it moves right, about log2(n) times, against 1.5 log2(n) with 1/4 (measured
// 10-25% slower), for about 11 more bytes per entry. 32 levels serve 2^31 elements at full speed.
inline constexpr int max_height = 32;

// ---------------------------------------------------------------------------------------------
// Process-wide barrier. Every operation must make its epoch announcement visible before it reads
// any node, which takes a store-load fence. A fence (or locked instruction) per operation also
// stops the processor from overlapping the cache misses of consecutive lookups, which costs more
// than the fence itself. Where Linux membarrier (private expedited) is available, operations
// announce with a plain store and a compiler barrier, and the rare epoch advance issues one
// membarrier, which has every running thread of the process execute a full fence. Elsewhere the
// announcement is a seq_cst exchange and the advance needs nothing more.
class process_barrier {
 public:
  static bool available() noexcept {
#ifdef MAPTIDY_SKIPLIST_HAS_MEMBARRIER
    static const bool registered = [] {
      const long commands = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
      return commands > 0 && (commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0 &&
             syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
    }();
    return registered;
#else
    return false;
#endif
  }

  static void issue() noexcept {
#ifdef MAPTIDY_SKIPLIST_HAS_MEMBARRIER
    if (available()) syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
#endif
  }
};

// ---------------------------------------------------------------------------------------------
// Epoch-based reclamation, shared by every map in the process.
//
// Each thread owns a record. An operation announces the global epoch in its thread's record
// before touching nodes; a node unlinked by erase is tagged with the global epoch read after the
// unlink and freed once the global epoch has advanced twice past that tag. The epoch only
// advances from E to E+1 when no record announces an epoch other than E (see process_barrier),
// so an operation that could have seen the node holds the epoch at or below the tag until it
// ends. ("Freed" means returned to the map's node pool, where a later insert may reuse it.)
// Iterators outlive operations: they pin the record separately, inheriting the epoch of
// the operation that created them, and may release that pin on any thread.
//
// Every announcement is a release store and every pin release a release operation that the
// advancing scan acquires, which orders all reads of a node before its free for race detectors.
struct alignas(64) thread_record {
  // (epoch << 1) | 1 while an operation of this thread runs, else 0. Written only by the owner.
  std::atomic<std::uint64_t> operation{0};
  // [epoch:32 | count:32]: pins held by iterators created on this thread.
  std::atomic<std::uint64_t> iterator_pins{0};
  // The write gate this thread is passing through, or null (see write_gate).
  std::atomic<const void*> gate{nullptr};
  std::atomic<bool> in_use{true};
  std::uint32_t index = 0;
  // Touched only by the thread using the record:
  std::uint32_t operation_depth = 0;  // operations may nest through user callbacks
  std::uint64_t operation_epoch = 0;
  std::uint64_t random_state = 0;
  // process_barrier::available(), copied here so that announcing reads no guarded static.
  bool plain_announcement = false;
  thread_record* next = nullptr;  // registry link, fixed before the record is published
};

class epoch_domain {
 public:
  static constexpr std::uint64_t count_mask = 0xffffffffu;

  static epoch_domain& instance() noexcept {
    static epoch_domain domain;  // constant-initialized and trivially destructible
    return domain;
  }

  std::uint64_t epoch() const noexcept { return epoch_.load(); }

  // Called by the owning thread around each operation; nested calls keep the outer epoch.
  void enter(thread_record& record) const noexcept {
    if (record.operation_depth++ != 0) return;
    record.operation_epoch = epoch_.load(std::memory_order_acquire);
    const std::uint64_t announced = (record.operation_epoch << 1) | 1;
    if (record.plain_announcement) {
      record.operation.store(announced, std::memory_order_release);
      std::atomic_signal_fence(std::memory_order_seq_cst);
    } else {
      record.operation.exchange(announced);
    }
  }

  static void leave(thread_record& record) noexcept {
    if (--record.operation_depth == 0) record.operation.store(0, std::memory_order_release);
  }

  // Pins for an iterator, by the owning thread during an operation. Relaxed: the operation
  // protects the iterator's node until it ends, and its release store publishes this pin.
  static void pin_iterator(thread_record& record) noexcept {
    std::uint64_t word = record.iterator_pins.load(std::memory_order_relaxed);
    for (;;) {
      const std::uint64_t wanted =
          (word & count_mask) != 0 ? word + 1 : (record.operation_epoch << 32) | 1;
      if (record.iterator_pins.compare_exchange_weak(word, wanted, std::memory_order_relaxed)) return;
    }
  }

  // Adds a pin to a record that already holds one (copying an iterator), from any thread.
  static void add_pin(thread_record& record) noexcept {
    record.iterator_pins.fetch_add(1, std::memory_order_relaxed);
  }

  static void unpin(thread_record& record) noexcept {
    record.iterator_pins.fetch_sub(1, std::memory_order_release);
  }

  // Advances the epoch if no record announces an older one; returns the epoch.
  std::uint64_t try_advance() noexcept {
    process_barrier::issue();  // makes every running operation's announcement visible
    std::uint64_t current = epoch_.load();
    for (thread_record* record = first_record(); record != nullptr; record = record->next) {
      // The operation word first: an operation that ended published its iterator pins.
      const std::uint64_t operation = record->operation.load();
      if (operation != 0 && operation != ((current << 1) | 1)) return current;
      const std::uint64_t pins = record->iterator_pins.load(std::memory_order_acquire);
      if ((pins & count_mask) != 0 && (pins >> 32) != (current & count_mask)) return current;
    }
    if (epoch_.compare_exchange_strong(current, current + 1)) return current + 1;
    return current;  // another thread advanced it; `current` now holds the new value
  }

  thread_record* first_record() const noexcept { return records_.load(std::memory_order_acquire); }

  thread_record& acquire_record() {
    for (thread_record* record = first_record(); record != nullptr; record = record->next) {
      bool in_use = false;
      if (!record->in_use.load(std::memory_order_relaxed) &&
          record->in_use.compare_exchange_strong(in_use, true, std::memory_order_acquire)) {
        return *record;
      }
    }
    // Records live as long as the process: iterators may still pin them after their thread ends.
    auto* record = new thread_record;
    record->index = record_count_.fetch_add(1, std::memory_order_relaxed);
    record->random_state = mix(record->index + 1);
    record->plain_announcement = process_barrier::available();
    thread_record* head = records_.load(std::memory_order_relaxed);
    do {
      record->next = head;
    } while (!records_.compare_exchange_weak(head, record, std::memory_order_release,
                                             std::memory_order_relaxed));
    return *record;
  }

 private:
  constexpr epoch_domain() noexcept = default;

  static std::uint64_t mix(std::uint64_t x) noexcept {  // splitmix64 finalizer; never returns 0 here
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return (x ^ (x >> 31)) | 1;
  }

  alignas(64) std::atomic<std::uint64_t> epoch_{0};
  alignas(64) std::atomic<thread_record*> records_{nullptr};
  std::atomic<std::uint32_t> record_count_{0};
};

class thread_registration {
 public:
  thread_registration() : record_(epoch_domain::instance().acquire_record()) {}
  thread_registration(const thread_registration&) = delete;
  thread_registration& operator=(const thread_registration&) = delete;
  ~thread_registration() { record_.in_use.store(false, std::memory_order_release); }

  thread_record& record() const noexcept { return record_; }

 private:
  thread_record& record_;
};

inline thread_record& this_thread_record() {
  static thread_local thread_registration registration;
  return registration.record();
}

// Marks one operation of the owning thread (see epoch_domain::enter).
class operation_guard {
 public:
  explicit operation_guard(thread_record& record) noexcept : record_(record) {
    epoch_domain::instance().enter(record);
  }
  operation_guard(const operation_guard&) = delete;
  operation_guard& operator=(const operation_guard&) = delete;
  ~operation_guard() { epoch_domain::leave(record_); }

 private:
  thread_record& record_;
};

// ---------------------------------------------------------------------------------------------
// Write gate: lets snapshot() stop writers at their linearization points.
//
// A writer announces itself in its own thread record (one seq_cst store) and then checks that no
// snapshot is running (one load); snapshot() raises the closure count and then waits until no
// record announces this gate. Whichever of the two comes second in the seq_cst order sees the
// other, so no linearization point falls inside a snapshot. A writer already inside some gate
// (a value assignment that writes to another map) counts itself in nested_writers_ instead.
class write_gate {
 public:
  // Returns whether the pass was counted as nested; hand the result back to leave().
  bool enter(thread_record& record) const noexcept {
    bool held_back = false;
    for (spin_wait backoff;;) {
      const bool nested = record.gate.load(std::memory_order_relaxed) != nullptr;
      if (nested) {
        nested_writers_.fetch_add(1);
      } else {
        record.gate.store(this);
      }
      if (closures_.load() == 0) {
        if (held_back) held_back_writers_.fetch_sub(1, std::memory_order_release);
        return nested;
      }
      leave(record, nested);
      if (!held_back) {
        held_back_writers_.fetch_add(1);
        held_back = true;
      }
      while (closures_.load() != 0) backoff.wait();
    }
  }

  void leave(thread_record& record, bool nested) const noexcept {
    if (nested) {
      nested_writers_.fetch_sub(1, std::memory_order_release);
    } else {
      record.gate.store(nullptr, std::memory_order_release);
    }
  }

  void close() const noexcept {
    spin_wait backoff;
    // Writers held back by an earlier snapshot pass first, so back-to-back snapshots cannot
    // starve them (each gets at least one pass per snapshot).
    while (held_back_writers_.load() != 0) backoff.wait();
    closures_.fetch_add(1);
    for (thread_record* record = epoch_domain::instance().first_record(); record != nullptr;
         record = record->next) {
      while (record->gate.load() == this) backoff.wait();
    }
    while (nested_writers_.load() != 0) backoff.wait();
  }

  void open() const noexcept { closures_.fetch_sub(1, std::memory_order_release); }

 private:
  mutable std::atomic<int> closures_{0};
  mutable std::atomic<int> nested_writers_{0};
  mutable std::atomic<int> held_back_writers_{0};
};

class gate_pass {
 public:
  gate_pass(const write_gate& gate, thread_record& record) noexcept
      : gate_(gate), record_(record), nested_(gate.enter(record)) {}
  gate_pass(const gate_pass&) = delete;
  gate_pass& operator=(const gate_pass&) = delete;
  ~gate_pass() { gate_.leave(record_, nested_); }

 private:
  const write_gate& gate_;
  thread_record& record_;
  bool nested_;
};

class gate_closure {
 public:
  explicit gate_closure(const write_gate& gate) noexcept : gate_(gate) { gate_.close(); }
  gate_closure(const gate_closure&) = delete;
  gate_closure& operator=(const gate_closure&) = delete;
  ~gate_closure() { gate_.open(); }

 private:
  const write_gate& gate_;
};

// ---------------------------------------------------------------------------------------------
// Nodes (lazy skip list: per-node locks for writers, lock-free traversal for everyone).
//
// Memory layout: [slot(height-1) ... slot(1)][next(0)][lock state height][value]. A slot holds
// the link of one level above 0 and, for maps with key hints (see below), a copy of the key of
// the node it links to. The tower sits below the header so that next(0), the header and the key
// share a cache line, and the slots a search reads after moving to a node follow on from there.
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

// Key hints. With a scalar key ordered by std::less or std::greater, every link above level 0
// carries a copy of its target's key, so a search decides to move right or down from the slot it
// is standing on and fetches a node only when it moves onto it: one cache miss per move instead
// of one per comparison. A hint is only a guess (a reader may pair a link with the hint of the
// link it replaced); searches check the node they end on and start over by real keys when a hint
// misled them, and writers recheck hints under the predecessor's lock, where they are exact.
template <class Compare, class Key>
inline constexpr bool is_builtin_order =
    std::is_same_v<Compare, std::less<>> || std::is_same_v<Compare, std::less<Key>> ||
    std::is_same_v<Compare, std::greater<>> || std::is_same_v<Compare, std::greater<Key>>;

template <class Key, bool Scalar = std::is_scalar_v<Key>>
inline constexpr bool hintable_key = false;

template <class Key>
inline constexpr bool hintable_key<Key, true> =
    sizeof(Key) <= sizeof(void*) && std::atomic<Key>::is_always_lock_free;

template <class Key, class Compare>
inline constexpr bool use_key_hints = hintable_key<Key> && is_builtin_order<Compare, Key>;

template <class Key, bool Hinted>
struct tower_slot {
  std::atomic<node_base*> next{nullptr};  // first member: a slot's link is at the slot's address
};

template <class Key>
struct tower_slot<Key, true> {
  std::atomic<node_base*> next{nullptr};
  std::atomic<Key> hint{Key()};  // key of `next` (meaningless while `next` is null)
};

// The list head: a full tower and no value, laid out like a node so traversals start from it.
template <class Slot>
struct head_node {
  head_node() noexcept : base(max_height, node_base::live) {}

  Slot slots[max_height - 1]{};  // slots[max_height - 1 - level] serves `level`
  node_base::link next0{nullptr};
  node_base base;
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
  node_base* held_[max_height + 1] = {};
  int count_ = 0;
};

struct in_operation_t {};

// The level-0 node about two places after `n` if `n` has a level-1 link (`stride`: bytes per
// tower slot), else the one right after it. Only for prefetching: scans wait for one node at a
// time otherwise. Reads nothing outside `n`'s tower and needs no branch.
inline const void* skip_ahead(const node_base* n, std::size_t stride) noexcept {
  const std::size_t back =
      sizeof(node_base::link) + static_cast<std::size_t>(n->height > 1) * stride;
  return std::launder(reinterpret_cast<const node_base::link*>(
                          reinterpret_cast<const unsigned char*>(n) - back))
      ->load(std::memory_order_relaxed);
}

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
  static constexpr bool key_hints = detail::skiplist::use_key_hints<Key, Compare>;
  using slot_type = detail::skiplist::tower_slot<Key, key_hints>;

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
      : comp_(comp), alloc_(alloc), retired_(retired_allocator(alloc_)) {}

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
      : comp_(other.comp_), alloc_(std::move(other.alloc_)), retired_(retired_allocator(alloc_)) {
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
      retired_ = retired_vector(retired_allocator(alloc_));
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
      retired_ = retired_vector(retired_allocator(alloc_));
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
    return std::min<size_type>(unit_traits::max_size(unit_allocator(alloc_)),
                               std::numeric_limits<difference_type>::max()) /
           units_for(1);
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
  static_assert(std::is_standard_layout_v<slot_type> && offsetof(slot_type, next) == 0);
  static_assert(std::is_standard_layout_v<head_type> &&
                    offsetof(head_type, next0) == (max_height - 1) * sizeof(slot_type) &&
                    offsetof(head_type, base) == offsetof(head_type, next0) + sizeof(link_type),
                "the head must be laid out like a node of full height");
  static constexpr std::size_t node_alignment = std::max(alignof(node_type), alignof(slot_type));
  struct alignas(node_alignment) storage_unit {
    unsigned char bytes[node_alignment];
  };
  using unit_allocator = typename alloc_traits::template rebind_alloc<storage_unit>;
  using unit_traits = std::allocator_traits<unit_allocator>;
  using unit_pointer = typename unit_traits::pointer;

  struct retired_node {
    node_base* n;
    // The global epoch read after the unlink, or, while a published search index may name `n`,
    // parked_tag | the number of index builds started before it was parked.
    std::uint64_t epoch;
  };
  using retired_allocator = typename alloc_traits::template rebind_alloc<retired_node>;
  using retired_vector = std::vector<retired_node, retired_allocator>;
  static constexpr std::size_t reclaim_period = 64;  // retires between attempts to advance the epoch
  static constexpr std::uint64_t no_retired_epoch = std::numeric_limits<std::uint64_t>::max();
  // Above every epoch, so that collect_reclaimable keeps parked nodes.
  static constexpr std::uint64_t parked_tag = std::uint64_t{1} << 62;

  // Insert and erase counts per group of threads, so that writers do not share one counter's
  // cache line. Their difference is the size, their sum paces the search index's rebuilds.
  struct alignas(64) size_stripe {
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
      if (held_) {
        std::lock_guard<std::mutex> lock(map_.retire_mutex_);
        --map_.retire_reservations_;
      }
    }

    void reserve() {
      if (held_) return;
      std::lock_guard<std::mutex> lock(map_.retire_mutex_);
      const std::size_t needed = map_.retired_.size() + map_.retire_reservations_ + 1;
      if (map_.retired_.capacity() < needed) {
        map_.retired_.reserve(std::max(needed, 2 * map_.retired_.capacity()));
      }
      ++map_.retire_reservations_;
      held_ = true;
    }

    // Call after `victim` is unlinked at every level.
    void retire(node_base* victim) noexcept {
      // Read after the store that marked the victim erased, both seq_cst: either this sees the
      // flag or the index builder sees the victim erased and leaves it out (see build_index).
      const bool indexed = victim->indexed.load() != 0;
      const std::uint64_t epoch = detail::skiplist::epoch_domain::instance().epoch();
      node_base* reclaimable = nullptr;
      {
        std::lock_guard<std::mutex> lock(map_.retire_mutex_);
        --map_.retire_reservations_;
        held_ = false;
        if (indexed) {
          map_.retired_.push_back({victim, parked_tag | map_.index_builds_});
        } else {
          map_.retired_.push_back({victim, epoch});
          map_.oldest_retired_epoch_ = std::min(map_.oldest_retired_epoch_, epoch);
        }
        if (++map_.retires_since_advance_ == reclaim_period) {
          map_.retires_since_advance_ = 0;
          reclaimable = map_.collect_reclaimable();
        }
      }
      std::size_t count = 0;
      for (node_base* n = reclaimable; n != nullptr;
           n = n->next0().load(std::memory_order_relaxed)) {
        alloc_traits::destroy(map_.alloc_, std::addressof(static_cast<node_type*>(n)->value));
        ++count;
      }
      if (count != 0) map_.release_nodes(reclaimable, count);
    }

   private:
    skiplist_map& map_;
    bool held_ = false;
  };

  // --- node storage ---------------------------------------------------------------------------

  static constexpr std::size_t tower_bytes(int height) noexcept {
    const std::size_t bytes =
        sizeof(link_type) + static_cast<std::size_t>(height - 1) * sizeof(slot_type);
    return (bytes + node_alignment - 1) / node_alignment * node_alignment;
  }

  static constexpr std::size_t units_for(int height) noexcept {
    return (tower_bytes(height) + sizeof(node_type) + node_alignment - 1) / node_alignment;
  }

  template <class... Args>
  node_type* create_node(thread_record& self, Args&&... args) {
    return create_node_of_height(detail::skiplist::random_height(self),
                                 std::forward<Args>(args)...);
  }

  template <class... Args>
  node_type* create_node_of_height(std::uint8_t height, Args&&... args) {
    unsigned char* const bytes = allocate_node_storage(height) + tower_bytes(height);
    ::new (static_cast<void*>(bytes - sizeof(link_type))) link_type(nullptr);
    for (int level = 1; level < height; ++level) ::new (slot_address(bytes, level)) slot_type();
    node_type* const n = ::new (static_cast<void*>(bytes)) node_type(height);
    try {
      alloc_traits::construct(alloc_, std::addressof(n->value), std::forward<Args>(args)...);
    } catch (...) {
      release_nodes(n, 1);
      throw;
    }
    return n;
  }

  void destroy_node(node_base* n) noexcept {
    alloc_traits::destroy(alloc_, std::addressof(static_cast<node_type*>(n)->value));
    release_nodes(n, 1);
  }

  // --- node pool ------------------------------------------------------------------------------
  //
  // Nodes are carved out of chunks obtained from the allocator: they carry no allocator header
  // (glibc adds 8 to 16 bytes to a block of 32 to 48). Past its first 63 KiB of nodes (about a
  // thousand u64 entries), a map keeps the nodes of each tower height in a region of chunks of
  // their own (heights from region_count on share one): a search reads the towers of tall nodes
  // far more often than anything else, and with them packed together the cache lines and pages
  // it touches on the upper levels hold nothing but tall nodes, so more of them stay in the
  // caches and the TLB (lookups about 10% faster at 1e5 keys and 15% at 1e6 than with one region
  // for all heights). Within a region, nodes created one after another are adjacent. A reclaimed
  // node goes to the free list of its height and serves the next node of that height; chunks
  // return to the allocator only on clear(), assignment and destruction, so the memory of a map
  // is that of its largest size plus at most one partly used chunk per region. A region's chunks
  // grow from 1 KiB to 64 KiB. Allocating and freeing take pool_lock_, held for a few
  // instructions (and while a new chunk is allocated).

  struct chunk_header {
    chunk_header* next;
    unit_pointer self;
    std::size_t units;
  };
  static constexpr std::size_t header_units =
      (sizeof(chunk_header) + node_alignment - 1) / node_alignment;
  static constexpr std::size_t first_chunk_units =
      std::max<std::size_t>(1024 / node_alignment, header_units + units_for(max_height));
  static constexpr std::size_t last_chunk_units =
      std::max<std::size_t>(65536 / node_alignment, first_chunk_units);

  // Eight regions: heights 1 to 7 have one each, taller nodes (1 in 128) share the last.
  static constexpr int region_count = 8;

  struct bump_region {
    storage_unit* cursor = nullptr;  // [cursor, end): unused room in the region's last chunk
    storage_unit* end = nullptr;
    std::size_t next_chunk_units = first_chunk_units;
  };

  class pool_guard {
   public:
    explicit pool_guard(std::atomic<bool>& lock) noexcept : lock_(lock) {
      for (spin_wait backoff; lock_.exchange(true, std::memory_order_acquire);) {
        while (lock_.load(std::memory_order_relaxed)) backoff.wait();
      }
    }
    pool_guard(const pool_guard&) = delete;
    pool_guard& operator=(const pool_guard&) = delete;
    ~pool_guard() { lock_.store(false, std::memory_order_release); }

   private:
    std::atomic<bool>& lock_;
  };

  // Returns the first byte of room for a node of `height` (its tower starts there).
  unsigned char* allocate_node_storage(int height) {
    const std::size_t units = units_for(height);
    storage_unit* block;
    {
      pool_guard locked(pool_lock_);
      node_base*& recycled = free_nodes_[height - 1];
      if (recycled != nullptr) {
        node_base* const n = recycled;
        unsigned char* const start = reinterpret_cast<unsigned char*>(n) - tower_bytes(height);
        detail::skiplist::unpoison(start, units * node_alignment);
        recycled = n->next0().load(std::memory_order_relaxed);
        return start;
      }
      bump_region& region = region_for(height);
      block = carve(region, units);
      if (block == nullptr) {
        add_chunk(region, units);
        block = carve(region, units);
      }
    }
    detail::skiplist::unpoison(block, units * node_alignment);
    return reinterpret_cast<unsigned char*>(block);
  }

  // The region for a node of `height`: the first one for every height until its chunks have
  // reached their largest size, so that a small map needs a single chunk, then the height's own.
  // Called with pool_lock_ held.
  bump_region& region_for(int height) noexcept {
    const bool apart = regions_[0].next_chunk_units == last_chunk_units;
    return regions_[apart ? std::min(height, region_count) - 1 : 0];
  }

  // Takes `units` from `region`, or returns null if it has too little room left. A node that
  // fits in a cache line is placed so that it does not straddle two: a search then reads one
  // line per node it moves to.
  storage_unit* carve(bump_region& region, std::size_t units) noexcept {
    constexpr std::size_t line = 64;
    storage_unit* block = region.cursor;
    const std::size_t bytes = units * node_alignment;
    const std::size_t offset = reinterpret_cast<std::uintptr_t>(block) % line;
    if (bytes <= line && offset + bytes > line) block += (line - offset) / node_alignment;
    if (block > region.end || static_cast<std::size_t>(region.end - block) < units) return nullptr;
    region.cursor = block + units;
    return block;
  }

  // Allocates the next chunk of `region` (large enough for a node of `node_units`) and carves
  // from it from now on; what is left of the region's previous chunk (less than one node) is
  // abandoned. Called with pool_lock_ held.
  void add_chunk(bump_region& region, std::size_t node_units) {
    unit_allocator units(alloc_);
    // Room for the header, a cache-line skip and the node, for values larger than a chunk.
    const std::size_t count =
        std::max(region.next_chunk_units,
                 header_units + (64 + node_alignment - 1) / node_alignment + node_units);
    const unit_pointer self = unit_traits::allocate(units, count);
    storage_unit* const first = std::addressof(*self);
    chunks_ = ::new (static_cast<void*>(first)) chunk_header{chunks_, self, count};
    region.cursor = first + header_units;
    region.end = first + count;
    region.next_chunk_units = std::min(2 * region.next_chunk_units, last_chunk_units);
    detail::skiplist::poison(region.cursor,
                             static_cast<std::size_t>(region.end - region.cursor) * node_alignment);
  }

  // Puts `count` nodes whose values are gone on their free lists; when `count` > 1 they are
  // chained through their level-0 links.
  void release_nodes(node_base* chain, std::size_t count) noexcept {
    pool_guard locked(pool_lock_);
    for (; count > 0; --count) {
      node_base* const n = chain;
      const int height = n->height;
      if (count > 1) chain = n->next0().load(std::memory_order_relaxed);
      n->next0().store(free_nodes_[height - 1], std::memory_order_relaxed);
      free_nodes_[height - 1] = n;
      detail::skiplist::poison(reinterpret_cast<unsigned char*>(n) - tower_bytes(height),
                               units_for(height) * node_alignment);
    }
  }

  // Returns every chunk to the allocator. Only when no node is in use.
  void release_chunks() noexcept {
    unit_allocator units(alloc_);
    while (chunks_ != nullptr) {
      chunk_header* const chunk = chunks_;
      chunks_ = chunk->next;
      const unit_pointer self = chunk->self;
      const std::size_t count = chunk->units;
      chunk->~chunk_header();
      detail::skiplist::unpoison(std::addressof(*self), count * node_alignment);
      unit_traits::deallocate(units, self, count);
    }
    std::fill(std::begin(regions_), std::end(regions_), bump_region());
    std::fill(std::begin(free_nodes_), std::end(free_nodes_), nullptr);
  }

  // Frees every node, published or retired. Only when no other thread uses the map.
  void destroy_all() noexcept {
    for (node_base* n = head_.base.next0().load(std::memory_order_relaxed); n != nullptr;
         n = n->next0().load(std::memory_order_relaxed)) {
      alloc_traits::destroy(alloc_, std::addressof(static_cast<node_type*>(n)->value));
    }
    for (const retired_node& r : retired_) {
      alloc_traits::destroy(alloc_, std::addressof(static_cast<node_type*>(r.n)->value));
    }
    retired_.clear();
    free_index(index_.exchange(nullptr, std::memory_order_relaxed));
    free_unreachable_indexes(no_retired_epoch);
    release_chunks();
    oldest_retired_epoch_ = no_retired_epoch;
    for (int level = 0; level < max_height; ++level) {
      link_of(&head_.base, level).store(nullptr, std::memory_order_relaxed);
    }
  }

  // Advances the epoch if it can and, when the oldest retired node has become unreachable, moves
  // every unreachable node out of retired_, chained through next(0) (nobody reads the links of an
  // unreachable node). A node stays in retired_ for at most about three periods once no old pin
  // holds the epoch, so the scans cost O(1) per node. Called with retire_mutex_ held.
  node_base* collect_reclaimable() noexcept {
    const std::uint64_t epoch = detail::skiplist::epoch_domain::instance().try_advance();
    free_unreachable_indexes(epoch);
    if (oldest_retired_epoch_ + 2 > epoch) return nullptr;
    node_base* chain = nullptr;
    std::uint64_t oldest_kept = no_retired_epoch;
    auto kept = retired_.begin();
    for (const retired_node& r : retired_) {
      if (r.epoch + 2 <= epoch) {
        r.n->next0().store(chain, std::memory_order_relaxed);
        chain = r.n;
      } else {
        oldest_kept = std::min(oldest_kept, r.epoch);
        *kept++ = r;
      }
    }
    retired_.erase(kept, retired_.end());
    oldest_retired_epoch_ = oldest_kept;
    return chain;
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
          link_of(tails[level], level).store(n, std::memory_order_relaxed);
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
      node_base* mine = link_of(&head_.base, level).load(std::memory_order_relaxed);
      node_base* theirs = link_of(&other.head_.base, level).load(std::memory_order_relaxed);
      link_of(&head_.base, level).store(theirs, std::memory_order_relaxed);
      link_of(&other.head_.base, level).store(mine, std::memory_order_relaxed);
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
    std::swap(retired_indexes_, other.retired_indexes_);
    std::swap(index_builds_, other.index_builds_);
    std::swap(regions_, other.regions_);
    std::swap(chunks_, other.chunks_);
    std::swap(free_nodes_, other.free_nodes_);
    retired_.swap(other.retired_);
    std::swap(retires_since_advance_, other.retires_since_advance_);
    std::swap(oldest_retired_epoch_, other.oldest_retired_epoch_);
    using std::swap;
    swap(comp_, other.comp_);
  }

  // --- search index ---------------------------------------------------------------------------
  //
  // With key hints, a lookup does not descend from the head. A sorted copy of the keys of the
  // nodes taller than index_level (one in 2^index_level), laid out as a static B+ tree of
  // cache-line blocks and searched without branches, names the last such node before the key,
  // and the descent starts from it at level index_level. The levels above, where a skip list
  // takes about twice as many coin-toss branches as a tree, cost a few blocks that stay cached.
  //
  // - An index is a hint. Its entries were live in increasing key order when it was built; a
  //   lookup starts from an entry only after seeing it live, and a live node is linked and before
  //   the key, so the descent from it reaches every later node, including those inserted since
  //   the build. An entry erased since gives way to the one before it, then to the head.
  // - A node an index names stays allocated while a thread may read that index. The builder sets
  //   node->indexed and then checks that the node is live, an erase marks its victim erased and
  //   then reads the flag (all seq_cst): a node erased before a build is left out of it, and an
  //   erase that sees the flag parks its victim in retired_. Publishing an index gives the nodes
  //   parked before its build began (named by no index built since) and the index it replaces
  //   the epoch read after the swap: a reader of the old index entered at or before it.
  // - One thread builds at a time (index_building_ is a try-lock), walking level index_level. A
  //   build is due once inserts and erases since the previous one reach a quarter of the size
  //   (and index_min_writes), so the walk costs O(1) per write and few nodes wait parked. A build
  //   that fails (the allocator threw) keeps the previous index; lookups stay correct.
  static constexpr int index_level = 2;
  static constexpr std::size_t index_block =
      key_hints ? std::min<std::size_t>(16, 64 / sizeof(Key)) : 2;  // keys per block
  static constexpr std::size_t index_check_period = 64;  // writes per stripe between checks
  static constexpr std::size_t index_min_writes = 1024;
  static constexpr int max_index_layers = 24;  // 8^23 entries

  struct index_layer {
    const Key* keys;  // `blocks` blocks of index_block keys, padded with copies of the last key
    std::size_t blocks;
  };

  // Layer 0 holds the keys of the entries; layer h + 1 the first keys of layer h's blocks from
  // the second on. Header, keys and nodes share one allocation.
  struct search_index {
    std::size_t entries;
    node_base* const* nodes;  // nodes[i] holds the i-th key
    int layers;
    index_layer layer[max_index_layers];
    unit_pointer self;
    std::size_t units;
    search_index* next_retired;
    std::uint64_t retired_epoch;
  };

  static constexpr std::size_t align_up(std::size_t bytes, std::size_t alignment) noexcept {
    return (bytes + alignment - 1) / alignment * alignment;
  }

  // The number of entries whose key `before` holds for (it holds for a prefix of them).
  template <class Before>
  static std::size_t entries_before(const search_index& index, Before before) noexcept {
    std::size_t block = 0;
    for (int h = index.layers - 1;; --h) {
      const Key* const keys = index.layer[h].keys + block * index_block;
      // The block's nodes are read next: fetch their line while the keys are compared.
      if (h == 0) detail::prefetch(index.nodes + block * index_block);
      std::size_t even = 0;  // two sums: half as long a chain of dependent additions
      std::size_t odd = 0;
      for (std::size_t i = 0; i < index_block; i += 2) {
        even += before(keys[i]) ? 1 : 0;
        odd += before(keys[i + 1]) ? 1 : 0;
      }
      const std::size_t position = block * index_block + even + odd;
      // Past the real keys a layer repeats its last key: clamp to the last block and entry.
      if (h == 0) return std::min(position, index.entries);
      block = std::min(position, index.layer[h - 1].blocks - 1);
    }
  }

  // The live indexed node nearest before the key, or null (start from the head).
  template <class Before>
  const node_base* index_start(Before before) const noexcept {
    const search_index* const index = index_.load(std::memory_order_acquire);
    if (index == nullptr) return nullptr;
    const std::size_t count = entries_before(*index, before);
    for (std::size_t i = count; i != 0 && i + 2 > count; --i) {
      const node_base* const n = index->nodes[i - 1];
      if (n->is_live()) return n;
    }
    return nullptr;
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
    std::uint64_t build;
    {
      std::lock_guard<std::mutex> lock(retire_mutex_);
      build = ++index_builds_;
    }
    writes_at_index_build_.store(write_counts().total(), std::memory_order_relaxed);
    try {
      publish_index(build_index(), build);
    } catch (...) {  // the allocator failed: keep the previous index
    }
    index_building_.store(false, std::memory_order_release);
  }

  // An index of the live nodes of level index_level, or null if there are none.
  search_index* build_index() {
    static_assert(std::is_trivially_copyable_v<Key> && index_block >= 2);
    using entry = std::pair<Key, node_base*>;
    using entry_allocator = typename alloc_traits::template rebind_alloc<entry>;
    std::vector<entry, entry_allocator> found{entry_allocator(alloc_)};
    found.reserve((size() >> index_level) + (size() >> (index_level + 2)) + 16);
    for (node_base* n = link_of(&head_.base, index_level).load(); n != nullptr;
         n = link_of(n, index_level).load()) {
      if (!n->is_live()) continue;
      if (n->indexed.load() == 0) n->indexed.store(1);
      if (n->is_live()) found.emplace_back(key_of(n), n);  // after the flag: see above
    }
    if (found.empty()) return nullptr;

    std::size_t blocks[max_index_layers];
    int layers = 0;
    std::size_t key_count = 0;
    for (std::size_t length = found.size();; length = blocks[layers - 1] - 1) {
      blocks[layers] = (length + index_block - 1) / index_block;
      key_count += blocks[layers] * index_block;
      if (blocks[layers++] == 1) break;
    }
    constexpr std::size_t line = 64;
    const std::size_t keys_offset = align_up(sizeof(search_index), line);
    const std::size_t nodes_offset =
        align_up(keys_offset + key_count * sizeof(Key), alignof(node_base*));
    const std::size_t units =
        (line + nodes_offset + found.size() * sizeof(node_base*) + node_alignment - 1) /
        node_alignment;
    unit_allocator allocator(alloc_);
    const unit_pointer self = unit_traits::allocate(allocator, units);
    auto* const raw = reinterpret_cast<unsigned char*>(std::addressof(*self));
    unsigned char* const start = raw + (line - reinterpret_cast<std::uintptr_t>(raw) % line) % line;
    auto* const index = ::new (static_cast<void*>(start)) search_index{};
    index->entries = found.size();
    index->layers = layers;
    index->self = self;
    index->units = units;
    auto* const nodes = reinterpret_cast<node_base**>(start + nodes_offset);
    auto* keys = reinterpret_cast<Key*>(start + keys_offset);
    for (std::size_t i = 0; i < found.size(); ++i) {
      ::new (static_cast<void*>(keys + i)) Key(found[i].first);
      ::new (static_cast<void*>(nodes + i)) node_base*(found[i].second);
    }
    std::size_t length = found.size();
    for (int h = 0; h < layers; ++h) {
      for (std::size_t i = length; i < blocks[h] * index_block; ++i) {
        ::new (static_cast<void*>(keys + i)) Key(keys[length - 1]);
      }
      index->layer[h] = {keys, blocks[h]};
      if (h + 1 == layers) break;
      Key* const above = keys + blocks[h] * index_block;
      length = blocks[h] - 1;
      for (std::size_t i = 0; i < length; ++i) {
        ::new (static_cast<void*>(above + i)) Key(keys[(i + 1) * index_block]);
      }
      keys = above;
    }
    index->nodes = nodes;
    return index;
  }

  // Publishes `fresh` (built by build number `build`), retires the index it replaces and lets
  // the nodes parked before that build go the way of other erased nodes.
  void publish_index(search_index* fresh, std::uint64_t build) noexcept {
    search_index* const old = index_.exchange(fresh);  // seq_cst: before the epoch read
    const std::uint64_t epoch = detail::skiplist::epoch_domain::instance().epoch();
    std::lock_guard<std::mutex> lock(retire_mutex_);
    for (retired_node& r : retired_) {
      if (r.epoch >= parked_tag && r.epoch - parked_tag < build) {
        r.epoch = epoch;
        oldest_retired_epoch_ = std::min(oldest_retired_epoch_, epoch);
      }
    }
    if (old != nullptr) {
      old->retired_epoch = epoch;
      old->next_retired = retired_indexes_;
      retired_indexes_ = old;
    }
    free_unreachable_indexes(detail::skiplist::epoch_domain::instance().try_advance());
  }

  // Frees the retired indexes no reader can hold at `epoch`. Called with retire_mutex_ held, or
  // when no other thread uses the map.
  void free_unreachable_indexes(std::uint64_t epoch) noexcept {
    for (search_index** at = &retired_indexes_; *at != nullptr;) {
      search_index* const index = *at;
      if (epoch == no_retired_epoch || index->retired_epoch + 2 <= epoch) {
        *at = index->next_retired;
        free_index(index);
      } else {
        at = &index->next_retired;
      }
    }
  }

  void free_index(search_index* index) noexcept {
    if (index == nullptr) return;
    unit_allocator allocator(alloc_);
    const unit_pointer self = index->self;
    const std::size_t units = index->units;
    index->~search_index();
    unit_traits::deallocate(allocator, self, units);
  }

  template <class V>
  static void swap_relaxed(std::atomic<V>& a, std::atomic<V>& b) noexcept {
    const V value = a.load(std::memory_order_relaxed);
    a.store(b.load(std::memory_order_relaxed), std::memory_order_relaxed);
    b.store(value, std::memory_order_relaxed);
  }

  // --- traversal ------------------------------------------------------------------------------

  static value_type& value_of(node_base* n) noexcept { return static_cast<node_type*>(n)->value; }

  // The slot of `level` (>= 1) in a node whose header is at `header`.
  static void* slot_address(unsigned char* header, int level) noexcept {
    return header - sizeof(link_type) - static_cast<std::ptrdiff_t>(level) * sizeof(slot_type);
  }

  static slot_type& slot_of(const node_base* n, int level) noexcept {
    auto* header = reinterpret_cast<unsigned char*>(const_cast<node_base*>(n));
    return *std::launder(static_cast<slot_type*>(slot_address(header, level)));
  }

  // The link of any level: level 0's sits where a slot of level 0 would start.
  static link_type& link_of(const node_base* n, int level) noexcept {
    auto* header = reinterpret_cast<unsigned char*>(const_cast<node_base*>(n));
    return *std::launder(static_cast<link_type*>(slot_address(header, level)));
  }

  // Copies the hint of `from`'s slot at `level` to `to`'s (both locked or unpublished).
  static void copy_hint(const node_base* to, const node_base* from, int level) noexcept {
    if constexpr (key_hints) {
      if (level > 0) {
        slot_of(to, level).hint.store(slot_of(from, level).hint.load(std::memory_order_relaxed),
                                      std::memory_order_relaxed);
      }
    }
  }

  // Makes the hint of `n`'s slot at `level` name `target` (a no-op without hints, at level 0 and
  // for a null target). Called wherever that link is stored, by the thread allowed to store it.
  static void set_hint(const node_base* n, int level, const node_base* target) noexcept {
    if constexpr (key_hints) {
      if (level > 0 && target != nullptr) {
        slot_of(n, level).hint.store(key_of(target), std::memory_order_relaxed);
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
    if constexpr (key_hints) {
      // The slot a step reads lies `offset` bytes below the header of `pred`: moving down is a
      // subtraction and moving right keeps the offset, which keeps the loop short (a lookup that
      // fits the processor's window overlaps its cache misses with those of the next one).
      const unsigned char* at = reinterpret_cast<const unsigned char*>(&head_.base);
      int top = levels_.load(std::memory_order_relaxed) - 1;
      // A live indexed node before the key stands where a search from the head could have
      // reached on level index_level (see the search index).
      if (const node_base* const start = index_start(before)) {
        at = reinterpret_cast<const unsigned char*>(start);
        top = index_level;
      }
      std::size_t offset = sizeof(link_type) + static_cast<std::size_t>(top) * sizeof(slot_type);
      while (offset != sizeof(link_type)) {  // level 0's link is sizeof(link_type) below
        const slot_type* const slot = std::launder(reinterpret_cast<const slot_type*>(at - offset));
        node_base* const next = slot->next.load(std::memory_order_acquire);
        // Fetch `next` before the hint decides: its line is on the critical path when the
        // branch predictor guesses wrong, and is cheap to waste when the search goes down.
        detail::prefetch(next);
        if (next != nullptr) {
          const Key hint = slot->hint.load(std::memory_order_relaxed);
          if (before(hint)) {
            at = reinterpret_cast<const unsigned char*>(next);
            continue;
          }
          // The nodes between `pred` and `next` have smaller keys than `next`, so a hint equal
          // to `key` names the answer: a live hit ends here, without the lower levels. A stale
          // hint may name another node, and an erased node may still be linked on upper levels
          // after an insert of its key linked a new node on level 0; either sends the search
          // back to the start. (With `k <= key`, !before(hint) means key < hint: this never
          // applies.)
          if (!comp_(key, hint)) {
            return equivalent(key, next) && next->is_live() ? next : descend_by_keys(before);
          }
        }
        offset -= sizeof(slot_type);
      }
      node_base* const pred = reinterpret_cast<node_base*>(const_cast<unsigned char*>(at));
      // A stale hint may have moved the search past the target, and every later step with it.
      if (pred != &head_.base && !before(key_of(pred))) return descend_by_keys(before);
      node_base* curr = pred->next0().load();
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
      node_base* curr = link_of(pred, level).load();
      while (curr != bound && curr != nullptr && before(key_of(curr))) {
        pred = curr;
        curr = link_of(pred, level).load();
      }
      bound = curr;
    }
    return bound;
  }

  // Fills the predecessors and successors of `key` on levels [0, top] and returns the highest
  // level on which a node with `key` was found, or -1. Guarantees (whatever writers do): every
  // predecessor is the head or a node before `key`, succs[0] was compared by its key, and the
  // node found, if any, has `key`. With key hints, succs[level] > 0 is only hinted to come after
  // `key`: link() checks the hint again under the predecessor's lock, where it is exact.
  template <class K>
  int find_splice(const K& key, int top, node_base** preds, node_base** succs) const {
    if constexpr (key_hints) {
      int found = -1;
      const unsigned char* at = reinterpret_cast<const unsigned char*>(&head_.base);
      for (int level = top; level > 0; --level) {
        const std::size_t offset =
            sizeof(link_type) + static_cast<std::size_t>(level) * sizeof(slot_type);
        node_base* next;
        for (;;) {  // the same steps as descend()
          const auto* const slot = std::launder(reinterpret_cast<const slot_type*>(at - offset));
          next = slot->next.load(std::memory_order_acquire);
          if (next == nullptr) break;
          detail::prefetch(next);
          const Key hint = slot->hint.load(std::memory_order_relaxed);
          if (!comp_(hint, key)) {
            if (found < 0 && !comp_(key, hint)) found = level;
            break;
          }
          at = reinterpret_cast<const unsigned char*>(next);
        }
        preds[level] = reinterpret_cast<node_base*>(const_cast<unsigned char*>(at));
        succs[level] = next;
      }
      node_base* pred = reinterpret_cast<node_base*>(const_cast<unsigned char*>(at));
      if (pred != &head_.base && !comp_(key_of(pred), key)) {
        return find_splice_by_keys(key, top, preds, succs);  // a stale hint led past `key`
      }
      node_base* curr = pred->next0().load();
      while (curr != nullptr && comp_(key_of(curr), key)) {
        pred = curr;
        curr = pred->next0().load();
      }
      preds[0] = pred;
      succs[0] = curr;
      if (found < 0 && curr != nullptr && !comp_(key, key_of(curr))) found = 0;
      if (found > 0 && (comp_(key, key_of(succs[found])) || comp_(key_of(succs[found]), key))) {
        return find_splice_by_keys(key, top, preds, succs);  // a stale hint named another node
      }
      return found;
    } else {
      return find_splice_by_keys(key, top, preds, succs);
    }
  }

  template <class K>
  int find_splice_by_keys(const K& key, int top, node_base** preds, node_base** succs) const {
    int found = -1;
    node_base* pred = &head_.base;
    node_base* bound = nullptr;
    bool bound_matches = false;
    for (int level = top; level >= 0; --level) {
      node_base* curr = link_of(pred, level).load();
      while (curr != bound && curr != nullptr && comp_(key_of(curr), key)) {
        pred = curr;
        curr = link_of(pred, level).load();
      }
      if (curr != bound) {
        bound = curr;
        bound_matches = curr != nullptr && !comp_(key, key_of(curr));
      }
      if (bound_matches && found < 0) found = level;
      preds[level] = pred;
      succs[level] = curr;
    }
    return found;
  }

  // Whether `pred`'s successor at `level`, known to be at or after `key` by the search, comes
  // strictly after it. Called with `pred` locked, so that its hint is exact.
  template <class K>
  bool hinted_after(const node_base* pred, int level, const node_base* succ, const K& key) const {
    if constexpr (key_hints) {
      return level == 0 || succ == nullptr ||
             comp_(key, slot_of(pred, level).hint.load(std::memory_order_relaxed));
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
  // rebuilds the search index if it is due. Called with no lock held.
  void count_write(thread_record& self, bool insert) noexcept {
    size_stripe& stripe = sizes_[self.index % size_stripes];
    std::atomic<std::size_t>& counter = insert ? stripe.inserts : stripe.erases;
    const std::size_t count = counter.fetch_add(1, std::memory_order_relaxed) + 1;
    if constexpr (key_hints) {
      if (count % index_check_period == 0 && index_rebuild_due()) rebuild_index(self);
    }
  }

  void raise_levels(int height) noexcept {
    int levels = levels_.load(std::memory_order_relaxed);
    while (levels < height &&
           !levels_.compare_exchange_weak(levels, height, std::memory_order_relaxed)) {
    }
  }

  // The neighbours of a key on levels [0, top] and the highest level holding the key (-1: none).
  struct splice {
    node_base* preds[max_height];
    node_base* succs[max_height];
    int found = -1;
  };

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
        s.found = find_splice(key, levels_.load(std::memory_order_relaxed) - 1, s.preds, s.succs);
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
                  link_of(pred, level).load() == succ && hinted_after(pred, level, succ, key);
        }
        if (!valid) continue;
        for (int level = 0; level < height; ++level) {
          link_of(fresh, level).store(s.succs[level], std::memory_order_relaxed);
          copy_hint(fresh, s.preds[level], level);  // exact: the predecessor is locked, validated
        }
        // Link first, hint second: a reader that pairs the new link with the old hint (a larger
        // key) at worst moves down early; the opposite pairing is caught by the searches' checks.
        for (int level = 0; level < height; ++level) {
          link_of(s.preds[level], level).store(fresh, std::memory_order_release);
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
      s.found = find_splice(key, levels_.load(std::memory_order_relaxed) - 1, s.preds, s.succs);
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
    node_base* preds[max_height];
    node_base* succs[max_height];
    retire_reservation reservation(*this);
    int top = levels_.load(std::memory_order_relaxed) - 1;
    for (spin_wait backoff;; backoff.wait()) {
      const int found = find_splice(key, top, preds, succs);
      if (found < 0) return false;
      node_base* victim = succs[found];
      if (expected != nullptr && victim != expected) return false;
      if (!victim->is_live()) return false;  // not inserted yet, or erased by another thread
      if (victim->height > top + 1) {  // a stale level hint: search again from the top
        top = max_height - 1;
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
                  link_of(preds[level], level).load() == victim;
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
          link_of(preds[level], level)
              .store(link_of(victim, level).load(std::memory_order_relaxed));
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
  alignas(64) std::atomic<bool> pool_lock_{false};
  bump_region regions_[region_count];
  chunk_header* chunks_ = nullptr;
  node_base* free_nodes_[max_height] = {};  // by height - 1, chained through next0
  alignas(64) std::mutex retire_mutex_;
  retired_vector retired_;
  std::size_t retire_reservations_ = 0;
  std::size_t retires_since_advance_ = 0;
  std::uint64_t oldest_retired_epoch_ = no_retired_epoch;
  std::uint64_t index_builds_ = 0;           // builds started (under retire_mutex_)
  search_index* retired_indexes_ = nullptr;  // under retire_mutex_
  // Read by every lookup, written once per build.
  alignas(64) std::atomic<search_index*> index_{nullptr};
  std::atomic<bool> index_building_{false};
  std::atomic<std::size_t> writes_at_index_build_{0};
};

}  // namespace maptidy

#endif  // MAPTIDY_SKIPLIST_MAP_HPP
