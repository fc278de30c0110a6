// maptidy/detail/skiplist_retired.hpp - the erased nodes and replaced search indexes of one
// skiplist_map, waiting for the epoch.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The per-map half of epoch-based reclamation (the process-wide half is skiplist_epoch.hpp).
//
// Invariants:
// - A node erased at epoch E is tagged with the global epoch read after its unlink and handed
//   back (for its value to be destroyed and its memory pooled) once the epoch reaches E + 2: an
//   operation that could have seen it announced at most E and holds the epoch below E + 2 until
//   it ends.
// - A node that a published search index may name (node_base::indexed, read after the erase's
//   seq_cst state store) is parked instead: tagged parked_tag | the number of index builds
//   started before the erase. Publishing the index of build B gives the nodes parked before B
//   began, and the index it replaces, the epoch read after the publication: readers of the old
//   index entered at or before it.
// - Every erase reserves room here before it linearizes, so that retiring after the unlink
//   cannot fail. Everything is under one mutex; erases take it twice, lookups never.
#ifndef MAPTIDY_DETAIL_SKIPLIST_RETIRED_HPP
#define MAPTIDY_DETAIL_SKIPLIST_RETIRED_HPP

#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/skiplist_epoch.hpp"
#include "maptidy/detail/skiplist_node.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace maptidy {
namespace detail {
namespace skiplist {

// `Index` is the map's search_index type, `Allocator` the map's allocator.
template <class Index, class Allocator>
class alignas(cache_line_size) retired_list {
  struct retired_node {
    node_base* n;
    // The global epoch read after the unlink, or parked_tag | builds started before the erase.
    std::uint64_t epoch;
  };
  using retired_allocator =
      typename std::allocator_traits<Allocator>::template rebind_alloc<retired_node>;
  using retired_vector = std::vector<retired_node, retired_allocator>;

 public:
  // Retires between attempts to advance the epoch.
  static constexpr std::size_t reclaim_period = 64;

  explicit retired_list(const Allocator& alloc) : retired_(retired_allocator(alloc)) {}
  retired_list(const retired_list&) = delete;
  retired_list& operator=(const retired_list&) = delete;

  // Reserves room for one more retired node.
  void reserve() {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::size_t needed = retired_.size() + reservations_ + 1;
    if (retired_.capacity() < needed) retired_.reserve(std::max(needed, 2 * retired_.capacity()));
    ++reservations_;
  }

  void cancel_reservation() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    --reservations_;
  }

  // Retires `victim`, unlinked at every level, into its reserved room. Every reclaim_period
  // retires, advances the epoch if it can and returns the nodes that became unreachable, chained
  // through next(0) (nobody reads the links of an unreachable node); otherwise null.
  node_base* retire(node_base* victim, const Allocator& alloc) noexcept {
    // Read after the store that marked the victim erased, both seq_cst: either this sees the
    // flag or the index builder sees the victim erased and leaves it out.
    const bool indexed = victim->indexed.load() != 0;
    const std::uint64_t epoch = epoch_domain::instance().epoch();
    std::lock_guard<std::mutex> lock(mutex_);
    --reservations_;
    if (indexed) {
      retired_.push_back({victim, parked_tag | index_builds_});
    } else {
      retired_.push_back({victim, epoch});
      oldest_epoch_ = std::min(oldest_epoch_, epoch);
    }
    if (++retires_since_advance_ != reclaim_period) return nullptr;
    retires_since_advance_ = 0;
    return collect_reclaimable(alloc);
  }

  // Numbers an index build; erases after this call park their indexed victims until it or a
  // later build is published.
  std::uint64_t start_index_build() {
    std::lock_guard<std::mutex> lock(mutex_);
    return ++index_builds_;
  }

