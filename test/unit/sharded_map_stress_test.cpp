// Concurrency stress tests for maptidy::sharded_map, meant to run under
// ThreadSanitizer and AddressSanitizer. MAPTIDY_STRESS_SCALE (a positive
// integer, default 1) multiplies the number of operations.
#include "maptidy/sharded_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

int stress_scale() {
  const char* text = std::getenv("MAPTIDY_STRESS_SCALE");
  const int scale = text == nullptr ? 1 : std::atoi(text);
  return scale < 1 ? 1 : scale;
}

constexpr int writer_count = 4;

// Runs `workers` threads, each with its index, released together.
template <class Body>
void run_threads(int workers, Body body) {
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i)
    threads.emplace_back([&, i] {
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      body(i);
    });
  go.store(true, std::memory_order_release);
  for (std::thread& thread : threads) thread.join();
}

template <class SharedMutex>
class ShardedMapStress : public ::testing::Test {};
using lock_types = ::testing::Types<maptidy::rw_spinlock, std::shared_mutex>;
TYPED_TEST_SUITE(ShardedMapStress, lock_types);

template <class SharedMutex>
using counter_map = maptidy::sharded_map<int, std::uint64_t, maptidy::hash<int>, std::equal_to<>,
                                         std::allocator<std::pair<const int, std::uint64_t>>, SharedMutex>;

// Writers add known amounts to random counters (upsert, or visit when the
// counter exists); a reader watches the totals grow. Final sums must match.
TYPED_TEST(ShardedMapStress, UpsertCountersSumExactly) {
  constexpr int key_count = 512;
  const int operations = 150000 * stress_scale();
  counter_map<TypeParam> map(maptidy::shards{4});
  std::vector<std::vector<std::uint64_t>> added(writer_count, std::vector<std::uint64_t>(key_count));
  std::atomic<int> writers_left{writer_count};
  std::atomic<bool> totals_decreased{false};

  run_threads(writer_count + 1, [&](int index) {
    if (index == writer_count) {
      // Values only grow, so successive weakly consistent sums never drop.
      std::uint64_t previous_for_each = 0, previous_snapshot = 0;
      while (writers_left.load() > 0) {
        std::uint64_t sum = 0;
        map.for_each([&sum](const auto& element) { sum += element.second; });
        std::uint64_t snapshot_sum = 0;
        for (const auto& element : map.snapshot()) snapshot_sum += element.second;
        if (sum < previous_for_each || snapshot_sum < previous_snapshot) totals_decreased = true;
        previous_for_each = sum;
        previous_snapshot = snapshot_sum;
        (void)map.get(7);
        (void)map.contains(8);
        (void)map.size();
      }
      return;
    }
    std::mt19937 random(static_cast<unsigned>(index));
    for (int i = 0; i < operations; ++i) {
      const int key = static_cast<int>(random() % key_count);
      const std::uint64_t amount = random() % 7 + 1;
      const auto add = [amount](auto& value) { value += amount; };
      if (i % 3 == 0) {
        if (!map.visit(key, [&add](std::pair<const int, std::uint64_t>& element) { add(element.second); }))
          map.upsert(key, add);
      } else {
        map.upsert(key, add);
      }
      added[index][key] += amount;
    }
    --writers_left;
  });

  EXPECT_FALSE(totals_decreased.load());
  ASSERT_LE(map.size(), std::size_t{key_count});
  for (int key = 0; key < key_count; ++key) {
    std::uint64_t expected = 0;
    for (const auto& per_writer : added) expected += per_writer[key];
    EXPECT_EQ(map.get_or(key, 0), expected) << "key " << key;
  }
}

