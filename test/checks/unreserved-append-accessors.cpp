// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Loops bounded by a const accessor of a count (`d->field_count()`, as
// generated and reflection APIs spell them) that the body cannot change:
// reported with the accessor repeated in the reserve().
#include <string>
#include <vector>

class Descriptor {
public:
  int field_count() const;
  const std::string *field(int i) const;
  unsigned NumRows() const;
  const std::string &name() const;
  void Rename(const std::string &to);
};

class FileGenerator {
public:
  void collect();
  void label(std::vector<std::string> &out);
  void formatRows(std::vector<std::string> &out);

private:
  std::string prefixed(const std::string &name) const;
  void note(int i) { notes_.push_back(i); }
  std::string format(int row);

  const Descriptor *descriptor_;
  std::vector<const std::string *> fields_;
  std::vector<int> rows_;
  std::vector<int> notes_;
};

void FileGenerator::collect() {
  for (int i = 0; i < descriptor_->field_count(); i++)
    fields_.push_back(descriptor_->field(i));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'fields_' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  fields_.reserve(fields_.size() + std::max(descriptor_->field_count(), 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < descriptor_->field_count(); i++){{$}}
}

// A member function of the class called in the body, whose body is seen and
// does not write the vector the bound reads.
void FileGenerator::label(std::vector<std::string> &out) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    labels.push_back(prefixed(std::to_string(rows_[i])));
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'labels' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  labels.reserve(rows_.size());{{$}}
    note(rows_[i]);
  }
  out = labels;
}

std::vector<int> rowsOf(const Descriptor &d) {
  std::vector<int> rows;
  for (unsigned r = 0; r < d.NumRows(); ++r)
    rows.push_back(static_cast<int>(r));
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'rows' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  rows.reserve(d.NumRows());{{$}}
  return rows;
}

// A mutable descriptor whose body only reads it.
std::vector<std::string> namesOf(Descriptor *d) {
  std::vector<std::string> names;
  for (int i = 0; i < d->field_count(); ++i)
    names.push_back(*d->field(i) + d->name());
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'names' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  names.reserve(std::max(d->field_count(), 0));{{$}}
  return names;
}

// A count that starts from a bound read through a pointer is one term of the
// sum.
struct Window {
  std::vector<unsigned> seen_;
  void fill(const Descriptor *d, unsigned first) {
    for (unsigned i = first; i < d->NumRows(); ++i)
      seen_.push_back(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'seen_' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
      // CHECK-FIXES: {{^}}    seen_.reserve(seen_.size() + (d->NumRows() > first ? d->NumRows() - first : 0));{{$}}
  }
};

// Range-for over a const getter that returns a reference to a container:
// its size() is spelled through the getter. A getter returning a copy is
// still reported, without a fix (the reserve() would copy it once more).
class Catalog {
public:
  const std::vector<std::string> &items() const { return items_; }
  std::vector<std::string> snapshot() const { return items_; }

private:
  std::vector<std::string> items_;
};

std::vector<std::size_t> lengths(const Catalog &catalog, const Catalog *other) {
  std::vector<std::size_t> sizes;
  for (const std::string &item : catalog.items())
    sizes.push_back(item.size());
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'sizes' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  sizes.reserve(catalog.items().size());{{$}}
  std::vector<std::size_t> more;
  for (const std::string &item : other->items())
    more.push_back(item.size());
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'more' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  more.reserve(other->items().size());{{$}}
  std::vector<std::size_t> copied;
  for (const std::string &item : catalog.snapshot())
    copied.push_back(item.size());
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'copied' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the iteration count cannot be computed safely before the loop; no fix is offered
  sizes.insert(sizes.end(), more.begin(), more.end());
  sizes.insert(sizes.end(), copied.begin(), copied.end());
  return sizes;
}

// A member function defined in another file is taken not to write the
// members, as a free function is.
void FileGenerator::formatRows(std::vector<std::string> &out) {
  std::vector<std::string> formatted;
  for (int row : rows_)
    formatted.push_back(format(row));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'formatted' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  formatted.reserve(rows_.size());{{$}}
  out = formatted;
}
