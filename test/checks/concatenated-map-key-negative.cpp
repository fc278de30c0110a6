// RUN: %check_maptidy %s maptidy-concatenated-map-key %t -- -- -std=c++17
// Keys that are not glued from two or more non-constant parts: silent.
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>

// One non-constant part, a prebuilt key, or a map not keyed by strings.
int notGlued(const std::string &name, const std::string &key, int id) {
  std::unordered_map<std::string, int> files;
  files[name + ".txt"] = 1;
  files[key] = 2;
  std::map<int, std::string> names;
  names[id] = name + "/" + key;
  return files.count("a" + std::string("b")) + static_cast<int>(names.size());
}

// A stream rewound with str("") and written again builds one key at a time
// (taskwarrior's annotation names): one part, not two.
std::string freeName(const std::map<std::string, int> &annotations,
                     long long stamp) {
  std::stringstream name;
  name << "annotation_" << stamp;
  while (annotations.find(name.str()) != annotations.end()) {
    name.str("");
    ++stamp;
    name << "annotation_" << stamp;
  }
  return name.str();
}

// References name a map declared elsewhere, whose other uses they do not see.
class PathIndex {
public:
  explicit PathIndex(const std::map<std::string, int> &files) : files_(files) {}
  int find(const std::string &dir, const std::string &name) const {
    auto it = files_.find(dir + "/" + name);
    return it == files_.end() ? -1 : it->second;
  }

private:
  const std::map<std::string, int> &files_;
};