// Lookups of maps with scalar keys and trivially copyable values read the
// shard without its lock. Each round fills a fresh map from empty, so that
// its tables grow (and free their storage) many times under the readers,
// while writers also assign and erase; every value records its key, and the
// keys inserted before the threads start are only moved by growth. A lookup
// must never see a value of another key, nor miss a permanent key, nor
// (under AddressSanitizer) read storage a growth freed.
TYPED_TEST(ShardedMapStress, LookupsWithoutLockSeeOnlyWrittenElements) {
  using map_type = maptidy::sharded_map<std::uint64_t, std::uint64_t, maptidy::hash<std::uint64_t>, std::equal_to<>,
                                        std::allocator<std::pair<const std::uint64_t, std::uint64_t>>, TypeParam>;
  constexpr std::uint64_t churned_keys = 8192;
  constexpr std::uint64_t permanent_keys = 64;
  constexpr int readers = 2;
  const int rounds = 20 * stress_scale();
  const auto encode = [](std::uint64_t key, std::uint64_t generation) { return key << 32 | generation; };
  std::atomic<int> wrong_values{0};
  std::atomic<int> missed_permanent{0};

  for (int round = 0; round < rounds; ++round) {
    map_type map(maptidy::shards{2});
    for (std::uint64_t key = churned_keys; key < churned_keys + permanent_keys; ++key)
      map.insert({key, encode(key, 0)});
    std::atomic<int> writers_left{writer_count};
    run_threads(writer_count + readers, [&](int index) {
      std::mt19937_64 random(static_cast<unsigned>(round * 16 + index) + 1);
      if (index >= writer_count) {
        while (writers_left.load() > 0) {
          const std::uint64_t key = random() % (churned_keys + permanent_keys);
          const bool permanent = key >= churned_keys;
          if (const auto value = map.get(key); value ? (*value >> 32) != key : permanent) ++wrong_values;
          const bool visited = map.visit(key, [&](const std::pair<const std::uint64_t, std::uint64_t>& element) {
            if (element.first != key || element.second >> 32 != key) ++wrong_values;
          });
          if (permanent && !(visited && map.contains(key) && map.get_or(key, 0) == encode(key, 0)))
            ++missed_permanent;
        }
        return;
      }
      // Writer w inserts the keys congruent to w, in a random order of
      // blocks, assigning and erasing some of them again.
      for (std::uint64_t key = static_cast<std::uint64_t>(index); key < churned_keys; key += writer_count) {
        map.insert_or_assign(key, encode(key, 1));
        switch (random() % 8) {
          case 0:
            map.erase(key);
            break;
          case 1:
            map.upsert(key, [&](std::uint64_t& value) { value = encode(key, 2); });
            break;
          default:
            break;
        }
      }
      --writers_left;
    });
  }

  EXPECT_EQ(wrong_values.load(), 0);
  EXPECT_EQ(missed_permanent.load(), 0);
}

// Each writer inserts its keys in sequence and erases them `window` steps
// later, so at any instant its keys form one contiguous run of at most
// window + 1 sequence numbers. A snapshot (a consistent cut) must show
// exactly such runs; a shard-by-shard copy would show gaps.
TYPED_TEST(ShardedMapStress, SnapshotIsConsistentCut) {
  constexpr int window = 32;
  constexpr int sequence_stride = 1 << 24;  // key = writer * stride + sequence
  const int sequence_length = 60000 * stress_scale();
  counter_map<TypeParam> map(maptidy::shards{16});
  std::atomic<int> writers_left{writer_count};
  std::atomic<int> snapshots_checked{0};

  run_threads(writer_count + 1, [&](int index) {
    if (index < writer_count) {
      for (int sequence = 0; sequence < sequence_length; ++sequence) {
        map.insert({index * sequence_stride + sequence, std::uint64_t(sequence)});
        if (sequence >= window) map.erase(index * sequence_stride + sequence - window);
      }
      --writers_left;
      return;
    }
    std::vector<int> last_high(writer_count, -1);
    const auto check = [&](const std::vector<std::pair<int, std::uint64_t>>& elements) {
      std::vector<std::vector<int>> sequences(writer_count);
      for (const auto& [key, value] : elements) {
        ASSERT_EQ(static_cast<std::uint64_t>(key % sequence_stride), value);
        sequences[key / sequence_stride].push_back(key % sequence_stride);
      }
      for (int writer = 0; writer < writer_count; ++writer) {
        auto& seen = sequences[writer];
        if (seen.empty()) continue;
        std::sort(seen.begin(), seen.end());
        ASSERT_EQ(seen.back() - seen.front() + 1, static_cast<int>(seen.size())) << "gap in writer " << writer;
        ASSERT_LE(seen.size(), std::size_t{window + 1});
        ASSERT_GE(seen.back(), last_high[writer]) << "a later cut went back in time";
        last_high[writer] = seen.back();
      }
      ++snapshots_checked;
    };
    while (writers_left.load() > 0) {
      check(map.snapshot());
      const counter_map<TypeParam> copy(map);  // copying is a consistent cut too
      check(copy.snapshot());
    }
  });
  EXPECT_GT(snapshots_checked.load(), 0);
  EXPECT_EQ(map.size(), std::size_t{writer_count} * window);
}

