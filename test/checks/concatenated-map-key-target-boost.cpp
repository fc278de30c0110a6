// RUN: %check_maptidy %s maptidy-concatenated-map-key %t -- --config="{CheckOptions: {maptidy-concatenated-map-key.UnorderedMapTarget: 'boost::unordered_flat_map'}}" -- -std=c++17 -I%maptidy_include
// REQUIRES: boost-unordered-flat
// UnorderedMapTarget boost::unordered_flat_map: the unordered rewrites use its map and set.
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
      // CHECK-FIXES: {{^}}#include <boost/unordered/unordered_flat_map.hpp>{{$}}
      // CHECK-FIXES: {{^}}#include <boost/unordered/unordered_flat_set.hpp>{{$}}
      // CHECK-FIXES: {{^}}  boost::unordered_flat_map<std::pair<std::string, int>, int> table;{{$}}
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
    // CHECK-FIXES: {{^}}  boost::unordered_flat_set<std::tuple<std::string, std::string, int>> seen;{{$}}
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
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: a reference or iterator from this access is used after an insertion, which may move the elements of boost::unordered_flat_map; no fix is offered
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
  // CHECK-MESSAGES: :[[@LINE+1]]:13: note: a reference or iterator from this access is used after an insertion, which may move the elements of boost::unordered_flat_map; no fix is offered
  auto it = hits.find(host + "#" + std::to_string(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the key of 'hits' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  for (int port = 2; port < 100; ++port)
    hits.emplace(host + "#" + std::to_string(port), port);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the key of 'hits' is concatenated from 2 parts on every access; key it by std::pair<std::string, int> to avoid building a string each time [maptidy-concatenated-map-key]
  return it == hits.end() ? 0 : it->second;
}

int main() {
  std::printf("%d %d %d %d\n", ports(), seenOnce(), keptReference(), keptIterator());
}
