// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Loops a careful engineer would leave alone: none may be reported.
#include <cstdio>
#include <deque>
#include <list>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

bool readValue(int *out);

// Trip count unknown when the loop starts.
void unknownTripCount(std::vector<int> &input) {
  std::vector<int> read;
  int value;
  while (readValue(&value))
    read.push_back(value);

  std::vector<int> drained;
  for (int i = 0; i < 10; ++i) {
    if (i == 3)
      return;
    drained.push_back(i);
  }

  std::vector<int> changedCounter;
  for (int i = 0; i < 10; ++i) {
    changedCounter.push_back(i);
    i += value;
  }

  int limit = 10;
  std::vector<int> changedBound;
  for (int i = 0; i < limit; ++i) {
    changedBound.push_back(i);
    --limit;
  }

  std::vector<int> growingRange = {1, 2};
  std::vector<int> mirror;
  for (size_t i = 0; i < growingRange.size(); ++i) {
    mirror.push_back(growingRange[i]);
    if (growingRange[i] < 0)
      growingRange.push_back(0);
  }
}

// The append does not run exactly once per iteration.
void conditionalAppends(const std::vector<int> &values) {
  std::vector<int> positives;
  for (int v : values)
    if (v > 0)
      positives.push_back(v);

  std::vector<int> afterContinue;
  for (int v : values) {
    if (v < 0)
      continue;
    afterContinue.push_back(v);
  }

  std::vector<int> afterBreak;
  for (int v : values) {
    if (v == 0)
      break;
    afterBreak.push_back(v);
  }

  std::vector<int> inSwitch;
  for (int v : values) {
    switch (v) {
    case 1:
      inSwitch.push_back(v);
      break;
    default:
      break;
    }
  }

  std::vector<int> inInnerLoop;
  for (int v : values)
    for (int w = 0; w < v; ++w)
      inInnerLoop.push_back(w);

  std::vector<int> inTernary;
  for (int v : values)
    v > 0 ? inTernary.push_back(v) : void();

  std::vector<int> inLambda;
  for (int v : values) {
    auto add = [&] { inLambda.push_back(v); };
    (void)add;
  }
}

// Containers without reserve(), or already sized.
void noReserveNeeded(const std::vector<int> &values, int n) {
  std::deque<int> deque;
  std::list<int> list;
  std::map<int, int> ordered;
  std::set<int> set;
  for (int v : values) {
    deque.push_back(v);
    list.push_back(v);
    ordered[v] = 1;
    set.insert(v);
  }

  std::vector<int> reserved;
  reserved.reserve(values.size());
  for (int v : values)
    reserved.push_back(v);

  std::vector<int> resized;
  resized.resize(4);
  for (int v : values)
    resized.push_back(v);

  std::unordered_map<int, int> buckets(64);
  for (int v : values)
    buckets[v] = v;

  std::vector<int> cleared;
  for (int v : values) {
    cleared.push_back(v);
    if (v == 0)
      cleared.clear();
  }

  std::vector<int> sizedForOtherCount(3);
  for (int i = 0; i < n; ++i)
    sizedForOtherCount.push_back(i);

  std::vector<int> sizedAndUsed(static_cast<size_t>(n));
  sizedAndUsed[0] = 1;
  for (int i = 0; i < n; ++i)
    sizedAndUsed.push_back(i);
}

// A container that lives across an enclosing loop is not empty on later
// iterations; reserving size() + n there makes the loops quadratic.
void nestedLoops(const std::vector<std::vector<int>> &rows,
                 std::vector<int> &flat) {
  std::vector<int> all;
  for (const auto &row : rows)
    for (int v : row)
      all.push_back(v);
  for (const auto &row : rows) {
    for (int v : row)
      flat.push_back(v);
  }
}

// A container declared in the loop body is a new one on every iteration: it
// grows once, not once per iteration (taskwarrior's CmdSummary).
std::vector<int> parentsOf(int project);
void declaredInBody(const std::vector<int> &tasks, std::vector<int> &counts) {
  for (int task : tasks) {
    std::vector<int> projects = parentsOf(task);
    projects.push_back(task);
    for (int parent : projects)
      counts[parent]++;
  }
}

// Appending the range into itself or inserting ranges is not a single-element
// append.
void notSingleElement(const std::vector<std::vector<int>> &parts) {
  std::vector<int> joined;
  for (const auto &part : parts)
    joined.insert(joined.end(), part.begin(), part.end());
  std::string text;
  for (const auto &part : parts)
    text += std::to_string(part.size());
}

void suppressed(const std::vector<int> &values) {
  std::vector<int> kept;
  for (int v : values)
    kept.push_back(v); // NOLINT(maptidy-unreserved-append)
}
