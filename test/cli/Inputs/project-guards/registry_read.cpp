#include "registry.h"

bool Registry::has(int id) {
  return names_.count(id) != 0;
}

std::size_t Registry::size() {
  return names_.size();
}

std::size_t Registry::pending() {
  std::size_t n = queued_.size();
  flush();
  return n;
}

void Registry::note(const std::string &event) {
  log_[event] += 1;
  log_["total"] += 1;
}

std::size_t Registry::events() {
  return log_.size();
}
