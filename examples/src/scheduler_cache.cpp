// Next run times per tenant and job, kept as a map of maps.
#include "service.h"

void SchedulerCache::schedule(const std::string &tenant, const std::string &job,
                              int64_t at) {
  next_[tenant][job] = at;
  last_by_key_[tenant + "/" + job] = at;
}

int64_t SchedulerCache::nextRun(const std::string &tenant, const std::string &job) const {
  auto row = next_.find(tenant);
  if (row == next_.end())
    return -1;
  auto cell = row->second.find(job);
  return cell == row->second.end() ? -1 : cell->second;
}

bool SchedulerCache::has(const std::string &tenant, const std::string &job) const {
  auto row = next_.find(tenant);
  return row != next_.end() && row->second.count(job) != 0;
}

std::string SchedulerCache::lastRunKey(const std::string &tenant, int64_t at) const {
  for (const auto &entry : last_by_key_)
    if (entry.second == at && entry.first.rfind(tenant + "/", 0) == 0)
      return entry.first;
  return {};
}
