// maptidy/detail/cpu.hpp - processor-level helpers shared by the containers.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Cache-line size, the pause instruction and spin-then-yield backoff,
// prefetching and bit scans, each spelled once per architecture and compiler.
#ifndef MAPTIDY_DETAIL_CPU_HPP
#define MAPTIDY_DETAIL_CPU_HPP

#include <chrono>
#include <climits>
#include <cstddef>
#include <thread>

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#define MAPTIDY_SSE2 1
#include <emmintrin.h>
#endif
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

// Keeps a rarely taken, large path out of its callers.
#if defined(_MSC_VER) && !defined(__clang__)
#define MAPTIDY_NOINLINE __declspec(noinline)
#elif defined(__GNUC__)
#define MAPTIDY_NOINLINE __attribute__((noinline))
#else
#define MAPTIDY_NOINLINE
#endif

// The hot paths of lookups and insertions, inlined into their callers even
// where the compiler's cost model declines: clang did not inline
// flat_map::try_emplace into a loop of insertions, whose elements then went
// through the stack, and a u64 fill with reserve() ran at half the speed it
// has with g++ (as Boost.Unordered's BOOST_FORCEINLINE does for its own).
#if defined(_MSC_VER) && !defined(__clang__)
#define MAPTIDY_FORCEINLINE __forceinline
#elif defined(__GNUC__)
#define MAPTIDY_FORCEINLINE inline __attribute__((always_inline))
#else
#define MAPTIDY_FORCEINLINE inline
#endif

// Branch layout: the expected outcome of a condition falls through, so that
// a probe loop's common exit costs no taken branch.
#if defined(__GNUC__)
#define MAPTIDY_LIKELY(condition) __builtin_expect(static_cast<bool>(condition), 1)
#define MAPTIDY_UNLIKELY(condition) __builtin_expect(static_cast<bool>(condition), 0)
#else
#define MAPTIDY_LIKELY(condition) static_cast<bool>(condition)
#define MAPTIDY_UNLIKELY(condition) static_cast<bool>(condition)
#endif

namespace maptidy {

// Destructive interference size: data written by different threads is kept
// this far apart. A constant rather than
// std::hardware_destructive_interference_size, whose value may differ between
// translation units compiled with different flags.
inline constexpr std::size_t cache_line_size = 64;

namespace detail {

// Tells the processor that this thread is spin-waiting: saves power and
// yields pipeline resources to the sibling hyperthread.
inline void cpu_relax() noexcept {
#if defined(MAPTIDY_SSE2)
  _mm_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

// One step of a wait that is expected to be short: the first `spin_limit`
// attempts spin, the attempts up to `yield_limit` give the time slice away,
// later ones sleep briefly. A waiter thus never burns a core that a
// preempted holder (cores may be oversubscribed) needs to finish.
inline void backoff(unsigned attempt, unsigned spin_limit, unsigned yield_limit = UINT_MAX) noexcept {
  if (attempt < spin_limit)
    cpu_relax();
  else if (attempt < yield_limit)
    std::this_thread::yield();
  else
    std::this_thread::sleep_for(std::chrono::microseconds(20));
}

// Counts its own attempts: `for (spin_wait wait; !done(); wait.wait()) {}`.
class spin_wait {
 public:
  explicit spin_wait(unsigned spin_limit = 16, unsigned yield_limit = UINT_MAX) noexcept
      : spin_limit_(spin_limit), yield_limit_(yield_limit) {}

  void wait() noexcept {
    backoff(attempt_, spin_limit_, yield_limit_);
    if (attempt_ < UINT_MAX) ++attempt_;
  }

 private:
  unsigned attempt_ = 0;
  unsigned spin_limit_;
  unsigned yield_limit_;
};

// Starts loading the cache line of `address` for reading.
inline void prefetch(const void* address) noexcept {
#if defined(__GNUC__)
  __builtin_prefetch(address);
#elif defined(MAPTIDY_SSE2)
  _mm_prefetch(static_cast<const char*>(address), _MM_HINT_T0);
#else
  static_cast<void>(address);
#endif
}

// Index of the lowest set bit; `mask` must not be zero.
inline unsigned count_trailing_zeros(unsigned mask) noexcept {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long index;
  _BitScanForward(&index, mask);
  return static_cast<unsigned>(index);
#else
  return static_cast<unsigned>(__builtin_ctz(mask));
#endif
}

inline unsigned count_trailing_zeros(unsigned long long mask) noexcept {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long index;
  _BitScanForward64(&index, mask);
  return static_cast<unsigned>(index);
#else
  return static_cast<unsigned>(__builtin_ctzll(mask));
#endif
}

inline std::size_t round_up_to_power_of_two(std::size_t n) noexcept {
  std::size_t power = 1;
  while (power < n) power <<= 1;
  return power;
}

}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_CPU_HPP
