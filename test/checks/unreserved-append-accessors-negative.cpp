// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Bounds the loop body may change without naming them: through the pointer
// the bound dereferences, through a member function called on `this`, or a
// bound that asks a non-const member function. None may be reported.
#include <cstddef>
#include <string>
#include <vector>

class Descriptor {
public:
  int field_count() const;
  void add_field();
  int cursor();
};

void extend(Descriptor *d);

std::vector<int> growsThroughPointer(Descriptor *d) {
  std::vector<int> out;
  for (int i = 0; i < d->field_count(); i++) {
    out.push_back(i);
    if (i == 0)
      d->add_field();
  }
  return out;
}

std::vector<int> handedOn(Descriptor *d) {
  std::vector<int> out;
  for (int i = 0; i < d->field_count(); i++) {
    out.push_back(i);
    extend(d);
  }
  return out;
}

std::vector<int> pushedThroughPointer(std::vector<int> *items) {
  std::vector<int> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    out.push_back((*items)[i]);
    if ((*items)[i] > 0)
      items->push_back((*items)[i] - 1);
  }
  return out;
}

std::vector<int> nonConstBound(Descriptor &d) {
  std::vector<int> out;
  for (int i = 0; i < d.cursor(); i++)
    out.push_back(i);
  return out;
}

// A worklist: the member functions called in the body grow the vector the
// bound reads.
class Graph {
public:
  void walk();
  void walkVirtual();

private:
  void visit(int node) {
    if (node > 0)
      enqueue(node - 1);
  }
  void enqueue(int node) { queue_.push_back(node); }
  virtual void visitOverridable(int node);

  std::vector<int> queue_;
  std::vector<int> order_;
};

void Graph::walk() {
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    order_.push_back(queue_[i]);
    visit(queue_[i]);
  }
}

void Graph::walkVirtual() {
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    order_.push_back(queue_[i]);
    visitOverridable(queue_[i]);
  }
}

void Graph::visitOverridable(int) {}
