// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++20 -I%maptidy_include
// Copies whose order nothing observes: membership tests, a per-element
// operation on the source map, and vectors every caller puts in a set. Silent;
// the twins at the end let the order out and are reported.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

bool knownByFind(const std::unordered_map<std::string, int> &m,
                 const std::string &name) {
  std::vector<std::string> keys;
  for (const auto &entry : m)
    keys.push_back(entry.first);
  return std::find(keys.begin(), keys.end(), name) != keys.end();
}

bool knownByRangesFind(const std::unordered_set<int> &ids, int id) {
  std::vector<int> copy(ids.begin(), ids.end());
  return std::ranges::find(copy, id) != copy.end();
}

bool knownByAnyOf(const std::unordered_map<int, int> &m, int limit) {
  std::vector<int> values;
  for (const auto &[key, value] : m)
    values.push_back(value);
  return std::count(values.begin(), values.end(), limit) > 0 ||
         std::any_of(values.begin(), values.end(),
                     [&](int v) { return v > limit; });
}

// Sorted by the key only to binary_search it: membership again.
bool knownAfterSort(const std::vector<std::string> &names,
                    const std::string &query) {
  std::unordered_map<std::string, int> seen;
  for (const auto &name : names)
    ++seen[name];
  std::vector<std::string> keys;
  for (const auto &entry : seen)
    keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());
  return std::binary_search(keys.begin(), keys.end(), query);
}

// Shuffled: a random order replaces the map's.
std::vector<std::string> shuffledServers(
    const std::unordered_map<std::string, float> &speeds, std::mt19937 &random) {
  std::vector<std::string> servers;
  servers.reserve(speeds.size());
  for (const auto &entry : speeds)
    servers.push_back(entry.first);
  std::shuffle(servers.begin(), servers.end(), random);
  return servers;
}

// Sorted in a template by the comparator it is given, a call whose callee is
// resolved only at instantiation (RocksDB's VersionBuilder::SaveSSTFilesTo).
template <typename Compare>
std::vector<const int *> sortedSizes(const std::unordered_map<int, int> &sizes,
                                     Compare compare) {
  std::vector<const int *> ordered;
  ordered.reserve(sizes.size());
  for (const auto &entry : sizes)
    ordered.push_back(&entry.second);
  std::sort(ordered.begin(), ordered.end(), compare);
  return ordered;
}

std::vector<const int *> sizesDescending(const std::unordered_map<int, int> &s) {
  return sortedSizes(s, [](const int *a, const int *b) { return *a > *b; });
}

// Sorted by count through std::begin and std::end: an order of its own.
std::vector<std::pair<std::string, int>>
byCount(const std::unordered_map<std::string, int> &counts) {
  std::vector<std::pair<std::string, int>> rows(counts.begin(), counts.end());
  std::sort(std::begin(rows), std::end(rows),
            [](const auto &a, const auto &b) { return a.second > b.second; });
  return rows;
}

// Each key is evicted from the source map on its own: the map ends the same
// whatever order the keys come in.
void evict(std::unordered_map<std::string, int> &cache, const std::string &key) {
  cache.erase(key);
}

void expire(std::unordered_map<std::string, int> &cache, int now) {
  std::vector<std::string> stale;
  for (const auto &entry : cache)
    if (entry.second < now)
      stale.push_back(entry.first);
  for (const auto &key : stale) {
    auto it = cache.find(key);
    if (it != cache.end())
      cache.erase(it);
  }
}

void expireThroughHelper(std::unordered_map<std::string, int> &cache, int now) {
  std::vector<std::string> stale;
  for (const auto &entry : cache)
    if (entry.second < now)
      stale.push_back(entry.first);
  for (const auto &key : stale)
    evict(cache, key);
}

void expireByIndex(std::unordered_map<std::string, int> &cache, int now) {
  std::vector<std::string> stale;
  for (const auto &entry : cache)
    if (entry.second < now)
      stale.push_back(entry.first);
  for (size_t i = 0; i < stale.size(); ++i)
    evict(cache, stale[i]);
}

// The source map is reached through a pointer, and spelled so again.
struct Table {
  std::unordered_map<std::string, int> lastSeen;
};

void expireThroughPointer(Table *table, int now) {
  std::vector<std::string> stale;
  for (const auto &entry : table->lastSeen)
    if (entry.second < now)
      stale.push_back(entry.first);
  for (const auto &key : stale)
    evict(table->lastSeen, key);
}

// The elements are smart pointers: each session is dropped from the source
// map by a member reached through `->`.
struct Session {
  std::string id;
  int lastSeen;
};

void drop(std::unordered_map<std::string, std::shared_ptr<Session>> &sessions,
          const std::string &id) {
  sessions.erase(id);
}

void closeIdle(
    std::unordered_map<std::string, std::shared_ptr<Session>> &sessions,
    int now) {
  std::vector<std::shared_ptr<Session>> idle;
  for (const auto &entry : sessions)
    if (entry.second->lastSeen < now)
      idle.push_back(entry.second);
  for (const auto &session : idle)
    drop(sessions, session->id);
}

// Each element is handed on its own to the object that owns the source map
// (removed from the registry that holds it), or acted on by itself (each
// idle session closed): the order the elements come in changes nothing.
struct Connection {
  int lastSeen;
  void close();
  void shutdown(bool graceful, int reason);
};