  // Called right after `old` was replaced (seq_cst) by the index of build `build`.
  void index_published(Index* old, std::uint64_t build, const Allocator& alloc) noexcept {
    const std::uint64_t epoch = epoch_domain::instance().epoch();
    std::lock_guard<std::mutex> lock(mutex_);
    for (retired_node& r : retired_) {
      if (r.epoch >= parked_tag && r.epoch - parked_tag < build) {
        r.epoch = epoch;
        oldest_epoch_ = std::min(oldest_epoch_, epoch);
      }
    }
    if (old != nullptr) {
      old->retired_epoch = epoch;
      old->next_retired = indexes_;
      indexes_ = old;
      indexes_waiting_.store(true, std::memory_order_relaxed);
    }
    free_unreachable_indexes(epoch_domain::instance().try_advance(), alloc);
  }

  // Whether replaced indexes wait for the epoch; read without the mutex, so only a hint.
  bool indexes_waiting() const noexcept { return indexes_waiting_.load(std::memory_order_relaxed); }

  // Advances the epoch if it can and frees the replaced indexes no reader can hold any more.
  // Writers call it now and then while indexes wait, so that a map that only grows does not
  // keep the index before last until its next rebuild.
  void reclaim_indexes(const Allocator& alloc) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    free_unreachable_indexes(epoch_domain::instance().try_advance(), alloc);
  }

  // Calls f(node) for every retired node and forgets them all, and frees the retired indexes.
  // Only when no other thread uses the map.
  template <class F>
  void clear(F f, const Allocator& alloc) noexcept {
    for (const retired_node& r : retired_) f(r.n);
    retired_.clear();
    free_unreachable_indexes(no_epoch, alloc);
    oldest_epoch_ = no_epoch;
  }

  // After the map adopted `alloc`; only when empty.
  void reset_allocator(const Allocator& alloc) {
    retired_ = retired_vector(retired_allocator(alloc));
  }

  // Only when no other thread uses either map.
  void swap(retired_list& other) noexcept {
    retired_.swap(other.retired_);
    std::swap(retires_since_advance_, other.retires_since_advance_);
    std::swap(oldest_epoch_, other.oldest_epoch_);
    std::swap(index_builds_, other.index_builds_);
    std::swap(indexes_, other.indexes_);
    indexes_waiting_.store(indexes_ != nullptr, std::memory_order_relaxed);
    other.indexes_waiting_.store(other.indexes_ != nullptr, std::memory_order_relaxed);
  }

 private:
  static constexpr std::uint64_t no_epoch = std::numeric_limits<std::uint64_t>::max();
  // Above every epoch, so that collect_reclaimable keeps parked nodes.
  static constexpr std::uint64_t parked_tag = std::uint64_t{1} << 62;

  // A node stays here for at most about three periods once no old pin holds the epoch, so the
  // scans cost O(1) per node. Called with the mutex held.
  node_base* collect_reclaimable(const Allocator& alloc) noexcept {
    const std::uint64_t epoch = epoch_domain::instance().try_advance();
    free_unreachable_indexes(epoch, alloc);
    if (oldest_epoch_ + 2 > epoch) return nullptr;
    node_base* chain = nullptr;
    std::uint64_t oldest_kept = no_epoch;
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
    oldest_epoch_ = oldest_kept;
    return chain;
  }

  // Frees the retired indexes no reader can hold at `epoch` (no_epoch: all). Called with the
  // mutex held, or when no other thread uses the map.
  void free_unreachable_indexes(std::uint64_t epoch, const Allocator& alloc) noexcept {
    for (Index** at = &indexes_; *at != nullptr;) {
      Index* const index = *at;
      if (epoch == no_epoch || index->retired_epoch + 2 <= epoch) {
        *at = index->next_retired;
        Index::destroy(alloc, index);
      } else {
        at = &index->next_retired;
      }
    }
    indexes_waiting_.store(indexes_ != nullptr, std::memory_order_relaxed);
  }

  std::mutex mutex_;
  retired_vector retired_;
  std::size_t reservations_ = 0;
  std::size_t retires_since_advance_ = 0;
  std::uint64_t oldest_epoch_ = no_epoch;
  std::uint64_t index_builds_ = 0;  // builds started
  Index* indexes_ = nullptr;        // replaced indexes, chained through next_retired
  std::atomic<bool> indexes_waiting_{false};  // indexes_ != nullptr, for readers without the mutex
};

}  // namespace skiplist
}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_SKIPLIST_RETIRED_HPP
