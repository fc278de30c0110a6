// RUN: %check_maptidy --check-suffix=FLAT %s maptidy-concatenated-map-key %t-flat -- -- -std=c++17 -I%maptidy_include
// RUN: %check_maptidy --check-suffix=STD %s maptidy-concatenated-map-key %t-std -- --config="{CheckOptions: {maptidy-concatenated-map-key.UnorderedMapTarget: 'std::unordered_map'}}" -- -std=c++17 -I%maptidy_include
// RUN: %check_maptidy --check-suffix=ABSL %s maptidy-concatenated-map-key %t-absl -- --config="{CheckOptions: {maptidy-concatenated-map-key.UnorderedMapTarget: 'absl::flat_hash_map'}}" -- -std=c++17 -I%maptidy_include -labsl_hash -labsl_city -labsl_low_level_hash -labsl_raw_hash_set -labsl_throw_delegate
// RUN: %check_maptidy --check-suffix=BOOST %s maptidy-concatenated-map-key %t-boost -- --config="{CheckOptions: {maptidy-concatenated-map-key.UnorderedMapTarget: 'boost::unordered_flat_map'}}" -- -std=c++17 -I%maptidy_include
// REQUIRES: absl, boost-unordered-flat
// Each UnorderedMapTarget: the unordered rewrites use its map and set
// (FLAT: the default, maptidy::flat_map). A flat map keeps its elements in its
// array: no fix where a reference, pointer or iterator into the map outlives
// an insertion into it; std::unordered_map keeps the fix there.
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>

