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
//   wait_for_readers() cannot deadlock; each gate slot is written by the one
//   thread holding its reader index.
//
// A seqlock reader's reads race with the writer's writes by design; they
// are plain reads whose results are discarded unless validated. Under
// ThreadSanitizer they are annotated as ignored reads; every other access,
// the gate and the version keep full checking, and AddressSanitizer stress
// tests check that no reader touches freed storage.
#ifndef MAPTIDY_DETAIL_OPTIMISTIC_READ_HPP
#define MAPTIDY_DETAIL_OPTIMISTIC_READ_HPP

#include "maptidy/detail/cpu.hpp"

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

// Process-wide reader indexes: each thread that reads without a lock claims
// one, exclusively, for its lifetime, so that a gate slot has one writer.
// Threads beyond reader_gate::slot_count alive at once get none and lock.
class reader_indexes {
 public:
  static constexpr std::size_t count = 64;
  static constexpr std::size_t none = count;

  static std::size_t this_thread() noexcept {
    std::size_t& index = thread_index();
    if (MAPTIDY_UNLIKELY(index == unclaimed)) {
      index = claim();
      thread_local const release_at_exit release;
    }
    return index;
  }

 private:
  static constexpr std::size_t unclaimed = ~std::size_t{0};

  // Trivially destructible, so it stays readable after the release below ran
  // (a lookup from a later thread_local destructor then locks).
  static std::size_t& thread_index() noexcept {
    thread_local std::size_t index = unclaimed;
    return index;
  }
  static std::atomic<std::uint64_t>& used() noexcept {
    static std::atomic<std::uint64_t> bits{0};
    return bits;
  }
  static std::size_t claim() noexcept {
    std::uint64_t bits = used().load(std::memory_order_relaxed);
    while (bits != ~std::uint64_t{0}) {
      const unsigned free_index = count_trailing_zeros(static_cast<unsigned long long>(~bits));
      if (used().compare_exchange_weak(bits, bits | (std::uint64_t{1} << free_index), std::memory_order_acquire,
                                       std::memory_order_relaxed))
        return free_index;
    }
    return none;
  }
  struct release_at_exit {
    release_at_exit() noexcept = default;
    release_at_exit(const release_at_exit&) = delete;
    release_at_exit& operator=(const release_at_exit&) = delete;
    ~release_at_exit() {
      std::size_t& index = thread_index();
      if (index != none) used().fetch_and(~(std::uint64_t{1} << index), std::memory_order_release);
      index = none;
    }
  };
};

// One slot per reader index, each on its own cache line and written only by
// the thread that holds the index: a sequence number, odd while that thread
// reads. Entering is one atomic exchange, leaving a plain store.
class reader_gate {
  struct alignas(cache_line_size) slot {
    std::atomic<std::uint64_t> sequence{0};
  };

 public:
  static constexpr std::size_t slot_count = reader_indexes::count;

  class pass {
   public:
    explicit pass(const reader_gate& gate) noexcept {
      const std::size_t index = reader_indexes::this_thread();
      if (index == reader_indexes::none) return;
      slot_ = &gate.slots_[index];
      // Sequentially consistent: the reads that follow cannot be satisfied
      // before a waiting writer can see this thread inside.
      slot_->sequence.exchange(slot_->sequence.load(std::memory_order_relaxed) + 1);
    }
    ~pass() {
      if (slot_ != nullptr)
        slot_->sequence.store(slot_->sequence.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }
    pass(const pass&) = delete;
    pass& operator=(const pass&) = delete;

    // False for a thread without a reader index: it must take the lock.
    bool entered() const noexcept { return slot_ != nullptr; }

   private:
    slot* slot_ = nullptr;
  };

  // Returns once every reader that entered before the call has left. A slot
  // found even after the fence holds no such reader: one entering later reads
  // what the caller changed before the call. An odd slot is waited on until
  // its sequence changes, i.e. until that read ended.
  void wait_for_readers() const noexcept {
#if defined(MAPTIDY_TSAN)
    fence_.fetch_add(1);  // GCC does not model fences under ThreadSanitizer
#else
    std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
    for (const slot& s : slots_) {
      const std::uint64_t inside = s.sequence.load(std::memory_order_acquire);
      if ((inside & 1) == 0) continue;
      for (unsigned attempt = 0; s.sequence.load(std::memory_order_acquire) == inside; ++attempt)
        backoff(attempt, 64, 128);
    }
  }

 private:
  mutable slot slots_[slot_count];
#if defined(MAPTIDY_TSAN)
  mutable std::atomic<std::uint64_t> fence_{0};
#endif
};

}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_OPTIMISTIC_READ_HPP