class Registry {
public:
  void remove(const std::string &name);
  void invalidate() {
    std::vector<std::string> stale;
    for (const auto &entry : entries_)
      if (entry.second < 0)
        stale.push_back(entry.first);
    for (const std::string &name : stale)
      remove(name);
  }
  std::unordered_map<std::string, int> entries_;
};

void invalidateThroughPointer(Registry *registry) {
  std::vector<std::string> stale;
  for (const auto &entry : registry->entries_)
    stale.push_back(entry.first);
  for (const std::string &name : stale)
    registry->remove(name);
}

void closeAll(std::unordered_map<int, std::shared_ptr<Connection>> &open,
              int now) {
  std::vector<std::shared_ptr<Connection>> idle;
  for (const auto &entry : open)
    if (entry.second->lastSeen < now)
      idle.push_back(entry.second);
  for (const auto &connection : idle)
    connection->close();
  for (size_t i = 0; i < idle.size(); ++i)
    idle[i]->shutdown(true, 0);
}

// Every caller in this file puts the returned names in a set or a map.
static std::vector<std::string> tagNames(
    const std::unordered_map<std::string, int> &tags) {
  std::vector<std::string> names;
  for (const auto &tag : tags)
    names.push_back(tag.first);
  return names;
}

std::set<std::string> tagSet(const std::unordered_map<std::string, int> &tags) {
  const std::vector<std::string> names = tagNames(tags);
  return std::set<std::string>(names.begin(), names.end());
}

size_t distinctTags(const std::unordered_map<std::string, int> &tags) {
  std::set<std::string> seen;
  for (const auto &name : tagNames(tags))
    seen.insert(name);
  return seen.size();
}

std::map<std::string, int> tagIndex(
    const std::unordered_map<std::string, int> &tags) {
  std::map<std::string, int> index;
  auto names = tagNames(tags);
  for (const auto &name : names)
    index.emplace(name, 0);
  return index;
}

// Twins that let the order out.
void log(const std::string &key);

void expireLogged(std::unordered_map<std::string, int> &cache, int now) {
  std::vector<std::string> stale;
  for (const auto &entry : cache)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stale' takes the iteration order of 'cache', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+4]]:26: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(stale.begin(), stale.end());{{$}}
    if (entry.second < now)
      stale.push_back(entry.first);
  for (const auto &key : stale) {
    log(key); // a call that takes only the element: its output is ordered
    cache.erase(key);
  }
}

void closeIdleLogged(
    std::unordered_map<std::string, std::shared_ptr<Session>> &sessions,
    int now) {
  std::vector<std::shared_ptr<Session>> idle;
  for (const auto &entry : sessions)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'idle' takes the iteration order of 'sessions', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:30: note: the order is relied on here
    if (entry.second->lastSeen < now)
      idle.push_back(entry.second);
  for (const auto &session : idle) {
    log(session->id); // the log shows the order
    drop(sessions, session->id);
  }
}

namespace {
class Report {
public:
  void describe(const std::string &name) const; // may print: the order shows
  void print() const {
    std::vector<std::string> names;
    for (const auto &entry : entries_)
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'names' takes the iteration order of 'entries_', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+2]]:36: note: the order is relied on here
      names.push_back(entry.first);
    for (const std::string &name : names)
      describe(name);
  }
  std::unordered_map<std::string, int> entries_;
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<std::string, int> entries_;{{$}}
};
} // namespace

void shutdownAll(std::unordered_map<int, std::shared_ptr<Connection>> &open,
                 int reason) {
  std::vector<std::shared_ptr<Connection>> all;
  for (const auto &entry : open)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'all' takes the iteration order of 'open', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:33: note: the order is relied on here
    all.push_back(entry.second);
  for (const auto &connection : all)
    connection->shutdown(false, reason++); // numbered in the map's order
}

bool firstIsKnown(const std::unordered_set<int> &ids, int id) {
  std::vector<int> copy(ids.begin(), ids.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'copy' takes the iteration order of 'ids', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(copy.begin(), copy.end());{{$}}
  return std::find(copy.begin(), copy.end(), id) == copy.begin();
}

static std::vector<std::string> userNames(
    const std::unordered_map<std::string, int> &users) {
  std::vector<std::string> names;
  for (const auto &user : users)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'names' takes the iteration order of 'users', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(names.begin(), names.end());{{$}}
    names.push_back(user.first);
  return names;
}

std::set<std::string> userSet(
    const std::unordered_map<std::string, int> &users) {
  const std::vector<std::string> names = userNames(users);
  return std::set<std::string>(names.begin(), names.end());
}

void printUsers(const std::unordered_map<std::string, int> &users) {
  for (const auto &name : userNames(users))
    std::printf("%s\n", name.c_str());
}

// Visible to other files, whose callers are not seen.
std::vector<std::string> groupNames(
    const std::unordered_map<std::string, int> &groups) {
  std::vector<std::string> names;
  for (const auto &group : groups)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'names' takes the iteration order of 'groups', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(names.begin(), names.end());{{$}}
    names.push_back(group.first);
  return names;
}

std::set<std::string> groupSet(
    const std::unordered_map<std::string, int> &groups) {
  const std::vector<std::string> names = groupNames(groups);
  return std::set<std::string>(names.begin(), names.end());
}
