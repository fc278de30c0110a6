// The concurrent-map peers of the benchmarks: each one is compiled in when
// the build found it (maptidy_add_concurrent_peers in bench/CMakeLists.txt
// defines MAPTIDY_BENCH_<PEER>).
#ifndef MAPTIDY_BENCH_CONCURRENT_PEERS_HPP
#define MAPTIDY_BENCH_CONCURRENT_PEERS_HPP

#if defined(MAPTIDY_BENCH_BOOST_FLAT)
#include <boost/unordered/unordered_flat_map.hpp>
#endif
#if defined(MAPTIDY_BENCH_BOOST_CONCURRENT)
#include <boost/unordered/concurrent_flat_map.hpp>
#endif
#if defined(MAPTIDY_BENCH_PHMAP)
#include <parallel_hashmap/phmap.h>
#endif
#if defined(MAPTIDY_BENCH_GTL)
#include <gtl/phmap.hpp>
#endif
#if defined(MAPTIDY_BENCH_LIBCUCKOO)
#include <libcuckoo/cuckoohash_map.hh>
#endif
#if defined(MAPTIDY_BENCH_TBB)
#include <oneapi/tbb/concurrent_hash_map.h>
#include <oneapi/tbb/concurrent_unordered_map.h>
#endif

#endif  // MAPTIDY_BENCH_CONCURRENT_PEERS_HPP
