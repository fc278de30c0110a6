#include "stats.h"

static void countLength(std::unordered_map<int, int> &lengths,
                        const std::string &word) {
  lengths[static_cast<int>(word.size())] += 1;
}

void Stats::load(const std::vector<std::string> &words) {
  counts_.reserve(words.size());
  for (const std::string &word : words) {
    counts_[word] += 1;
    hits_[word.substr(0, 1)] += 1;
    countLength(lengths_, word);
  }
}

int Stats::hitsOf(const std::string &name) const {
  auto it = hits_.find(name);
  return it == hits_.end() ? 0 : it->second;
}

int Stats::total() const {
  int sum = 0;
  for (const auto &[name, hits] : hits_)
    sum += hits;
  return sum;
}
