#include "registry.h"

void Registry::add(int id, const std::string &name) {
  std::lock_guard<std::mutex> lock(mu_);
  names_[id] = name;
  queued_[id] = 1;
  log_["add"] += 1;
}

void Registry::remove(int id) {
  std::lock_guard<std::mutex> lock(mu_);
  names_.erase(id);
  queued_.erase(id);
}

std::string Registry::find(int id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = names_.find(id);
  return it == names_.end() ? std::string() : it->second;
}

void Registry::flush() {
  std::lock_guard<std::mutex> lock(mu_);
  queued_.clear();
}

void Registry::resetLog() {
  log_.clear();
}
