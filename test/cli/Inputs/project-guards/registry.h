#pragma once
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

// Its member functions are defined in two files: the writers lock mu_, and
// some readers forget to.
class Registry {
public:
  void add(int id, const std::string &name);
  void remove(int id);
  std::string find(int id);
  bool has(int id);
  std::size_t size();
  std::size_t pending();
  void note(const std::string &event);
  std::size_t events();
  void resetLog();

private:
  void flush();

  std::mutex mu_;
  std::unordered_map<int, std::string> names_;
  std::unordered_map<int, int> queued_;
  // Mostly touched without mu_: not guarded by it.
  std::unordered_map<std::string, int> log_;
};