static int ports() {
  std::unordered_map<std::string, int> table;
  const std::string services[] = {"auth", "billing", "search"};
  for (const std::string &service : services)
    for (int shard = 0; shard < 40; ++shard)
      table[service + "/" + std::to_string(shard)] = shard;
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the key of 'table' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
      // CHECK-FIXES-FLAT: {{^}}#include <maptidy/flat_map.hpp>{{$}}
      // CHECK-FIXES-FLAT: {{^}}#include <maptidy/flat_set.hpp>{{$}}
      // CHECK-FIXES-FLAT: {{^}}  maptidy::flat_map<std::pair<std::string, int>, int> table;{{$}}
      // CHECK-FIXES-STD: {{^}}#include <maptidy/composite_key.hpp>{{$}}
      // CHECK-FIXES-STD: {{^}}  std::unordered_map<std::pair<std::string, int>, int, maptidy::hash<std::pair<std::string, int>>> table;{{$}}
      // CHECK-FIXES-ABSL: {{^}}#include <absl/container/flat_hash_map.h>{{$}}
      // CHECK-FIXES-ABSL: {{^}}#include <absl/container/flat_hash_set.h>{{$}}
      // CHECK-FIXES-ABSL: {{^}}  absl::flat_hash_map<std::pair<std::string, int>, int> table;{{$}}
      // CHECK-FIXES-BOOST: {{^}}#include <boost/unordered/unordered_flat_map.hpp>{{$}}
      // CHECK-FIXES-BOOST: {{^}}#include <boost/unordered/unordered_flat_set.hpp>{{$}}
      // CHECK-FIXES-BOOST: {{^}}  boost::unordered_flat_map<std::pair<std::string, int>, int> table;{{$}}
      // CHECK-FIXES: {{^}}      table[{service, shard}] = shard;{{$}}
      // CHECK-FIXES: {{^}}  auto it = table.find({wanted, 3});{{$}}
  const std::string wanted = "billing";
  auto it = table.find(wanted + "/" + std::to_string(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: the key of 'table' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  return it == table.end() ? -1 : it->second;
}

static bool seenOnce() {
  std::unordered_set<std::string> seen;
  const std::string user = "ann", device = "phone";
  for (int session = 0; session < 3; ++session)
    seen.insert(user + "|" + device + "|" + std::to_string(session));
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the key of 'seen' is concatenated from 3 parts on every access; key it by std::tuple<std::string, std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES-FLAT: {{^}}  maptidy::flat_set<std::tuple<std::string, std::string, int>> seen;{{$}}
    // CHECK-FIXES-STD: {{^}}  std::unordered_set<std::tuple<std::string, std::string, int>, maptidy::hash<std::tuple<std::string, std::string, int>>> seen;{{$}}
    // CHECK-FIXES-ABSL: {{^}}  absl::flat_hash_set<std::tuple<std::string, std::string, int>> seen;{{$}}
    // CHECK-FIXES-BOOST: {{^}}  boost::unordered_flat_set<std::tuple<std::string, std::string, int>> seen;{{$}}
    // CHECK-FIXES: {{^}}    seen.insert({user, device, session});{{$}}
  return seen.count(user + "|" + device + "|" + std::to_string(2)) == 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the key of 'seen' is concatenated from 3 parts on every access; key it by std::tuple<std::string, std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
}

// A reference to an entry, used after other entries are inserted.
static int keptReference() {
  std::unordered_map<std::string, int> totals;
  const std::string region = "eu";
  int &first = totals[region + ":" + std::to_string(0)];
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the key of 'totals' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES-FLAT: :[[@LINE-2]]:16: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
  // CHECK-FIXES-STD: {{^}}  std::unordered_map<std::pair<std::string, int>, int, maptidy::hash<std::pair<std::string, int>>> totals;{{$}}
  // CHECK-FIXES-STD: {{^}}  int &first = totals[{region, 0}];{{$}}
  // CHECK-MESSAGES-ABSL: :[[@LINE-5]]:16: note: a reference or iterator from this access is used after an insertion, which may move the elements of absl::flat_hash_map; no fix is offered
  // CHECK-MESSAGES-BOOST: :[[@LINE-6]]:16: note: a reference or iterator from this access is used after an insertion, which may move the elements of boost::unordered_flat_map; no fix is offered
  for (int day = 1; day < 100; ++day)
    totals[region + ":" + std::to_string(day)] = day;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the key of 'totals' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  first += 1;
  return first + totals[region + ":" + std::to_string(7)];
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the key of 'totals' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
}

// An iterator from find, used after an insertion.
static int keptIterator() {
  std::unordered_map<std::string, int> hits;
  const std::string host = "a";
  hits[host + "#" + std::to_string(1)] = 5;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the key of 'hits' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES-FLAT: :[[@LINE+4]]:13: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
  // CHECK-FIXES-STD: {{^}}    hits.emplace(std::pair<std::string, int>(host, port), port);{{$}}
  // CHECK-MESSAGES-ABSL: :[[@LINE+2]]:13: note: a reference or iterator from this access is used after an insertion, which may move the elements of absl::flat_hash_map; no fix is offered
  // CHECK-MESSAGES-BOOST: :[[@LINE+1]]:13: note: a reference or iterator from this access is used after an insertion, which may move the elements of boost::unordered_flat_map; no fix is offered
  auto it = hits.find(host + "#" + std::to_string(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the key of 'hits' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  for (int port = 2; port < 100; ++port)
    hits.emplace(host + "#" + std::to_string(port), port);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the key of 'hits' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  return it == hits.end() ? 0 : it->second;
}

// The iterator an insert returns, compared after other insertions:
// node-based sets keep it valid, flat ones may move it.
static int keptSetIterator() {
  std::unordered_set<std::string> seen;
  const std::string user = "bo";
  auto first = seen.insert(user + "@" + std::to_string(0)).first;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-MESSAGES-FLAT: :[[@LINE-2]]:16: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_set; no fix is offered
  // CHECK-FIXES-STD: {{^}}  std::unordered_set<std::pair<std::string, int>, maptidy::hash<std::pair<std::string, int>>> seen;{{$}}
  // CHECK-FIXES-STD: {{^}}  auto first = seen.insert({user, 0}).first;{{$}}
  // CHECK-MESSAGES-ABSL: :[[@LINE-5]]:16: note: a reference or iterator from this access is used after an insertion, which may move the elements of absl::flat_hash_set; no fix is offered
  // CHECK-MESSAGES-BOOST: :[[@LINE-6]]:16: note: a reference or iterator from this access is used after an insertion, which may move the elements of boost::unordered_flat_set; no fix is offered
  for (int session = 1; session < 100; ++session)
    seen.insert(user + "@" + std::to_string(session));
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the key of 'seen' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  return first == seen.end() ? 0 : static_cast<int>(seen.size());
}

int main() {
  std::printf("%d %d %d %d %d\n", ports(), seenOnce(), keptReference(), keptIterator(), keptSetIterator());
}
