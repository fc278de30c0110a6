// maptidy/detail/rw_spinlock.hpp - the reader-writer spin lock of
// maptidy::sharded_map's shards.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef MAPTIDY_DETAIL_RW_SPINLOCK_HPP
#define MAPTIDY_DETAIL_RW_SPINLOCK_HPP

#include "maptidy/detail/cpu.hpp"

#include <atomic>
#include <cstdint>

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

}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_RW_SPINLOCK_HPP
