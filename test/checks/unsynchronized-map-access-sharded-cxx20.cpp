// RUN: %check_maptidy --tsan %s maptidy-unsynchronized-map-access %t -- -- -std=c++20 -pthread -I%maptidy_include
// C++20: std::jthread starts threads, `!=` on iterators is a rewritten `==`,
// and contains() is already sharded_map's spelling.
#include <cstdio>
#include <map>
#include <thread>
#include <unordered_map>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}

int main() {
  std::unordered_map<long, long> squares;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<long, long> squares;{{$}}
  {
    std::jthread low([&squares] {
      for (long i = 0; i < 300; ++i)
        squares.try_emplace(i, i * i);
      // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'squares' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    });
    std::jthread high([&squares] {
      for (long i = 200; i < 500; ++i)
        if (squares.find(i) == squares.end())
          squares[i] = i * i;
      // CHECK-MESSAGES: :[[@LINE-2]]:13: note: concurrent access here
      // CHECK-FIXES: {{^}}        if (!squares.contains(i)){{$}}
      // CHECK-FIXES: {{^}}          squares.insert_or_assign(i, i * i);{{$}}
    });
  }
  long hits = 0;
  for (long i = 0; i < 600; i += 7)
    if (squares.contains(i) && squares.find(i + 1) != squares.end())
      ++hits;
  // CHECK-FIXES: {{^}}    if (squares.contains(i) && squares.contains(i + 1)){{$}}
  std::printf("%zu %ld\n", squares.size(), hits);
}
