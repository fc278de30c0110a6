// maptidy/detail/skiplist_index.hpp - the search index of skiplist_map.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// With key hints, a lookup does not descend from the head. A sorted copy of the hints of the
// nodes taller than index_level (one in 2^index_level), laid out as a static B+ tree of
// cache-line blocks (the implicit layout of Khuong and Morin, "Array Layouts for
// Comparison-Based Searching", 2017) and searched without branches, names the last such node
// before the key, and the descent starts from it at level index_level. The levels above, where a
// skip list takes about twice as many coin-toss branches as a tree, cost a few blocks that stay
// cached.
//
// Invariants (the map keeps them; see skiplist_map.hpp, "search index"):
// - An index is a hint. Its entries were live in increasing key order when it was built; a
//   lookup starts from an entry only after seeing it live, and a live node is linked and before
//   the key, so the descent from it reaches every later node, including those inserted since
//   the build. An entry erased since gives way to the one before it, then to the head. The
//   first entry after the key, when its hint decides, bounds the descent on index_level.
// - A node an index names stays allocated while a thread may read that index: builders flag
//   the nodes they name (node_base::indexed) and erases park flagged victims until an index
//   built after the erase is published (skiplist_retired.hpp).
// - An index is immutable once published; the one it replaces is freed through the epoch.
#ifndef MAPTIDY_DETAIL_SKIPLIST_INDEX_HPP
#define MAPTIDY_DETAIL_SKIPLIST_INDEX_HPP

#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/skiplist_node.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>

namespace maptidy {
namespace detail {
namespace skiplist {

// Nodes taller than this are indexed (a quarter of them); the descent starts on this level.
inline constexpr int index_level = 2;

// An index of hints of type `Hint`, allocated from (a rebinding of) `Allocator`. The header, the
// hint layers and the node pointers share one allocation.
template <class Hint, class Allocator>
struct search_index {
 private:
  struct alignas(alignof(std::max_align_t)) unit {
    unsigned char bytes[alignof(std::max_align_t)];
  };
  using unit_allocator = typename std::allocator_traits<Allocator>::template rebind_alloc<unit>;
  using unit_traits = std::allocator_traits<unit_allocator>;
  using unit_pointer = typename unit_traits::pointer;

 public:
  static_assert(std::is_trivially_copyable_v<Hint>);
  static constexpr std::size_t block = std::min<std::size_t>(16, cache_line_size / sizeof(Hint));
  static_assert(block >= 2 && block % 2 == 0);
  static constexpr int max_layers = 24;  // 8^23 entries

  struct layer_view {
    const Hint* hints;  // `blocks` blocks of `block` hints, padded with copies of the last hint
    std::size_t blocks;
  };

  // Layer 0 holds the hints of the entries; layer h + 1 the first hints of layer h's blocks
  // from the second on.
  std::size_t entries;
  node_base* const* nodes;  // nodes[i] holds the i-th hint
  int layers;
  layer_view layer[max_layers];
  // Where the allocation starts and how long it is, for destroy().
  unit_pointer self;
  std::size_t units;
  // Retired indexes wait for the epoch in a list (skiplist_retired.hpp).
  search_index* next_retired;
  std::uint64_t retired_epoch;

  // The number of entries whose hint `before` holds for (it holds for a prefix of them).
  template <class Before>
  std::size_t entries_before(Before before) const noexcept {
    std::size_t at = 0;
    for (int h = layers - 1;; --h) {
      const Hint* const hints = layer[h].hints + at * block;
      // The block's nodes are read next: fetch their line while the hints are compared.
      if (h == 0) prefetch(nodes + at * block);
      std::size_t even = 0;  // two sums: half as long a chain of dependent additions
      std::size_t odd = 0;
      for (std::size_t i = 0; i < block; i += 2) {
        even += before(hints[i]) ? 1 : 0;
        odd += before(hints[i + 1]) ? 1 : 0;
      }
      const std::size_t position = at * block + even + odd;
      // Past the real hints a layer repeats its last hint: clamp to the last block and entry.
      if (h == 0) return std::min(position, entries);
      at = std::min(position, layer[h - 1].blocks - 1);
    }
  }