// Every operation at once on string keys and values. A value always starts
// with its key, so a torn or misplaced element shows; at the end the map must
// be coherent (size, uniqueness, lookups).
TYPED_TEST(ShardedMapStress, MixedOperationsKeepMapCoherent) {
  using map_type = maptidy::sharded_map<std::string, std::string, maptidy::hash<std::string>, std::equal_to<>,
                                        std::allocator<std::pair<const std::string, std::string>>, TypeParam>;
  constexpr int key_count = 2048;
  const int operations = 80000 * stress_scale();
  map_type map(maptidy::shards{8});
  std::vector<std::string> keys;
  for (int i = 0; i < key_count; ++i) keys.push_back("key-" + std::to_string(i) + (i % 3 ? "" : "-with-a-long-tail"));
  const auto value_for = [](std::string_view key, int version) { return std::string(key) + ":" + std::to_string(version); };
  const auto well_formed = [](const std::pair<const std::string, std::string>& element) {
    return element.second.compare(0, element.first.size() + 1, element.first + ":") == 0;
  };
  std::atomic<int> malformed{0};

  run_threads(writer_count, [&](int index) {
    std::mt19937 random(static_cast<unsigned>(100 + index));
    for (int i = 0; i < operations; ++i) {
      const std::string& key = keys[random() % key_count];
      const int version = static_cast<int>(random() % 1000);
      const auto check = [&](const auto& element) {
        if (!well_formed(element)) ++malformed;
      };
      switch (random() % 16) {
        case 0: map.insert({key, value_for(key, version)}); break;
        case 1: map.emplace(key, value_for(key, version)); break;
        case 2: map.try_emplace(key, value_for(key, version)); break;
        case 3: map.insert_or_assign(key, value_for(key, version)); break;
        case 4: map.upsert(key, [&](std::string& value) { value = value_for(key, version); }); break;
        case 5: map.erase(std::string_view(key)); break;
        case 6: map.visit(std::string_view(key), [&](auto& element) { element.second = value_for(key, version); }); break;
        case 7: std::as_const(map).visit(std::string_view(key), check); break;
        case 8:
          if (const auto value = map.get(key); value && value->rfind(key + ":", 0) != 0) ++malformed;
          break;
        case 9: (void)map.contains(std::string_view(key)); break;
        case 10: (void)map.get_or(key, key + ":fallback"); break;
        case 11:
          if (i % 64 == 0) map.erase_if([&](const auto& element) { return element.second.back() == '7'; });
          break;
        case 12:
          if (i % 64 == 0) std::as_const(map).for_each(check);
          break;
        case 13:
          if (i % 64 == 0)
            for (const auto& [k, v] : map.snapshot())
              if (v.rfind(k + ":", 0) != 0) ++malformed;
          break;
        case 14:
          if (i % 512 == 0) map.reserve(key_count);
          if (i % 4096 == 0) map.clear();
          break;
        default: (void)map.size(); break;
      }
    }
  });

  EXPECT_EQ(malformed.load(), 0);
  const auto elements = map.snapshot();
  EXPECT_EQ(elements.size(), map.size());
  std::map<std::string, std::string> unique(elements.begin(), elements.end());
  EXPECT_EQ(unique.size(), elements.size());
  for (const auto& [key, value] : unique) {
    EXPECT_EQ(map.get(key), value);
    EXPECT_EQ(value.rfind(key + ":", 0), 0u);
  }
}

}  // namespace
