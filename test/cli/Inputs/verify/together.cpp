// Two fix-its that do not compile together: reserve() for the map, and the
// map turned into a maptidy::skiplist_map, which has no reserve().
#include <algorithm>
#include <unordered_map>
#include <vector>

std::vector<int> sortedIds() {
  std::unordered_map<int, int> seen;
  for (int i = 5; i > 0; --i)
    seen[i * 3] = i;
  std::vector<int> ids;
  for (const auto &[id, count] : seen)
    ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}