  // Where a descent starts: the live indexed node nearest before the key whose tower is tall
  // enough (null: start from the head), and the first entry not before the key if its hint alone
  // shows that (null otherwise).
  // `after` lets a descent on index_level stop at that entry without reading its key: while the
  // reader's epoch pin holds this index, the nodes it names are not reused (see the invariants),
  // so a link to that node leads to a node with that key.
  struct start_point {
    const node_base* start;
    const node_base* after;
  };

  // `decides(hint)`: whether a hint not before the key shows its node is not before the key.
  // `height`: how many levels the start's tower must have. Every entry has index_level + 1 or
  // more, so the nearest live entry serves; a taller tower (a writer that links or unlinks one)
  // is looked for among the few entries before the key, where one tower in two reaches each
  // further level.
  template <class Before, class Decides>
  start_point start_before(Before before, Decides decides,
                           int height = index_level + 1) const noexcept {
    const std::size_t count = entries_before(before);
    const node_base* const after =
        count < entries && decides(layer[0].hints[count]) ? nodes[count] : nullptr;
    const std::size_t tries = height > index_level + 1 ? 8 : 2;
    for (std::size_t i = count; i != 0 && i + tries > count; --i) {
      const node_base* const n = nodes[i - 1];
      if (n->height >= height && n->is_live()) return {n, after};
    }
    return {nullptr, nullptr};
  }

  // An index of `found`, a random-access range of (hint, node) pairs in increasing key order,
  // or null if it is empty. Throws what the allocator throws.
  template <class Entries>
  static search_index* build(const Allocator& alloc, const Entries& found) {
    if (found.empty()) return nullptr;
    std::size_t blocks[max_layers];
    int layers = 0;
    std::size_t hint_count = 0;
    for (std::size_t length = found.size();; length = blocks[layers - 1] - 1) {
      blocks[layers] = (length + block - 1) / block;
      hint_count += blocks[layers] * block;
      if (blocks[layers++] == 1) break;
    }
    constexpr std::size_t line = cache_line_size;
    const std::size_t hints_offset = align_up(sizeof(search_index), line);
    const std::size_t nodes_offset =
        align_up(hints_offset + hint_count * sizeof(Hint), alignof(node_base*));
    const std::size_t units =
        (line + nodes_offset + found.size() * sizeof(node_base*) + sizeof(unit) - 1) / sizeof(unit);
    unit_allocator allocator(alloc);
    const unit_pointer self = unit_traits::allocate(allocator, units);
    auto* const raw = reinterpret_cast<unsigned char*>(std::addressof(*self));
    unsigned char* const start = raw + (line - reinterpret_cast<std::uintptr_t>(raw) % line) % line;
    auto* const index = ::new (static_cast<void*>(start)) search_index{};
    index->entries = found.size();
    index->layers = layers;
    index->self = self;
    index->units = units;
    auto* const nodes = reinterpret_cast<node_base**>(start + nodes_offset);
    auto* hints = reinterpret_cast<Hint*>(start + hints_offset);
    for (std::size_t i = 0; i < found.size(); ++i) {
      ::new (static_cast<void*>(hints + i)) Hint(found[i].first);
      ::new (static_cast<void*>(nodes + i)) node_base*(found[i].second);
    }
    std::size_t length = found.size();
    for (int h = 0; h < layers; ++h) {
      for (std::size_t i = length; i < blocks[h] * block; ++i) {
        ::new (static_cast<void*>(hints + i)) Hint(hints[length - 1]);
      }
      index->layer[h] = {hints, blocks[h]};
      if (h + 1 == layers) break;
      Hint* const above = hints + blocks[h] * block;
      length = blocks[h] - 1;
      for (std::size_t i = 0; i < length; ++i) {
        ::new (static_cast<void*>(above + i)) Hint(hints[(i + 1) * block]);
      }
      hints = above;
    }
    index->nodes = nodes;
    return index;
  }

  static void destroy(const Allocator& alloc, search_index* index) noexcept {
    if (index == nullptr) return;
    unit_allocator allocator(alloc);
    const unit_pointer self = index->self;
    const std::size_t units = index->units;
    index->~search_index();
    unit_traits::deallocate(allocator, self, units);
  }

 private:
  static constexpr std::size_t align_up(std::size_t bytes, std::size_t alignment) noexcept {
    return (bytes + alignment - 1) / alignment * alignment;
  }
};

}  // namespace skiplist
}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_SKIPLIST_INDEX_HPP
