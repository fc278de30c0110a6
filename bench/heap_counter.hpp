// Replaces the global operator new/delete of a benchmark binary to account
// for live heap bytes. Include it in exactly one source file per binary.
//
// Two figures are kept: bytes requested by the program, and the heap
// footprint those requests cost under glibc malloc (each chunk carries an
// 8-byte header, is rounded up to 16 bytes and is at least 32 bytes).
#ifndef MAPTIDY_BENCH_HEAP_COUNTER_HPP
#define MAPTIDY_BENCH_HEAP_COUNTER_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace heap_counter {

inline std::atomic<std::int64_t> requested_bytes{0};
inline std::atomic<std::int64_t> footprint_bytes{0};
inline std::atomic<std::int64_t> allocation_count{0};

inline std::int64_t chunk_size(std::size_t size) {
  const std::size_t chunk = (size + 8 + 15) & ~std::size_t{15};
  return static_cast<std::int64_t>(chunk < 32 ? 32 : chunk);
}

// Live bytes between construction and a call to requested()/footprint().
class scope {
 public:
  scope()
      : requested_at_start_(requested_bytes.load()),
        footprint_at_start_(footprint_bytes.load()),
        allocations_at_start_(allocation_count.load()) {}
  std::int64_t requested() const { return requested_bytes.load() - requested_at_start_; }
  std::int64_t footprint() const { return footprint_bytes.load() - footprint_at_start_; }
  // Allocations made since construction (not reduced by frees).
  std::int64_t allocations() const { return allocation_count.load() - allocations_at_start_; }

 private:
  std::int64_t requested_at_start_, footprint_at_start_, allocations_at_start_;
};

// Every block is preceded by a header holding its requested size; the header
// is as large as the block's alignment so the payload stays aligned.
inline void* allocate(std::size_t size, std::size_t alignment) {
  if (alignment < alignof(std::max_align_t)) alignment = alignof(std::max_align_t);
  const std::size_t total = (size + alignment + alignment - 1) / alignment * alignment;
  auto* base = static_cast<unsigned char*>(std::aligned_alloc(alignment, total));
  if (base == nullptr) throw std::bad_alloc();
  unsigned char* payload = base + alignment;
  reinterpret_cast<std::size_t*>(payload)[-1] = size;
  reinterpret_cast<std::size_t*>(payload)[-2] = alignment;
  requested_bytes.fetch_add(static_cast<std::int64_t>(size), std::memory_order_relaxed);
  footprint_bytes.fetch_add(chunk_size(size), std::memory_order_relaxed);
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  return payload;
}

inline void deallocate(void* pointer) noexcept {
  if (pointer == nullptr) return;
  auto* payload = static_cast<unsigned char*>(pointer);
  const std::size_t size = reinterpret_cast<std::size_t*>(payload)[-1];
  const std::size_t alignment = reinterpret_cast<std::size_t*>(payload)[-2];
  requested_bytes.fetch_sub(static_cast<std::int64_t>(size), std::memory_order_relaxed);
  footprint_bytes.fetch_sub(chunk_size(size), std::memory_order_relaxed);
  std::free(payload - alignment);
}

}  // namespace heap_counter

void* operator new(std::size_t size) { return heap_counter::allocate(size, 0); }
void* operator new[](std::size_t size) { return heap_counter::allocate(size, 0); }
void* operator new(std::size_t size, std::align_val_t alignment) {
  return heap_counter::allocate(size, static_cast<std::size_t>(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return heap_counter::allocate(size, static_cast<std::size_t>(alignment));
}
void operator delete(void* pointer) noexcept { heap_counter::deallocate(pointer); }
void operator delete[](void* pointer) noexcept { heap_counter::deallocate(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { heap_counter::deallocate(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { heap_counter::deallocate(pointer); }
void operator delete(void* pointer, std::align_val_t) noexcept { heap_counter::deallocate(pointer); }
void operator delete[](void* pointer, std::align_val_t) noexcept { heap_counter::deallocate(pointer); }
void operator delete(void* pointer, std::size_t, std::align_val_t) noexcept { heap_counter::deallocate(pointer); }
void operator delete[](void* pointer, std::size_t, std::align_val_t) noexcept { heap_counter::deallocate(pointer); }

#endif  // MAPTIDY_BENCH_HEAP_COUNTER_HPP
