// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// While loops, steps and nested loops whose trip count is not known before
// the loop: none may be reported.
#include <queue>
#include <string>
#include <vector>

bool more();

// A countdown whose counter the body writes, that counts up, or that stops
// elsewhere than at zero: the count is not the counter's value.
void countdowns(unsigned left, unsigned limit) {
  std::vector<unsigned> skipping;
  while (left--) {
    skipping.push_back(left);
    if (left > 2)
      --left;
  }

  std::vector<unsigned> upwards;
  while (limit++ < 10)
    upwards.push_back(limit);

  std::vector<unsigned> toOne;
  while (left-- > 1)
    toOne.push_back(left);

  std::vector<unsigned> preDecrement;
  while (--limit)
    preDecrement.push_back(limit);

}

void whileCounters(int count, std::vector<int> &bounds) {
  std::vector<int> skipped;
  int i = 0;
  while (i < count) {
    if (i == 2) {
      i += 2;
      continue;
    }
    skipped.push_back(i);
    ++i;
  }

  std::vector<int> twiceStepped;
  int j = 0;
  while (j < count) {
    twiceStepped.push_back(j);
    ++j;
    if (more())
      ++j;
  }

  std::vector<int> conditionalStep;
  int k = 0;
  while (k < count) {
    conditionalStep.push_back(k);
    if (more())
      ++k;
  }

  std::vector<int> movingBound;
  int m = 0;
  while (m < count) {
    movingBound.push_back(m);
    ++m;
    --count;
  }

  std::vector<int> unknown;
  while (more())
    unknown.push_back(1);
  (void)bounds;
}

void drains(std::queue<int> pending, std::queue<int> other) {
  std::vector<int> refilled;
  while (!pending.empty()) {
    refilled.push_back(pending.front());
    if (pending.front() > 0)
      pending.push(pending.front() - 1);
    pending.pop();
  }

  std::vector<int> notPopped;
  while (!pending.empty()) {
    notPopped.push_back(pending.front());
    other.pop();
  }

  std::vector<int> poppedTwice;
  while (!other.empty()) {
    poppedTwice.push_back(other.front());
    other.pop();
    other.pop();
  }
}

void steps(const std::vector<int> &values, int n) {
  std::vector<int> oddOffset;
  for (size_t i = 0; i + 2 < values.size(); i += 2)
    oddOffset.push_back(values[i]);

  std::vector<int> variableStep;
  for (int i = 0; i < n; i += n / 4 + 1)
    variableStep.push_back(i);
}

// The inner bound changes with the outer iteration, or the container outlives
// the loops without a clear().
void nested(const std::vector<std::vector<int>> &grid, int rows) {
  std::vector<int> ragged;
  for (const auto &row : grid)
    for (size_t c = 0; c < row.size(); ++c)
      ragged.push_back(row[c]);

  std::vector<int> triangle;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < r; ++c)
      triangle.push_back(c);

  std::vector<int> kept;
  for (const auto &row : grid) {
    for (int v : row)
      kept.push_back(v);
    kept.clear();
  }

  std::vector<int> clearedConditionally;
  for (const auto &row : grid) {
    if (row.empty())
      clearedConditionally.clear();
    for (int v : row)
      clearedConditionally.push_back(v);
  }

  std::vector<int> clearedOutside;
  for (int r = 0; r < rows; ++r) {
    clearedOutside.clear();
    for (const auto &row : grid)
      for (int v : row)
        clearedOutside.push_back(v);
  }
}

// Inner counts that a call computes anew on every outer iteration: the
// container's final size is a sum over the outer loop, not a product.
struct Network {
  const std::vector<int> &clients() const;
  int size() const;
};
std::vector<int> produce();
int measure(int row);

void nestedCalls(const std::vector<Network *> &networks, int rows) {
  std::vector<int> throughElement;
  for (const Network *network : networks)
    for (int client : network->clients())
      throughElement.push_back(client);

  std::vector<int> temporaryRange;
  for (int r = 0; r < rows; ++r)
    for (int v : produce())
      temporaryRange.push_back(v);

  std::vector<int> callBound;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < measure(r); ++c)
      callBound.push_back(c);

  std::vector<int> elementBound;
  for (const Network *network : networks)
    for (int c = 0; c < network->size(); ++c)
      elementBound.push_back(c);
}
