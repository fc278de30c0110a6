// maptidy/detail/skiplist_write_gate.hpp - the gate that lets skiplist_map::snapshot() stop
// writers at their linearization points.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef MAPTIDY_DETAIL_SKIPLIST_WRITE_GATE_HPP
#define MAPTIDY_DETAIL_SKIPLIST_WRITE_GATE_HPP

#include "maptidy/detail/cpu.hpp"
#include "maptidy/detail/skiplist_epoch.hpp"

#include <atomic>

namespace maptidy {
namespace detail {
namespace skiplist {

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

}  // namespace skiplist
}  // namespace detail
}  // namespace maptidy

#endif  // MAPTIDY_DETAIL_SKIPLIST_WRITE_GATE_HPP
