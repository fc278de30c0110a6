// maptidy/detail/optimistic_read.hpp - reading a locked table without its
// lock: a version per table (a seqlock) and a gate that holds back the
// freeing of replaced storage until the readers that may hold it have left.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Why: a shared lock writes its lock word, so two cores looking up keys of
// the same shard pass that cache line back and forth even when no one
// writes. A reader of a table_version writes nothing shared: it reads the
// version, reads the table, and reads the version again; the reads count
// only if the version was even and unchanged (Lamport's "concurrent reading
// and writing", 1977; the Linux kernel's seqlock). Storage a reader may still
// be probing is freed only after reader_gate::wait_for_readers, as the
// multimutex of boost::concurrent_flat_map holds back its rehashes.
//
// Invariants
// - A table_version is odd exactly while a writer that holds the table's
//   exclusive lock may be changing it; every change to what readers read
//   (metadata, slots, storage) happens while it is odd.
// - A reader uses what it read only if the version was even before and
//   unchanged after; until then it follows no pointer it read other than into
//   storage whose geometry it validated, and it hands nothing it read to
//   user code.
// - Storage replaced by a writer is freed only after wait_for_readers()
//   returned, which waits for every reader that passed the gate before the
//   replacement was published; readers that pass later read the new storage.
// - A reader never waits for anything while it is inside the gate, so
//   wait_for_readers() cannot deadlock.
//
// A seqlock reader's reads race with the writer's writes by design; they
// are plain reads whose results are discarded unless validated. Under
// ThreadSanitizer they are annotated as ignored reads; every other access,
// the gate and the version keep full checking, and AddressSanitizer stress
// tests check that no reader touches freed storage.
#ifndef MAPTIDY_DETAIL_OPTIMISTIC_READ_HPP
#define MAPTIDY_DETAIL_OPTIMISTIC_READ_HPP

#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/rw_spinlock.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>

#if defined(__SANITIZE_THREAD__)
#define MAPTIDY_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MAPTIDY_TSAN 1
#endif
#endif

#if defined(MAPTIDY_TSAN)
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);
#endif

namespace maptidy {
namespace detail {

// Marks the plain reads of one optimistic read for ThreadSanitizer.
class ignored_reads {
 public:
#if defined(MAPTIDY_TSAN)
  ignored_reads() noexcept { AnnotateIgnoreReadsBegin(__FILE__, __LINE__); }
  ~ignored_reads() { AnnotateIgnoreReadsEnd(__FILE__, __LINE__); }
#else
  ignored_reads() noexcept {}  // user-provided: a scope object, not an unused variable
#endif
  ignored_reads(const ignored_reads&) = delete;
  ignored_reads& operator=(const ignored_reads&) = delete;
};

// The version of one table. Writers call begin_change() and end_change()
// while they hold the table's exclusive lock, readers validate().
class table_version {
 public:
  // The version a read starts from, or an odd number while a writer changes
  // the table.
  std::uint64_t read_begin() const noexcept { return value_.load(std::memory_order_acquire); }

  // Whether the reads since read_begin() returned `start` saw no change.
  bool validate(std::uint64_t start) const noexcept {
#if defined(MAPTIDY_TSAN)
    // The reads are ignored there, and GCC does not model fences under it.
    std::atomic_signal_fence(std::memory_order_seq_cst);
#else
    std::atomic_thread_fence(std::memory_order_acquire);  // the reads before the load below
#endif
    return (start & 1) == 0 && value_.load(std::memory_order_relaxed) == start;
  }

  void begin_change() noexcept {
#if defined(MAPTIDY_TSAN)
    value_.fetch_add(1, std::memory_order_acq_rel);
#else
    // Only the lock holder writes the version: a store, and a fence that
    // keeps the changes after it.
    value_.store(value_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
#endif
  }
  void end_change() noexcept {
    value_.store(value_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Readers pass through one of `slot_count` reader-writer locks, chosen per
// thread, each on its own cache line, so that passing writes only a line its
// own thread uses (unless more threads than slots read at once).
// wait_for_readers() takes every lock exclusively in turn.
class reader_gate {
 public:
  static constexpr std::size_t slot_count = 32;

  class pass {
   public:
    explicit pass(const reader_gate& gate) noexcept : lock_(gate.slots_[this_thread_slot()].lock) {
      lock_.lock_shared();
    }
    ~pass() { lock_.unlock_shared(); }
    pass(const pass&) = delete;
    pass& operator=(const pass&) = delete;

   private:
    rw_spinlock& lock_;
  };

  // Returns once every reader that passed before the call has left. A slot
  // found free after the fence holds no such reader: one entering later
  // (with a sequentially consistent addition) reads what the caller changed
  // before the call. Busy slots are taken exclusively in turn; the lock
  // prefers the waiting writer, so a stream of readers cannot hold it off.
  void wait_for_readers() const noexcept {
#if defined(MAPTIDY_TSAN)
    constexpr bool skip_free_slots = false;  // GCC does not model fences under it
#else
    constexpr bool skip_free_slots = true;
    std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
    for (slot& s : slots_) {
      if (skip_free_slots && !s.lock.busy()) continue;
      s.lock.lock();
      s.lock.unlock();
    }
  }

 private:
  struct alignas(cache_line_size) slot {
    rw_spinlock lock;
  };

  static std::size_t this_thread_slot() noexcept {
    static std::atomic<std::size_t> next_thread{0};
    thread_local const std::size_t thread_slot =
        next_thread.fetch_add(1, std::memory_order_relaxed) % slot_count;
    return thread_slot;
  }

  mutable slot slots_[slot_count];
};

}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_OPTIMISTIC_READ_HPP
