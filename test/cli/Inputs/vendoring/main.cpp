// A project that does not use maptidy's containers (yet).
#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

static double latency() {
  std::unordered_map<std::string, std::unordered_map<int, double>> samples;
  samples["eu"][1] = 0.5;
  samples["us"][2] += 1.5;
  return samples["eu"][1] + samples["us"][2];
}

static std::vector<int> sortedIds() {
  std::unordered_map<int, int> seen;
  seen[9] = 3;
  seen[3] = 1;
  seen[6] = 2;
  std::vector<int> ids;
  for (const auto &[id, count] : seen)
    ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

static std::vector<int> squares(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i * i);
  return out;
}

int main() {
  std::printf("%.1f\n", latency());
  for (int id : sortedIds())
    std::printf("%d ", id);
  for (int square : squares(4))
    std::printf("%d ", square);
  std::printf("\n");
}
