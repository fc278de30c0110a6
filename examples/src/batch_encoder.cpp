// Encodes event batches for the wire.
#include "service.h"

#include <cstdio>

std::vector<uint8_t> encodeValues(const std::vector<Event> &events) {
  std::vector<uint8_t> bytes;
  for (const Event &event : events) {
    const auto scaled = static_cast<int64_t>(event.value * 100);
    for (int shift = 0; shift < 64; shift += 8)
      bytes.push_back(static_cast<uint8_t>(scaled >> shift));
  }
  return bytes;
}

std::vector<std::string> labels(const std::vector<Event> &events) {
  std::vector<std::string> out;
  for (size_t i = 0; i < events.size(); ++i)
    out.push_back(events[i].source + ":" + events[i].kind);
  return out;
}

std::unordered_map<std::string, size_t> indexBySource(const std::vector<Event> &events) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < events.size(); ++i)
    index.emplace(events[i].source, i);
  return index;
}

std::string checksumText(const std::vector<uint8_t> &bytes) {
  std::string text;
  for (uint8_t byte : bytes) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", byte);
    text.push_back(hex[0]);
    text.push_back(hex[1]);
  }
  return text;
}
