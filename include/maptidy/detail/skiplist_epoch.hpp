// maptidy/detail/skiplist_epoch.hpp - epoch-based reclamation for skiplist_map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The process-wide half of the reclamation scheme: per-thread records, the global epoch and its
// advance, and the barrier that lets an operation announce itself without a fence. The design is
// Keir Fraser's epoch-based reclamation ("Practical lock-freedom", 2004, section 5.2.3), with the
// asymmetric-fence announcement of Linux membarrier. Each map keeps its own list of retired nodes
// (skiplist_retired.hpp).
#ifndef MAPTIDY_DETAIL_SKIPLIST_EPOCH_HPP
#define MAPTIDY_DETAIL_SKIPLIST_EPOCH_HPP

#include "maptidy/detail/cpu.hpp"

#include <atomic>
#include <cstdint>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/membarrier.h>)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#define MAPTIDY_SKIPLIST_HAS_MEMBARRIER 1
#endif
#endif

namespace maptidy {
namespace detail {
namespace skiplist {

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
struct alignas(cache_line_size) thread_record {
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

  alignas(cache_line_size) std::atomic<std::uint64_t> epoch_{0};
  alignas(cache_line_size) std::atomic<thread_record*> records_{nullptr};
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

}  // namespace skiplist
}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_SKIPLIST_EPOCH_HPP
